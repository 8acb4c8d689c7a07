import type { TokenRequest } from '@o2c/governance';
import { itemBody } from '../factories/item.factory';
import { priceAgreementBody } from '../factories/price-agreement.factory';
import { StockFixtures } from '../factories/stock.factory';
import { warehouseBody } from '../factories/warehouse.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { auditTrailHarness, expectCreation, expectUpdate } from './audit-trail.harness';

describe('audit trail: every authenticated write, in the transaction of the change', () => {
  let gateway: TestGateway;
  let stock: StockFixtures;
  let audit: ReturnType<typeof auditTrailHarness>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    stock = await StockFixtures.connect(gateway.database.url);
    audit = auditTrailHarness(gateway);
  });
  afterAll(async () => {
    await stock.close();
    await gateway.close();
  });

  describe('customers', () => {
    it('records a creation: the customer and each ship-to, with no before', async () => {
      const { response, requestId } = await audit.createCustomer();
      const customer = await audit.rowFor(
        requestId,
        'customers',
        response.body.id,
        'createCustomer',
      );
      expectCreation(customer, {
        id: response.body.id,
        customerNumber: response.body.customerNumber,
        creditLimit: '50000.0000',
        version: 1,
      });
      const shipToId = response.body.shipTos[0].id as string;
      const shipTo = await audit.rowFor(requestId, 'customer_ship_tos', shipToId, 'createCustomer');
      expectCreation(shipTo, { customerId: response.body.id, code: 'MAIN' });
      expect(await audit.rows(requestId)).toHaveLength(2);
    });

    it('records an update with both images, and who made it', async () => {
      const customerId = (await audit.createCustomer()).response.body.id as string;
      const rep: TokenRequest = {
        subject: 'rep-7',
        kind: 'sales_rep',
        scopes: audit.auditor.scopes,
        customerIds: [customerId],
      };
      const { response, requestId } = await audit.write({
        operationId: 'updateCustomer',
        method: 'patch',
        path: `/system/v1/customers/${customerId}`,
        body: { riskTier: 'high', creditLimit: { amount: '75000.00', currency: 'USD' } },
        ifMatch: '"1"',
        as: rep,
      });
      expect(response.status).toBe(200);
      const row = await audit.rowFor(
        requestId,
        'customers',
        customerId,
        'updateCustomer',
        'sales_rep:rep-7',
      );
      expectUpdate(
        row,
        { riskTier: 'medium', creditLimit: '50000.0000', version: 1 },
        { riskTier: 'high', creditLimit: '75000.0000', version: 2 },
      );
    });

    it('records a new ship-to and the customer whose version it moved', async () => {
      const customerId = (await audit.createCustomer()).response.body.id as string;
      const { response, requestId } = await audit.write({
        operationId: 'addCustomerShipTo',
        method: 'post',
        path: `/system/v1/customers/${customerId}/ship-tos`,
        body: {
          code: 'EAST',
          name: 'East dock',
          address: { line1: '9 Pier Rd', city: 'Newark', postalCode: '07102', country: 'US' },
          region: 'US-EAST',
        },
      });
      expect(response.status).toBe(201);
      const added = (response.body.shipTos as { id: string; code: string }[]).find(
        (shipTo) => shipTo.code === 'EAST',
      );
      const shipTo = await audit.rowFor(
        requestId,
        'customer_ship_tos',
        added?.id ?? '',
        'addCustomerShipTo',
      );
      expectCreation(shipTo, { code: 'EAST', customerId });
      const customer = await audit.rowFor(requestId, 'customers', customerId, 'addCustomerShipTo');
      expectUpdate(customer, { version: 1 }, { version: 2 });
    });
  });

  describe('catalog', () => {
    it('records an item, its conversions, and their replacement on update', async () => {
      const created = await audit.write({
        operationId: 'createItem',
        method: 'post',
        path: '/system/v1/items',
        body: itemBody(),
      });
      const itemId = created.response.body.id as string;
      expectCreation(await audit.rowFor(created.requestId, 'items', itemId, 'createItem'), {
        sku: created.response.body.sku,
        listPrice: '0.9500',
      });
      const createdRows = await audit.rows(created.requestId);
      expect(createdRows.filter((row) => row.object_type === 'item_uom_conversions')).toHaveLength(
        2,
      );

      const updated = await audit.write({
        operationId: 'updateItem',
        method: 'patch',
        path: `/system/v1/items/${itemId}`,
        body: { description: 'Hex bolt M8 x 45', conversions: [{ uom: 'CS', toBase: '24' }] },
        ifMatch: '"1"',
      });
      expect(updated.response.status).toBe(200);
      expectUpdate(
        await audit.rowFor(updated.requestId, 'items', itemId, 'updateItem'),
        { description: 'Hex bolt M8 x 40, zinc plated', version: 1 },
        { description: 'Hex bolt M8 x 45', version: 2 },
      );
      const conversions = (await audit.rows(updated.requestId)).filter(
        (row) => row.object_type === 'item_uom_conversions',
      );
      const removed = conversions.filter((row) => row.after === null);
      const added = conversions.filter((row) => row.before === null);
      expect(removed.map((row) => row.before?.uom).sort()).toEqual(['BX', 'CS']);
      expect(removed.every((row) => row.object_id !== null && row.after_digest === null)).toBe(
        true,
      );
      expect(added.map((row) => row.after)).toEqual([
        expect.objectContaining({ uom: 'CS', toBase: '24.00000000', itemId }),
      ]);
    });

    it('records a price agreement and its change', async () => {
      const customerId = (await audit.createCustomer()).response.body.id as string;
      const itemId = (await gateway.http().post('/system/v1/items').send(itemBody())).body.id;
      const created = await audit.write({
        operationId: 'createPriceAgreement',
        method: 'post',
        path: '/system/v1/price-agreements',
        body: priceAgreementBody(customerId, itemId),
      });
      const agreementId = created.response.body.id as string;
      const row = await audit.rowFor(
        created.requestId,
        'price_agreements',
        agreementId,
        'createPriceAgreement',
      );
      expectCreation(row, { customerId, itemId, contractPrice: '0.8500' });
      const updated = await audit.write({
        operationId: 'updatePriceAgreement',
        method: 'patch',
        path: `/system/v1/price-agreements/${agreementId}`,
        body: { unitPrice: { amount: '0.79', currency: 'USD' } },
        ifMatch: '"1"',
      });
      expect(updated.response.status).toBe(200);
      expectUpdate(
        await audit.rowFor(
          updated.requestId,
          'price_agreements',
          agreementId,
          'updatePriceAgreement',
        ),
        { contractPrice: '0.8500', version: 1 },
        { contractPrice: '0.7900', version: 2 },
      );
    });
  });

  describe('inventory', () => {
    it('records a warehouse and its change', async () => {
      const created = await audit.write({
        operationId: 'createWarehouse',
        method: 'post',
        path: '/system/v1/warehouses',
        body: warehouseBody(),
      });
      const warehouseId = created.response.body.id as string;
      expectCreation(
        await audit.rowFor(created.requestId, 'warehouses', warehouseId, 'createWarehouse'),
        {
          code: created.response.body.code,
          active: true,
        },
      );
      const updated = await audit.write({
        operationId: 'updateWarehouse',
        method: 'patch',
        path: `/system/v1/warehouses/${warehouseId}`,
        body: { active: false },
        ifMatch: '"1"',
      });
      expectUpdate(
        await audit.rowFor(updated.requestId, 'warehouses', warehouseId, 'updateWarehouse'),
        { active: true, version: 1 },
        { active: false, version: 2 },
      );
    });

    it('records raw-SQL stock postings explicitly: the balance before and after, and the movement', async () => {
      const { warehouseId, itemId } = await stock.stockedItem();
      const receipt = (quantity: string) =>
        audit.write({
          operationId: 'postInventoryReceipt',
          method: 'post',
          path: '/system/v1/inventory-receipts',
          body: { warehouseId, itemId, quantity, reference: 'PO-1' },
        });
      const first = await receipt('20');
      const balanceId = first.response.body.balance.id as string;
      expectCreation(
        await audit.rowFor(
          first.requestId,
          'inventory_balances',
          balanceId,
          'postInventoryReceipt',
        ),
        { onHand: '20.0000', version: 1 },
      );
      expectCreation(
        await audit.rowFor(
          first.requestId,
          'inventory_movements',
          first.response.body.movement.id,
          'postInventoryReceipt',
        ),
        { type: 'receipt', quantity: '20.0000', reference: 'PO-1' },
      );
      const second = await receipt('5');
      expectUpdate(
        await audit.rowFor(
          second.requestId,
          'inventory_balances',
          balanceId,
          'postInventoryReceipt',
        ),
        { onHand: '20.0000', version: 1 },
        { onHand: '25.0000', version: 2 },
      );
      const adjustment = await audit.write({
        operationId: 'postInventoryAdjustment',
        method: 'post',
        path: '/system/v1/inventory-adjustments',
        body: { warehouseId, itemId, quantity: '-3', reasonCode: 'damage' },
      });
      expect(adjustment.response.status).toBe(201);
      expectUpdate(
        await audit.rowFor(
          adjustment.requestId,
          'inventory_balances',
          balanceId,
          'postInventoryAdjustment',
        ),
        { onHand: '25.0000', version: 2 },
        { onHand: '22.0000', version: 3 },
      );
      expect(await audit.rows(adjustment.requestId)).toHaveLength(2);
    });
  });

  describe('governance', () => {
    it('records an API client without its hashed secrets', async () => {
      const customerId = (await audit.createCustomer()).response.body.id as string;
      const { response, requestId } = await audit.write({
        operationId: 'createApiClient',
        method: 'post',
        path: '/governance/v1/api-clients',
        body: {
          name: 'Globex EDI gateway',
          scopes: ['orders:read'],
          customerIds: [customerId],
          rateLimitPlan: 'sandbox',
        },
      });
      expect(response.status).toBe(201);
      const [row] = (await audit.rows(requestId)).filter(
        (entry) => entry.object_type === 'api_clients',
      );
      expect(row).toBeDefined();
      expect(row?.after).toMatchObject({
        clientId: response.body.clientId,
        secretHashes: '[redacted]',
      });
      expect(JSON.stringify(row?.after)).not.toContain(String(response.body.clientSecret));
    });
  });

  it('has seen an audit row for every write operation of the system APIs', () => {
    // Runs last: a write operation added to a system contract fails here until it is tested.
    const writes = [...gateway.contracts.operations.values()]
      .filter((operation) => operation.layer === 'system' && operation.method !== 'get')
      .map((operation) => operation.operationId)
      .sort();
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((operationId) => !audit.recorded.has(operationId))).toEqual([]);
  });
});
