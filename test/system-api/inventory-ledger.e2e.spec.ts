import { StockFixtures } from '../factories/stock.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';

describe('system API: inventory balances and ledger', () => {
  let gateway: TestGateway;
  let stock: StockFixtures;

  beforeAll(async () => {
    gateway = await startTestGateway();
    stock = await StockFixtures.connect(gateway.database.url);
  });
  afterAll(async () => {
    await stock.close();
    await gateway.close();
  });

  async function receive(body: Record<string, unknown>) {
    const response = await gateway
      .http()
      .post('/system/v1/inventory-receipts')
      .send({ reference: 'PO-1', ...body });
    return gateway.expectContract('postInventoryReceipt', response);
  }

  describe('balances', () => {
    it('reads a balance with its ETag; available is on hand minus allocated', async () => {
      const warehouse = await stock.warehouse();
      const item = await stock.item('EA');
      const id = await stock.setBalance(warehouse.id, item.id, '12', '5');
      const read = gateway.expectContract(
        'getInventoryBalance',
        await gateway.http().get(`/system/v1/inventory-balances/${id}`),
      );
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toMatchObject({
        id,
        warehouseId: warehouse.id,
        warehouseCode: warehouse.code,
        itemId: item.id,
        sku: item.sku,
        unit: 'EA',
        onHand: '12',
        allocated: '5',
        available: '7',
      });
      const unknown = gateway.expectContract(
        'getInventoryBalance',
        await gateway.http().get(`/system/v1/inventory-balances/${UNKNOWN_ID}`),
      );
      expect(unknown.status).toBe(404);
    });

    it('filters by warehouse, item, SKU and availability, paging by warehouse code then SKU', async () => {
      const warehouse = await stock.warehouse();
      const items = [await stock.item('EA'), await stock.item('EA'), await stock.item('KG')];
      await stock.setBalance(warehouse.id, items[0].id, '10', '0');
      await stock.setBalance(warehouse.id, items[1].id, '4', '4');
      await stock.setBalance(warehouse.id, items[2].id, '2.5', '1');
      const list = async (query: Record<string, unknown>) =>
        gateway.expectContract(
          'listInventoryBalances',
          await gateway.http().get('/system/v1/inventory-balances').query(query),
        );
      const skus = (response: { body: { items: { sku: string }[] } }) =>
        response.body.items.map((b) => b.sku);
      const sorted = items.map((item) => item.sku).sort();
      const first = await list({ warehouseId: warehouse.id, limit: 2 });
      expect(skus(first)).toEqual(sorted.slice(0, 2));
      const second = await list({
        warehouseId: warehouse.id,
        limit: 2,
        cursor: first.body.nextCursor,
      });
      expect(skus(second)).toEqual(sorted.slice(2));
      expect(second.body.nextCursor).toBeNull();
      const available = await list({ warehouseId: warehouse.id, available: true });
      expect(skus(available).sort()).toEqual([items[0].sku, items[2].sku].sort());
      const exhausted = await list({ warehouseId: warehouse.id, available: false });
      expect(skus(exhausted)).toEqual([items[1].sku]);
      expect(skus(await list({ sku: items[2].sku }))).toEqual([items[2].sku]);
      const byItem = await list({ itemId: items[2].id });
      expect(byItem.body.items[0]).toMatchObject({
        unit: 'KG',
        onHand: '2.5',
        allocated: '1',
        available: '1.5',
      });
    });

    it.each([
      [{ warehouse: 'x' }, '/query/warehouse', 'additionalProperties'],
      [{ warehouseId: 'not-a-uuid' }, '/query/warehouseId', 'format'],
      [{ available: 'maybe' }, '/query/available', 'type'],
      [{ limit: '201' }, '/query/limit', 'maximum'],
      [{ cursor: 'bm9wZQ' }, '/query/cursor', 'cursor'],
    ])('rejects query %j', async (query, path, rule) => {
      const response = gateway.expectContract(
        'listInventoryBalances',
        await gateway.http().get('/system/v1/inventory-balances').query(query),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ path, rule });
    });
  });

  describe('ledger', () => {
    it('lists movements oldest first, pages with a cursor and filters by time window', async () => {
      const warehouse = await stock.warehouse();
      const item = await stock.item('EA');
      for (const month of ['01', '02', '03']) {
        const receipt = await receive({
          warehouseId: warehouse.id,
          itemId: item.id,
          quantity: month,
          reference: `ASN-${month}`,
          receivedAt: `2024-${month}-01T08:00:00Z`,
        });
        expect(receipt.status).toBe(201);
        expect(receipt.body.movement.occurredAt).toBe(`2024-${month}-01T08:00:00.000Z`);
      }
      const list = async (query: Record<string, unknown>) =>
        gateway.expectContract(
          'listInventoryMovements',
          await gateway.http().get('/system/v1/inventory-movements').query(query),
        );
      const references = (response: { body: { items: { reference: string }[] } }) =>
        response.body.items.map((m) => m.reference);
      const first = await list({ warehouseId: warehouse.id, itemId: item.id, limit: 2 });
      expect(references(first)).toEqual(['ASN-01', 'ASN-02']);
      const second = await list({
        warehouseId: warehouse.id,
        itemId: item.id,
        limit: 2,
        cursor: first.body.nextCursor,
      });
      expect(references(second)).toEqual(['ASN-03']);
      expect(second.body.nextCursor).toBeNull();
      const window = await list({
        itemId: item.id,
        from: '2024-01-15T00:00:00Z',
        to: '2024-03-01T08:00:00Z',
      });
      expect(references(window)).toEqual(['ASN-02']);
      expect(window.body.items[0]).toMatchObject({
        type: 'receipt',
        quantity: '2',
        unit: 'EA',
        reasonCode: null,
      });
    });

    it.each([
      [{ type: 'theft' }, '/query/type', 'enum'],
      [{ from: 'yesterday' }, '/query/from', 'format'],
      [{ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }, '/query/to', 'after-from'],
      [{ sku: 'X' }, '/query/sku', 'additionalProperties'],
      [
        { cursor: Buffer.from('["2024-01-01", "x"]').toString('base64url') },
        '/query/cursor',
        'cursor',
      ],
    ])('rejects query %j', async (query, path, rule) => {
      const response = gateway.expectContract(
        'listInventoryMovements',
        await gateway.http().get('/system/v1/inventory-movements').query(query),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ path, rule });
    });
  });
});
