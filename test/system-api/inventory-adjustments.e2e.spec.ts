import { StockFixtures } from '../factories/stock.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';

describe('system API: inventory adjustments', () => {
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
      .send({ quantity: '1', reference: 'PO-10422', ...body });
    return gateway.expectContract('postInventoryReceipt', response);
  }

  async function adjust(body: Record<string, unknown>) {
    const response = await gateway
      .http()
      .post('/system/v1/inventory-adjustments')
      .send({ reasonCode: 'cycle_count', ...body });
    return gateway.expectContract('postInventoryAdjustment', response);
  }

  describe('adjustments', () => {
    it('takes stock out and puts it back with a reason, in any configured unit', async () => {
      const { warehouseId, itemId } = await stock.stockedItem();
      await receive({ warehouseId, itemId, quantity: '30' });
      const damaged = await adjust({
        warehouseId,
        itemId,
        quantity: '-1',
        uom: 'BX',
        reasonCode: 'damage',
        reason: 'forklift: crushed box',
        reference: 'INC-7',
      });
      expect(damaged.status).toBe(201);
      expect(damaged.body.movement).toMatchObject({
        type: 'adjustment',
        quantity: '-10',
        unit: 'EA',
        reasonCode: 'damage',
        reason: 'forklift: crushed box',
        reference: 'INC-7',
      });
      expect(damaged.body.balance).toMatchObject({ onHand: '20', available: '20', version: 2 });
      const found = await adjust({ warehouseId, itemId, quantity: '3', reasonCode: 'found' });
      expect(found.body.movement).toMatchObject({
        quantity: '3',
        reasonCode: 'found',
        reason: null,
        reference: null,
      });
      expect(found.body.balance.onHand).toBe('23');
      expect(await stock.movements(warehouseId, itemId)).toEqual({ count: 3, sum: '23.0000' });
    });

    it('never takes on hand below allocated: 409 with the available quantity, nothing written', async () => {
      const { warehouseId, itemId } = await stock.stockedItem('10', '8');
      const before = await stock.snapshot({ warehouseId, itemId });
      const refused = await adjust({
        warehouseId,
        itemId,
        quantity: '-3',
        reasonCode: 'shrinkage',
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'INVENTORY.INSUFFICIENT_STOCK',
        available: '2',
        unit: 'EA',
      });
      expect(refused.body.detail).toContain('2 EA available');
      expect(refused.body.errors[0]).toMatchObject({
        path: '/body/quantity',
        rule: 'available-stock',
      });
      expect(await stock.snapshot({ warehouseId, itemId })).toEqual(before);
      const exact = await adjust({ warehouseId, itemId, quantity: '-2', reasonCode: 'shrinkage' });
      expect(exact.status).toBe(201);
      expect(exact.body.balance).toMatchObject({ onHand: '8', allocated: '8', available: '0' });
    });

    it('never takes on hand below zero', async () => {
      const { warehouseId, itemId } = await stock.stockedItem('4');
      const before = await stock.snapshot({ warehouseId, itemId });
      const refused = await adjust({
        warehouseId,
        itemId,
        quantity: '-1',
        uom: 'CS',
        reasonCode: 'correction',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain('4 EA available');
      expect(await stock.snapshot({ warehouseId, itemId })).toEqual(before);
    });

    it.each([
      ['no balance yet', {}, '/body/itemId', 'balance-exists'],
      ['an unknown warehouse', { warehouseId: UNKNOWN_ID }, '/body/warehouseId', 'exists'],
      ['an unknown item', { itemId: UNKNOWN_ID }, '/body/itemId', 'exists'],
    ])('answers 422 for %s, writing nothing', async (_label, overrides, path, rule) => {
      const { warehouseId, itemId } = await stock.stockedItem();
      const before = await stock.snapshot({ warehouseId, itemId });
      const response = await adjust({
        warehouseId,
        itemId,
        quantity: '5',
        reasonCode: 'found',
        ...overrides,
      });
      expect(response.status).toBe(422);
      expect(response.body.errors[0]).toMatchObject({ path, rule });
      expect(await stock.snapshot({ warehouseId, itemId })).toEqual(before);
    });

    it.each([
      ['a zero adjustment', { quantity: '0' }, '/body/quantity', 'not-zero'],
      ['a negative zero', { quantity: '-0.0' }, '/body/quantity', 'not-zero'],
      [
        'a fraction of a countable unit',
        { quantity: '-0.5' },
        '/body/quantity',
        'UOM.FRACTION_NOT_ALLOWED',
      ],
      [
        'a unit the item is not set up for',
        { quantity: '-1', uom: 'PL' },
        '/body/uom',
        'UOM.NOT_CONVERTIBLE',
      ],
      ['an unknown reason', { reasonCode: 'theft' }, '/body/reasonCode', 'enum'],
      ['no reason code', { reasonCode: undefined }, '/body/reasonCode', 'required'],
      ['a malformed quantity', { quantity: '1e3' }, '/body/quantity', 'pattern'],
    ])(
      'rejects %s with 400 naming the field, writing nothing',
      async (_label, overrides, path, rule) => {
        const { warehouseId, itemId } = await stock.stockedItem('7');
        const before = await stock.snapshot({ warehouseId, itemId });
        const response = await adjust({ warehouseId, itemId, quantity: '-1', ...overrides });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ path, rule })]),
        );
        expect(await stock.snapshot({ warehouseId, itemId })).toEqual(before);
      },
    );
  });
});
