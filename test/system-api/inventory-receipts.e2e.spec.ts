import { StockFixtures } from '../factories/stock.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';

describe('system API: inventory receipts', () => {
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

  describe('receipts', () => {
    it('creates the balance on the first receipt, adds to it after, and counts in base units', async () => {
      const { warehouseId, itemId, sku } = await stock.stockedItem();
      const first = await receive({
        warehouseId,
        itemId,
        quantity: '2',
        uom: 'BX',
        reference: 'ASN-77',
      });
      expect(first.status).toBe(201);
      expect(first.body.movement).toMatchObject({
        type: 'receipt',
        quantity: '20',
        unit: 'EA',
        reference: 'ASN-77',
        reasonCode: null,
        actor: null,
      });
      expect(first.body.balance).toMatchObject({
        sku,
        unit: 'EA',
        onHand: '20',
        allocated: '0',
        available: '20',
        version: 1,
      });
      const second = await receive({ warehouseId, itemId, quantity: '5' });
      expect(second.body.balance).toMatchObject({
        id: first.body.balance.id,
        onHand: '25',
        version: 2,
      });
      const read = gateway.expectContract(
        'getInventoryBalance',
        await gateway.http().get(`/system/v1/inventory-balances/${first.body.balance.id}`),
      );
      expect(read.headers.etag).toBe('"2"');
      expect(read.body).toEqual(second.body.balance);
      expect(await stock.movements(warehouseId, itemId)).toEqual({ count: 2, sum: '25.0000' });
    });

    it('converts fractional units exactly and refuses what has no exact base quantity', async () => {
      const warehouse = await stock.warehouse();
      const cable = await stock.item('M', { RL: '152.4', FT: '0.3048' });
      const key = { warehouseId: warehouse.id, itemId: cable.id };
      expect((await receive({ ...key, quantity: '2', uom: 'RL' })).body.balance.onHand).toBe(
        '304.8',
      );
      expect((await receive({ ...key, quantity: '10', uom: 'FT' })).body.balance.onHand).toBe(
        '307.848',
      );
      const inexact = await receive({ ...key, quantity: '1.5', uom: 'FT' });
      expect(inexact.status).toBe(400);
      expect(inexact.body.errors[0]).toMatchObject({
        path: '/body/quantity',
        rule: 'QUANTITY.TOO_MANY_DECIMALS',
      });
      expect((await stock.balance(warehouse.id, cable.id))?.onHand).toBe('307.8480');
    });

    it.each([
      [
        'a fraction of a countable unit',
        { quantity: '1.5' },
        '/body/quantity',
        'UOM.FRACTION_NOT_ALLOWED',
      ],
      [
        'a fraction of a box',
        { quantity: '0.5', uom: 'BX' },
        '/body/quantity',
        'UOM.FRACTION_NOT_ALLOWED',
      ],
      ['a unit the item is not set up for', { uom: 'KG' }, '/body/uom', 'UOM.NOT_CONVERTIBLE'],
      ['a unit outside the catalogue', { uom: 'BAG' }, '/body/uom', 'enum'],
      ['a zero quantity', { quantity: '0' }, '/body/quantity', 'QUANTITY.NOT_POSITIVE'],
      ['a negative quantity', { quantity: '-3' }, '/body/quantity', 'pattern'],
      ['a float quantity', { quantity: 2 }, '/body/quantity', 'type'],
      [
        'more than a balance can hold',
        { quantity: '999999999999999', uom: 'CS' },
        '/body/quantity',
        'maximum',
      ],
      ['no reference', { reference: undefined }, '/body/reference', 'required'],
      [
        'a receipt dated in the future',
        { receivedAt: '2999-01-01T00:00:00Z' },
        '/body/receivedAt',
        'not-in-future',
      ],
      ['a malformed receipt date', { receivedAt: '2024-13-01' }, '/body/receivedAt', 'format'],
      ['an unknown field', { lot: 'A1' }, '/body/lot', 'additionalProperties'],
    ])(
      'rejects %s with 400 naming the field, writing nothing',
      async (_label, overrides, path, rule) => {
        const { warehouseId, itemId } = await stock.stockedItem('7');
        const before = await stock.snapshot({ warehouseId, itemId });
        const response = await receive({ warehouseId, itemId, ...overrides });
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ path, rule })]),
        );
        expect(await stock.snapshot({ warehouseId, itemId })).toEqual(before);
      },
    );

    it.each([
      ['an unknown warehouse', { warehouseId: UNKNOWN_ID }, '/body/warehouseId', 'exists'],
      ['an unknown item', { itemId: UNKNOWN_ID }, '/body/itemId', 'exists'],
    ])('answers 422 for %s, writing nothing', async (_label, overrides, path, rule) => {
      const { warehouseId, itemId } = await stock.stockedItem();
      const before = await stock.snapshot({ warehouseId, itemId });
      const response = await receive({ warehouseId, itemId, ...overrides });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'RESOURCE.REFERENCE_NOT_FOUND',
        errors: [{ path, rule }],
      });
      expect(await stock.snapshot({ warehouseId, itemId })).toEqual(before);
    });

    it('answers 422 for an inactive warehouse', async () => {
      const warehouse = await stock.warehouse({ active: false });
      const item = await stock.item('EA');
      const response = await receive({ warehouseId: warehouse.id, itemId: item.id });
      expect(response.status).toBe(422);
      expect(response.body.errors[0]).toMatchObject({ path: '/body/warehouseId', rule: 'active' });
      expect(await stock.balance(warehouse.id, item.id)).toBeUndefined();
    });
  });
});
