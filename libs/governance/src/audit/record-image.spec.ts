import { ENTITIES, SalesOrder, SalesOrderLine, SnakeCaseNamingStrategy } from '@o2c/persistence';
import { DataSource, type EntityMetadata } from 'typeorm';
import { canonicalImage } from './audit-image';
import { columnValues, fullImage, RecordImageWriter } from './record-image';

/** TypeORM metadata of the real entities, built without a database connection. */
async function metadataOf(target: object): Promise<EntityMetadata> {
  const dataSource = new DataSource({
    type: 'postgres',
    entities: ENTITIES,
    namingStrategy: new SnakeCaseNamingStrategy(),
  });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return dataSource.getMetadata(target as never);
}

describe('RecordImageWriter', () => {
  it('writes the canonical image the generic path writes, text for text', async () => {
    const metadata = await metadataOf(SalesOrderLine);
    const line = Object.assign(new SalesOrderLine(), {
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      version: 1,
      createdAt: new Date('2026-11-27T03:14:51.835Z'),
      updatedAt: new Date('2026-11-27T03:14:51.835Z'),
      orderId: 'a1b2c3d4-0000-4000-8000-000000000002',
      lineNumber: 3,
      itemId: 'a1b2c3d4-0000-4000-8000-000000000003',
      customerItemNumber: 'ACME "7731" \\ ü',
      quantity: '2',
      uom: 'CS',
      baseQuantity: '24.5',
      requestedUnitPrice: null,
      contractUnitPrice: '102.123456',
      unitPrice: '102.12',
      priceSource: 'contract',
      lineTotal: '204.2400',
      status: 'accepted',
      substitutedForItemId: null,
      quantityAllocated: '24',
      quantityShipped: '0',
      quantityBackordered: '0.5',
      // quantityRejected left unset: absent from both images
    });
    const generic = canonicalImage(fullImage(metadata, columnValues(metadata, line) ?? {}));
    expect(new RecordImageWriter(metadata).canonical(line)).toEqual(generic);
  });

  it('serialises instants, booleans, numbers and nulls as the generic path does', async () => {
    const metadata = await metadataOf(SalesOrder);
    const order = Object.assign(new SalesOrder(), {
      id: 'a1b2c3d4-0000-4000-8000-000000000004',
      version: 2,
      createdAt: new Date(0),
      updatedAt: new Date('invalid'),
      orderNumber: 'SO000000001',
      customerId: 'a1b2c3d4-0000-4000-8000-000000000005',
      channel: 'edi',
      externalPoNumber: null,
      touchless: false,
      revision: 1,
      subtotal: '1e3',
    });
    const generic = canonicalImage(fullImage(metadata, columnValues(metadata, order) ?? {}));
    expect(new RecordImageWriter(metadata).canonical(order)).toEqual(generic);
  });
});
