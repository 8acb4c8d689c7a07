import { priceAgreementBody } from '../factories/price-agreement.factory';
import {
  AGREEMENTS,
  type Body,
  CatalogApiClient,
  expectFieldError,
  expectProblem,
  UNKNOWN_ID,
} from './catalog-api.client';

const usd = (amount: unknown) => ({ amount, currency: 'USD' });
const priceBreak = (minQuantity: unknown) => ({ minQuantity, unitPrice: usd('0.70') });
const validFroms = (response: { body: { items: { validFrom: string }[] } }) =>
  response.body.items.map((agreement) => agreement.validFrom);

/** Items: catalog.e2e.spec.ts. */
describe('system API: catalog price agreements', () => {
  let api: CatalogApiClient;
  let customerId: string;
  let itemId: string;

  beforeAll(async () => {
    api = await CatalogApiClient.start();
    customerId = await api.createCustomer();
    itemId = (await api.createItem()).body.id;
  });
  afterAll(() => api.close());

  async function newItem(): Promise<string> {
    return (await api.createItem()).body.id as string;
  }

  describe('create, read, list, update', () => {
    it('creates an agreement with quantity breaks: 201, ETag, Location, readable back', async () => {
      const response = await api.createAgreement(priceAgreementBody(customerId, itemId));
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`${AGREEMENTS}/${response.body.id}`);
      expect(response.body).toMatchObject({
        customerId,
        itemId,
        currency: 'USD',
        unitPrice: usd('0.85'),
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        breaks: [
          { minQuantity: '100', unitPrice: usd('0.80') },
          { minQuantity: '1000', unitPrice: usd('0.72') },
        ],
        version: 1,
      });
      const read = await api.getAgreement(response.body.id);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('lists by customer and item, pages with a cursor and filters by the date in force', async () => {
      const customer = await api.createCustomer();
      const item = await newItem();
      const periods = [
        ['2024-01-01', '2024-12-31'],
        ['2025-01-01', '2025-12-31'],
        ['2026-01-01', null],
      ];
      for (const [validFrom, validTo] of periods) {
        const body = priceAgreementBody(customer, item, { validFrom, validTo });
        expect((await api.createAgreement(body)).status).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.listAgreements({ customerId: customer, limit: 2, cursor });
        seen.push(...validFroms(page));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
      const active = await api.listAgreements({ itemId: item, activeOn: '2025-06-30' });
      expect(validFroms(active)).toEqual(['2025-01-01']);
      const later = await api.listAgreements({ customerId: customer, activeOn: '2031-01-01' });
      expect(validFroms(later)).toEqual(['2026-01-01']);
      const none = await api.listAgreements({ customerId: customer, itemId });
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('updates with If-Match (412 when stale, 428 when missing), replacing the breaks', async () => {
      const created = await api.createAgreement(priceAgreementBody(customerId, await newItem()));
      const id = created.body.id as string;
      const changes = { unitPrice: usd('0.8'), validTo: null, breaks: [] };
      const updated = await api.updateAgreement(id, changes, '"1"');
      expect(updated.status).toBe(200);
      expect(updated.headers.etag).toBe('"2"');
      expect(updated.body).toMatchObject({ unitPrice: usd('0.80'), validTo: null, breaks: [] });
      const stale = await api.updateAgreement(id, { validTo: '2026-06-30' }, '"1"');
      expectProblem(stale, 412);
      expect(stale.body.currentETag).toBe('"2"');
      const missing = await api.updateAgreement(id, { validTo: '2026-06-30' });
      expectProblem(missing, 428);
      expect((await api.getAgreement(id)).body).toEqual(updated.body);
      expectProblem(await api.updateAgreement(UNKNOWN_ID, { validTo: null }, '"1"'), 404);
      expectProblem(await api.getAgreement(UNKNOWN_ID), 404);
    });
  });

  describe('overlapping periods of one customer and item', () => {
    it('answers 409 on create and on update, and accepts adjacent periods', async () => {
      const item = await newItem();
      const first = await api.createAgreement(
        priceAgreementBody(customerId, item, { validTo: null }),
      );
      const before = await api.counts();
      const overlapping = await api.createAgreement(
        priceAgreementBody(customerId, item, { validFrom: '2030-01-01', validTo: '2030-12-31' }),
      );
      expectProblem(overlapping, 409);
      expect(overlapping.body).toMatchObject({
        code: 'RESOURCE.CONFLICT',
        conflictingAgreementId: first.body.id,
      });
      expectFieldError(overlapping, '/body/validFrom', 'no-overlap');
      expect(await api.counts()).toEqual(before);
      const closed = await api.updateAgreement(first.body.id, { validTo: '2026-06-30' }, '"1"');
      expect(closed.status).toBe(200);
      const next = await api.createAgreement(
        priceAgreementBody(customerId, item, { validFrom: '2026-07-01', validTo: null }),
      );
      expect(next.status).toBe(201);
      const reopened = await api.updateAgreement(first.body.id, { validTo: '2026-07-01' }, '"2"');
      expectProblem(reopened, 409);
      expect(reopened.body.conflictingAgreementId).toBe(next.body.id);
      expect((await api.getAgreement(first.body.id)).body.validTo).toBe('2026-06-30');
    });

    it('lets exactly one of several concurrent overlapping creations through', async () => {
      const body = priceAgreementBody(customerId, await newItem());
      const responses = await Promise.all([1, 2, 3, 4].map(() => api.createAgreement(body)));
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it('allows the same period for another customer or another item', async () => {
      const item = await newItem();
      const other = await api.createCustomer();
      for (const [customer, forItem] of [
        [customerId, item],
        [other, item],
        [customerId, await newItem()],
      ]) {
        expect((await api.createAgreement(priceAgreementBody(customer, forItem))).status).toBe(201);
      }
    });
  });

  describe('bad input is a 4xx naming the field and the rule, and writes nothing', () => {
    const price = '/body/unitPrice/amount';
    const quantity = (index: number) => `/body/breaks/${index}/minQuantity`;
    it.each<[string, Body, number, string, string]>([
      ['an unknown customer', { customerId: UNKNOWN_ID }, 422, '/body/customerId', 'exists'],
      ['an unknown item', { itemId: UNKNOWN_ID }, 422, '/body/itemId', 'exists'],
      ['an unknown field', { discount: '5' }, 400, '/body/discount', 'unevaluatedProperties'],
      ['a wrong type', { validFrom: 20400101 }, 400, '/body/validFrom', 'type'],
      ['an impossible date', { validFrom: '2040-02-30' }, 400, '/body/validFrom', 'format'],
      [
        'validTo before validFrom',
        { validTo: '2039-12-31' },
        400,
        '/body/validTo',
        'on-or-after-valid-from',
      ],
      ['a float price', { unitPrice: usd(0.85) }, 400, price, 'type'],
      ['a malformed price', { unitPrice: usd('.85') }, 400, price, 'pattern'],
      ['too many decimals', { unitPrice: usd('0.855') }, 400, price, 'MONEY.TOO_MANY_DECIMALS'],
      ['a negative price', { unitPrice: usd('-0.85') }, 400, price, 'MONEY.NEGATIVE_AMOUNT'],
      [
        "a currency other than the customer's",
        { currency: 'EUR', unitPrice: { amount: '1', currency: 'EUR' }, breaks: [] },
        400,
        '/body/currency',
        'same-as-customer-currency',
      ],
      [
        'a price in another currency',
        { unitPrice: { amount: '1', currency: 'EUR' } },
        400,
        '/body/unitPrice/currency',
        'same-as-agreement-currency',
      ],
      [
        'duplicate breaks',
        { breaks: [priceBreak('100'), priceBreak('100.0')] },
        400,
        quantity(1),
        'unique',
      ],
      [
        'descending breaks',
        { breaks: [priceBreak('1000'), priceBreak('100')] },
        400,
        quantity(1),
        'ascending',
      ],
      [
        'a fractional break for a countable unit',
        { breaks: [priceBreak('2.5')] },
        400,
        quantity(0),
        'UOM.FRACTION_NOT_ALLOWED',
      ],
      ['a zero break', { breaks: [priceBreak('0')] }, 400, quantity(0), 'QUANTITY.NOT_POSITIVE'],
      ['a float break quantity', { breaks: [priceBreak(100)] }, 400, quantity(0), 'type'],
    ])('rejects %s', async (_label, overrides, status, path, rule) => {
      const before = await api.counts();
      const body = priceAgreementBody(customerId, itemId, {
        validFrom: '2040-01-01',
        validTo: null,
        ...overrides,
      });
      const response = await api.createAgreement(body);
      expectProblem(response, status);
      expectFieldError(response, path, rule);
      expect(await api.counts()).toEqual(before);
    });

    it('rejects a bad update and keeps the agreement as it was', async () => {
      const created = await api.createAgreement(priceAgreementBody(customerId, await newItem()));
      const id = created.body.id as string;
      const rejected: [Body, string, string][] = [
        [{ validFrom: '2027-01-01' }, '/body/validFrom', 'on-or-before-valid-to'],
        [{ customerId }, '/body/customerId', 'unevaluatedProperties'],
        [{ breaks: [priceBreak('5'), priceBreak('5')] }, quantity(1), 'unique'],
        [
          { unitPrice: { amount: '1', currency: 'EUR' } },
          '/body/unitPrice/currency',
          'same-as-agreement-currency',
        ],
      ];
      for (const [body, path, rule] of rejected) {
        const response = await api.updateAgreement(id, body, '"1"');
        expectProblem(response, 400);
        expectFieldError(response, path, rule);
      }
      expect((await api.getAgreement(id)).body).toEqual(created.body);
    });

    it.each([
      [{ activeOn: '2026-13-01' }, '/query/activeOn', 'format'],
      [{ customerId: 'nope' }, '/query/customerId', 'format'],
      [{ cursor: 'WyJhIiwiYiIsImMiLCJkIl0' }, '/query/cursor', 'cursor'],
    ])('rejects the query %j', async (query, path, rule) => {
      const response = await api.listAgreements(query);
      expectProblem(response, 400);
      expectFieldError(response, path, rule);
    });
  });
});
