import { StockFixtures } from '../factories/stock.factory';
import { uniqueWarehouseCode, warehouseBody } from '../factories/warehouse.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';

describe('system API: inventory warehouses', () => {
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

  async function createWarehouse(overrides: Record<string, unknown> = {}) {
    const response = await gateway
      .http()
      .post('/system/v1/warehouses')
      .send(warehouseBody(overrides));
    return gateway.expectContract('createWarehouse', response);
  }

  describe('warehouses', () => {
    it('creates a warehouse with 201, ETag and Location, and reads it back', async () => {
      const created = await createWarehouse({ active: undefined });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.headers.location).toBe(`/system/v1/warehouses/${created.body.id}`);
      expect(created.body).toMatchObject({ regionsServed: ['US-WEST'], active: true, version: 1 });
      const read = gateway.expectContract(
        'getWarehouse',
        await gateway.http().get(`/system/v1/warehouses/${created.body.id}`),
      );
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(created.body);
    });

    it('pages by code with an opaque cursor and filters by region and active', async () => {
      const region = `US-${uniqueWarehouseCode('R')}`;
      const prefix = uniqueWarehouseCode('PG');
      for (const n of [3, 1, 2])
        await createWarehouse({ code: `${prefix}-${n}`, regionsServed: [region] });
      await createWarehouse({ code: `${prefix}-4`, regionsServed: [region], active: false });
      const list = async (query: Record<string, unknown>) =>
        gateway.expectContract(
          'listWarehouses',
          await gateway.http().get('/system/v1/warehouses').query(query),
        );
      const first = await list({ region, active: true, limit: 2 });
      expect(first.status).toBe(200);
      expect(first.body.items.map((w: { code: string }) => w.code)).toEqual([
        `${prefix}-1`,
        `${prefix}-2`,
      ]);
      const second = await list({ region, active: true, limit: 2, cursor: first.body.nextCursor });
      expect(second.body.items.map((w: { code: string }) => w.code)).toEqual([`${prefix}-3`]);
      expect(second.body.nextCursor).toBeNull();
      const inactive = await list({ region, active: false });
      expect(inactive.body.items.map((w: { code: string }) => w.code)).toEqual([`${prefix}-4`]);
    });

    it('updates with the current ETag; the code is permanent', async () => {
      const created = await createWarehouse();
      const id = created.body.id as string;
      const updated = gateway.expectContract(
        'updateWarehouse',
        await gateway
          .http()
          .patch(`/system/v1/warehouses/${id}`)
          .set('if-match', created.headers.etag)
          .send({ name: 'Reno DC 2', regionsServed: ['US-WEST', 'US-MOUNTAIN'], active: false }),
      );
      expect(updated.status).toBe(200);
      expect(updated.headers.etag).toBe('"2"');
      expect(updated.body).toMatchObject({
        name: 'Reno DC 2',
        active: false,
        version: 2,
        code: created.body.code,
      });
      const recode = gateway.expectContract(
        'updateWarehouse',
        await gateway
          .http()
          .patch(`/system/v1/warehouses/${id}`)
          .set('if-match', '"2"')
          .send({ code: 'NEW-1' }),
      );
      expect(recode.status).toBe(400);
      expect(recode.body.errors[0]).toMatchObject({
        path: '/body/code',
        rule: 'unevaluatedProperties',
      });
    });

    it('answers 412 for a stale ETag, 428 without one, and leaves the warehouse unchanged', async () => {
      const created = await createWarehouse();
      const url = `/system/v1/warehouses/${created.body.id}`;
      await gateway.http().patch(url).set('if-match', '"1"').send({ name: 'First' }).expect(200);
      const stale = gateway.expectContract(
        'updateWarehouse',
        await gateway.http().patch(url).set('if-match', '"1"').send({ name: 'Second' }),
      );
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(stale.body).toMatchObject({
        code: 'CONCURRENCY.PRECONDITION_FAILED',
        currentETag: '"2"',
      });
      const missing = gateway.expectContract(
        'updateWarehouse',
        await gateway.http().patch(url).send({ name: 'Third' }),
      );
      expect(missing.status).toBe(428);
      expect(missing.body.errors[0]).toMatchObject({ path: '/headers/if-match', rule: 'required' });
      const read = gateway.expectContract('getWarehouse', await gateway.http().get(url));
      expect(read.body).toMatchObject({ name: 'First', version: 2 });
    });

    it('answers 409 naming /body/code for a duplicate code, writing nothing', async () => {
      const first = await createWarehouse();
      const before = await stock.count('warehouses');
      const duplicate = await createWarehouse({ code: first.body.code });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'RESOURCE.ALREADY_EXISTS' });
      expect(duplicate.body.errors[0]).toMatchObject({
        path: '/body/code',
        rule: 'unique:uq_warehouses_code',
      });
      expect(await stock.count('warehouses')).toBe(before);
    });

    it.each([
      ['a lower-case code', { code: 'reno' }, '/body/code', 'pattern'],
      ['a malformed region', { regionsServed: ['west'] }, '/body/regionsServed/0', 'pattern'],
      [
        'a repeated region',
        { regionsServed: ['US-WEST', 'US-WEST'] },
        '/body/regionsServed',
        'uniqueItems',
      ],
      ['a missing address', { address: undefined }, '/body/address', 'required'],
      ['an unknown field', { manager: 'pat' }, '/body/manager', 'unevaluatedProperties'],
    ])('rejects %s with 400, writing nothing', async (_label, overrides, path, rule) => {
      const before = await stock.count('warehouses');
      const response = await createWarehouse(overrides);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule })]),
      );
      expect(await stock.count('warehouses')).toBe(before);
    });

    it.each([
      [{ colour: 'red' }, '/query/colour', 'additionalProperties'],
      [{ region: 'west' }, '/query/region', 'pattern'],
      [{ active: 'sometimes' }, '/query/active', 'type'],
    ])('rejects query %j', async (query, path, rule) => {
      const response = gateway.expectContract(
        'listWarehouses',
        await gateway.http().get('/system/v1/warehouses').query(query),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ path, rule });
    });

    it('answers 404 for an unknown warehouse and 400 for a malformed id', async () => {
      const unknown = gateway.expectContract(
        'getWarehouse',
        await gateway.http().get(`/system/v1/warehouses/${UNKNOWN_ID}`),
      );
      expect(unknown.status).toBe(404);
      const malformed = gateway.expectContract(
        'getWarehouse',
        await gateway.http().get('/system/v1/warehouses/nope'),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0]).toMatchObject({ path: '/path/warehouseId', rule: 'format' });
    });
  });
});
