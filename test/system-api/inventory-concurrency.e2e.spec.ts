import type { Response } from 'supertest';
import { StockFixtures } from '../factories/stock.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Stock postings racing over HTTP against real PostgreSQL: the guarded UPDATE and the upsert are
 * the only concurrency control, so these prove no update is lost and no stock is double-spent.
 */
describe('system API: inventory under concurrency', () => {
  let gateway: TestGateway;
  let stock: StockFixtures;

  beforeAll(async () => {
    // More connections than the default 4, so more transactions really overlap.
    gateway = await startTestGateway({ DATABASE_POOL_SIZE: '8' });
    stock = await StockFixtures.connect(gateway.database.url);
  });
  afterAll(async () => {
    await stock.close();
    await gateway.close();
  });

  function receive(body: Record<string, unknown>): Promise<Response> {
    return gateway
      .http()
      .post('/system/v1/inventory-receipts')
      .send({ reference: 'ASN-RACE', ...body });
  }

  function adjust(body: Record<string, unknown>): Promise<Response> {
    return gateway
      .http()
      .post('/system/v1/inventory-adjustments')
      .send({ reasonCode: 'shrinkage', ...body });
  }

  function statuses(responses: Response[], operationId: string): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const response of responses) {
      gateway.expectContract(operationId, response);
      counts[response.status] = (counts[response.status] ?? 0) + 1;
    }
    return counts;
  }

  it('40 concurrent adjustments of -1 against 10 on hand: exactly 10 succeed, none overdraw', async () => {
    const warehouse = await stock.warehouse();
    const item = await stock.item('EA');
    const key = { warehouseId: warehouse.id, itemId: item.id };
    expect((await receive({ ...key, quantity: '10' })).status).toBe(201);

    const responses = await Promise.all(
      Array.from({ length: 40 }, () => adjust({ ...key, quantity: '-1' })),
    );

    expect(statuses(responses, 'postInventoryAdjustment')).toEqual({ 201: 10, 409: 30 });
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body).toMatchObject({ code: 'INVENTORY.INSUFFICIENT_STOCK', available: '0' });
    }
    expect(await stock.balance(key.warehouseId, key.itemId)).toEqual({
      onHand: '0.0000',
      allocated: '0.0000',
      version: 11,
    });
    // The ledger reconciles: one receipt of 10 and ten adjustments of -1.
    expect(await stock.movements(key.warehouseId, key.itemId)).toEqual({
      count: 11,
      sum: '0.0000',
    });
  });

  it('concurrent first receipts for a balance that does not exist yet all land', async () => {
    const warehouse = await stock.warehouse();
    const item = await stock.item('EA', { BX: '10' });
    const key = { warehouseId: warehouse.id, itemId: item.id };
    const bodies = Array.from({ length: 30 }, (_, n) =>
      n % 2 === 0 ? { ...key, quantity: '1', uom: 'BX' } : { ...key, quantity: '3' },
    );

    const responses = await Promise.all(bodies.map((body) => receive(body)));

    expect(statuses(responses, 'postInventoryReceipt')).toEqual({ 201: 30 });
    const balanceIds = new Set(responses.map((response) => response.body.balance.id as string));
    expect(balanceIds.size).toBe(1);
    // 15 boxes of 10 and 15 times 3 each.
    expect(await stock.balance(key.warehouseId, key.itemId)).toEqual({
      onHand: '195.0000',
      allocated: '0.0000',
      version: 30,
    });
    expect(await stock.movements(key.warehouseId, key.itemId)).toEqual({
      count: 30,
      sum: '195.0000',
    });
  });

  it('receipts and adjustments interleaved keep on hand at or above allocated and match the ledger', async () => {
    const warehouse = await stock.warehouse();
    const item = await stock.item('EA');
    const key = { warehouseId: warehouse.id, itemId: item.id };
    expect((await receive({ ...key, quantity: '10' })).status).toBe(201);
    await stock.setBalance(key.warehouseId, key.itemId, '10', '5');

    // Two adjustments of -1, then a receipt of 1, twenty times over: 40 out, 20 in.
    const adjusting: Promise<Response>[] = [];
    const receiving: Promise<Response>[] = [];
    for (let n = 0; n < 60; n += 1) {
      if (n % 3 === 2) receiving.push(receive({ ...key, quantity: '1' }));
      else adjusting.push(adjust({ ...key, quantity: '-1' }));
    }
    const [adjustments, receipts] = await Promise.all([
      Promise.all(adjusting),
      Promise.all(receiving),
    ]);

    expect(statuses(receipts, 'postInventoryReceipt')).toEqual({ 201: 20 });
    const adjusted = statuses(adjustments, 'postInventoryAdjustment');
    const succeeded = adjusted[201] ?? 0;
    expect(succeeded + (adjusted[409] ?? 0)).toBe(40);
    // At least the 5 available at the start go out; never more than 5 + 20 received.
    expect(succeeded).toBeGreaterThanOrEqual(5);
    expect(succeeded).toBeLessThanOrEqual(25);
    const balance = await stock.balance(key.warehouseId, key.itemId);
    expect(Number(balance?.onHand)).toBe(10 + 20 - succeeded);
    expect(Number(balance?.onHand)).toBeGreaterThanOrEqual(5);
    expect(balance?.version).toBe(1 + 20 + succeeded);
    expect(await stock.movements(key.warehouseId, key.itemId)).toEqual({
      count: 1 + 20 + succeeded,
      sum: balance?.onHand,
    });
  });
});
