import { uniqueSku } from '../factories/item.factory';
import {
  type Body,
  CatalogApiClient,
  expectFieldError,
  expectProblem,
  ITEMS,
  UNKNOWN_ID,
} from './catalog-api.client';

const usd = (amount: unknown) => ({ amount, currency: 'USD' });
const conv = (uom: string, toBase: unknown) => ({ uom, toBase });
const skus = (response: { body: { items: { sku: string }[] } }) =>
  response.body.items.map((item) => item.sku);

/** Price agreements: catalog-price-agreements.e2e.spec.ts. */
describe('system API: catalog items', () => {
  let api: CatalogApiClient;

  beforeAll(async () => {
    api = await CatalogApiClient.start();
  });
  afterAll(() => api.close());

  describe('create, read, list, update', () => {
    it('creates an item with conversions and substitutes: 201, ETag, Location, readable back', async () => {
      const substitute = await api.createItem();
      const response = await api.createItem({ substitutes: [substitute.body.sku] });
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`${ITEMS}/${response.body.id}`);
      expect(response.body).toMatchObject({
        baseUom: 'EA',
        currency: 'USD',
        standardCost: usd('0.42'),
        listPrice: usd('0.95'),
        productGroup: 'FASTENERS',
        sellable: true,
        conversions: [conv('BX', '100'), conv('CS', '12')],
        substitutes: [{ itemId: substitute.body.id, sku: substitute.body.sku, priority: 1 }],
        version: 1,
      });
      const read = await api.getItem(response.body.id);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('accepts an approximate conversion between two measured units', async () => {
      const response = await api.createItem({
        baseUom: 'KG',
        conversions: [conv('LB', '0.45359237')],
      });
      expect(response.status).toBe(201);
      expect(response.body.conversions).toEqual([conv('LB', '0.45359237')]);
    });

    it('pages by SKU with an opaque cursor and filters by prefix, product group and sellable', async () => {
      const prefix = `PG${Date.now().toString(36).toUpperCase()}`;
      for (const n of [1, 2, 3]) {
        await api.createItem({
          sku: `${prefix}-${n}`,
          productGroup: `${prefix}G`,
          sellable: n !== 2,
          description: `Widget ${prefix} ${n}`,
        });
      }
      const first = await api.listItems({ q: prefix.toLowerCase(), limit: 2 });
      expect(first.status).toBe(200);
      expect(skus(first)).toEqual([`${prefix}-1`, `${prefix}-2`]);
      const second = await api.listItems({ q: prefix, limit: 2, cursor: first.body.nextCursor });
      expect(skus(second)).toEqual([`${prefix}-3`]);
      expect(second.body.nextCursor).toBeNull();
      const byDescription = await api.listItems({ q: `widget ${prefix.toLowerCase()} 3` });
      expect(skus(byDescription)).toEqual([`${prefix}-3`]);
      const notSellable = await api.listItems({ productGroup: `${prefix}G`, sellable: 'false' });
      expect(skus(notSellable)).toEqual([`${prefix}-2`]);
    });

    it('updates with the current ETag, replacing conversions and substitutes', async () => {
      const [a, b] = [await api.createItem(), await api.createItem()];
      const created = await api.createItem({ substitutes: [a.body.sku] });
      const changes = {
        listPrice: usd('1.1'),
        productGroup: null,
        conversions: [conv('PL', '4800')],
        substitutes: [b.body.sku, a.body.sku],
      };
      const response = await api.updateItem(created.body.id, changes, created.headers.etag);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({
        listPrice: usd('1.10'),
        productGroup: null,
        conversions: [conv('PL', '4800')],
        substitutes: [
          { sku: b.body.sku, priority: 1 },
          { sku: a.body.sku, priority: 2 },
        ],
        version: 2,
      });
      const emptied = await api.updateItem(created.body.id, { conversions: [] }, '"2"');
      expect(emptied.body.conversions).toEqual([]);
      expect(emptied.body.substitutes).toHaveLength(2);
      expect((await api.getItem(created.body.id)).body).toEqual(emptied.body);
    });

    it('answers 412 for a stale ETag, 428 without one, and leaves the item unchanged', async () => {
      const { body } = await api.createItem();
      expect((await api.updateItem(body.id, { description: 'First' }, '"1"')).status).toBe(200);
      const stale = await api.updateItem(body.id, { description: 'Second' }, '"1"');
      expectProblem(stale, 412);
      expect(stale.body).toMatchObject({
        code: 'CONCURRENCY.PRECONDITION_FAILED',
        currentETag: '"2"',
      });
      const missing = await api.updateItem(body.id, { description: 'Third' });
      expectProblem(missing, 428);
      expectFieldError(missing, '/headers/if-match', 'required');
      expect((await api.getItem(body.id)).body.description).toBe('First');
    });

    it('answers 404 for an unknown item and 400 for a malformed id', async () => {
      expectProblem(await api.getItem(UNKNOWN_ID), 404);
      expectProblem(await api.updateItem(UNKNOWN_ID, { sellable: false }, '"1"'), 404);
      const malformed = await api.getItem('not-a-uuid');
      expectProblem(malformed, 400);
      expectFieldError(malformed, '/path/itemId', 'format');
    });
  });

  describe('bad input is a 4xx naming the field and the rule, and writes nothing', () => {
    const jpy = (amount: string) => ({ amount, currency: 'JPY' });
    const money = '/body/listPrice/amount';
    const cost = '/body/standardCost/amount';
    const factor = '/body/conversions/0/toBase';
    const unit = '/body/conversions/0/uom';
    const inexact = 'UOM.INVALID_CONVERSION';
    it.each<[string, Body, string, string]>([
      ['an unknown field', { colour: 'red' }, '/body/colour', 'unevaluatedProperties'],
      ['a wrong type', { sellable: 'yes' }, '/body/sellable', 'type'],
      ['a missing field', { sku: undefined }, '/body/sku', 'required'],
      ['a malformed SKU', { sku: 'bad sku' }, '/body/sku', 'pattern'],
      ['a float price', { listPrice: usd(0.95) }, money, 'type'],
      ['a malformed decimal', { standardCost: usd('0,42') }, cost, 'pattern'],
      ['too many decimals', { listPrice: usd('0.955') }, money, 'MONEY.TOO_MANY_DECIMALS'],
      [
        'decimals in a currency without minor units',
        { currency: 'JPY', standardCost: jpy('42.5'), listPrice: jpy('95') },
        cost,
        'MONEY.TOO_MANY_DECIMALS',
      ],
      ['a negative cost', { standardCost: usd('-1') }, cost, 'MONEY.NEGATIVE_AMOUNT'],
      [
        'a price in another currency',
        { listPrice: { amount: '1', currency: 'EUR' } },
        '/body/listPrice/currency',
        'same-as-item-currency',
      ],
      ['an unknown currency', { currency: 'XYZ' }, '/body/currency', 'MONEY.UNKNOWN_CURRENCY'],
      ['an unknown base unit', { baseUom: 'XX' }, '/body/baseUom', 'UOM.UNKNOWN'],
      ['a lower-case unit', { baseUom: 'ea' }, '/body/baseUom', 'pattern'],
      ['an unknown conversion unit', { conversions: [conv('ZZ', '2')] }, unit, 'UOM.UNKNOWN'],
      ['an inexact conversion', { conversions: [conv('CS', '12.5')] }, factor, inexact],
      [
        'a case that is no exact quantity of KG',
        { baseUom: 'KG', conversions: [conv('CS', '2.5005')] },
        factor,
        inexact,
      ],
      ['a zero factor', { conversions: [conv('CS', '0')] }, factor, inexact],
      ['a float factor', { conversions: [conv('CS', 12)] }, factor, 'type'],
      ['a conversion of the base unit', { conversions: [conv('EA', '1')] }, unit, 'not-base-unit'],
      [
        'a unit converted twice',
        { conversions: [conv('CS', '12'), conv('CS', '24')] },
        '/body/conversions/1/uom',
        'unique',
      ],
      [
        'a self substitute',
        { sku: 'SELF-1', substitutes: ['SELF-1'] },
        '/body/substitutes/0',
        'not-self',
      ],
    ])('rejects %s', async (_label, overrides, path, rule) => {
      const before = await api.counts();
      const response = await api.createItem(overrides);
      expectProblem(response, 400);
      expectFieldError(response, path, rule);
      expect(await api.counts()).toEqual(before);
    });

    it('answers 409 for a duplicate SKU and 422 for an unknown substitute', async () => {
      const existing = await api.createItem();
      const before = await api.counts();
      const duplicate = await api.createItem({ sku: existing.body.sku });
      expectProblem(duplicate, 409);
      expect(duplicate.body.code).toBe('RESOURCE.ALREADY_EXISTS');
      expectFieldError(duplicate, '/body/sku', 'unique');
      const unknown = await api.createItem({ substitutes: [existing.body.sku, uniqueSku('NOPE')] });
      expectProblem(unknown, 422);
      expect(unknown.body.code).toBe('RESOURCE.REFERENCE_NOT_FOUND');
      expectFieldError(unknown, '/body/substitutes/1', 'exists');
      expect(await api.counts()).toEqual(before);
    });

    it('rolls a rejected update back entirely and rejects bad updates', async () => {
      const created = await api.createItem();
      const id = created.body.id as string;
      const before = await api.counts();
      const changes = {
        listPrice: usd('2.00'),
        conversions: [conv('PL', '4800')],
        substitutes: [uniqueSku('GONE')],
      };
      expectProblem(await api.updateItem(id, changes, '"1"'), 422);
      expect((await api.getItem(id)).body).toEqual(created.body);
      const rejected: [Body, string, string][] = [
        [{ baseUom: 'KG' }, '/body/baseUom', 'unevaluatedProperties'],
        [{}, '/body', 'minProperties'],
        [{ conversions: [conv('DZ', '12.5')] }, factor, inexact],
        [{ substitutes: [created.body.sku] }, '/body/substitutes/0', 'not-self'],
      ];
      for (const [body, path, rule] of rejected) {
        const response = await api.updateItem(id, body, '"1"');
        expectProblem(response, 400);
        expectFieldError(response, path, rule);
      }
      expect((await api.getItem(id)).body).toEqual(created.body);
      expect(await api.counts()).toEqual(before);
    });

    it.each([
      [{ sellable: 'maybe' }, '/query/sellable', 'type'],
      [{ limit: '0' }, '/query/limit', 'minimum'],
      [{ colour: 'red' }, '/query/colour', 'additionalProperties'],
      [{ cursor: 'bm9wZQ' }, '/query/cursor', 'cursor'],
    ])('rejects the query %j', async (query, path, rule) => {
      const response = await api.listItems(query);
      expectProblem(response, 400);
      expectFieldError(response, path, rule);
    });
  });
});
