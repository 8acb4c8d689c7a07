import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('system API: customers', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  async function create(overrides: Record<string, unknown> = {}) {
    const response = await gateway
      .http()
      .post('/system/v1/customers')
      .send(customerBody(overrides));
    return gateway.expectContract('createCustomer', response);
  }

  async function count(table: string): Promise<number> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: gateway.database.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    await client.end();
    return Number(rows[0]?.n);
  }

  describe('create and read', () => {
    it('creates a customer with its ship-tos and answers 201 with ETag and Location', async () => {
      const response = await create();
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/system/v1/customers/${response.body.id}`);
      expect(response.body).toMatchObject({
        status: 'active',
        creditLimit: { amount: '50000.00', currency: 'USD' },
        paymentTerms: '2/10 NET30',
        orderPolicy: {
          shortagePolicy: 'backorder',
          allowBackorders: true,
          priceTolerancePercent: '2.5',
          priceDeviationAction: 'hold',
        },
        version: 1,
      });
      expect(response.body.shipTos).toHaveLength(1);
      const read = gateway.expectContract(
        'getCustomer',
        await gateway.http().get(`/system/v1/customers/${response.body.id}`),
      );
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('pages through customers with an opaque cursor and filters by number or name prefix', async () => {
      const prefix = `PG${Date.now().toString(36).toUpperCase()}`;
      for (const n of [1, 2, 3]) await create({ customerNumber: `${prefix}-${n}` });
      const first = gateway.expectContract(
        'listCustomers',
        await gateway.http().get('/system/v1/customers').query({ q: prefix, limit: 2 }),
      );
      expect(first.status).toBe(200);
      expect(first.body.items.map((c: { customerNumber: string }) => c.customerNumber)).toEqual([
        `${prefix}-1`,
        `${prefix}-2`,
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = gateway.expectContract(
        'listCustomers',
        await gateway
          .http()
          .get('/system/v1/customers')
          .query({ q: prefix, limit: 2, cursor: first.body.nextCursor }),
      );
      expect(second.body.items.map((c: { customerNumber: string }) => c.customerNumber)).toEqual([
        `${prefix}-3`,
      ]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('applies the contract default page size when limit is omitted', async () => {
      const response = gateway.expectContract(
        'listCustomers',
        await gateway.http().get('/system/v1/customers'),
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(50);
    });

    it('filters by status', async () => {
      const created = await create();
      await gateway
        .http()
        .patch(`/system/v1/customers/${created.body.id}`)
        .set('if-match', '"1"')
        .send({ status: 'blocked' })
        .expect(200);
      const response = await gateway
        .http()
        .get('/system/v1/customers')
        .query({ status: 'blocked', limit: 200 });
      gateway.expectContract('listCustomers', response);
      expect(response.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
      expect(response.body.items.every((c: { status: string }) => c.status === 'blocked')).toBe(
        true,
      );
    });
  });

  describe('conditional updates', () => {
    it('updates with the current ETag and moves the version', async () => {
      const created = await create();
      const response = gateway.expectContract(
        'updateCustomer',
        await gateway
          .http()
          .patch(`/system/v1/customers/${created.body.id}`)
          .set('if-match', created.headers.etag)
          .send({ creditLimit: { amount: '75000', currency: 'USD' }, paymentTerms: 'net45' }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body.creditLimit).toEqual({ amount: '75000.00', currency: 'USD' });
      expect(response.body.paymentTerms).toBe('NET45');
    });

    it('answers 412 for a stale ETag and leaves the record unchanged', async () => {
      const created = await create();
      const id = created.body.id as string;
      await gateway
        .http()
        .patch(`/system/v1/customers/${id}`)
        .set('if-match', '"1"')
        .send({ name: 'First' })
        .expect(200);
      const stale = await gateway
        .http()
        .patch(`/system/v1/customers/${id}`)
        .set('if-match', '"1"')
        .send({ name: 'Second' });
      gateway.expectContract('updateCustomer', stale);
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(stale.body).toMatchObject({
        code: 'CONCURRENCY.PRECONDITION_FAILED',
        currentETag: '"2"',
      });
      const read = await gateway.http().get(`/system/v1/customers/${id}`);
      expect(read.body.name).toBe('First');
    });

    it('requires If-Match (428) and a well-formed one (400)', async () => {
      const created = await create();
      const missing = await gateway
        .http()
        .patch(`/system/v1/customers/${created.body.id}`)
        .send({ name: 'X' });
      gateway.expectContract('updateCustomer', missing);
      expect(missing.status).toBe(428);
      expect(missing.body.errors[0]).toMatchObject({ path: '/headers/if-match', rule: 'required' });
      const malformed = await gateway
        .http()
        .patch(`/system/v1/customers/${created.body.id}`)
        .set('if-match', 'abc')
        .send({ name: 'X' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0]).toMatchObject({ path: '/headers/if-match', rule: 'etag' });
    });

    it('adds a ship-to and rejects a duplicate code with 409', async () => {
      const created = await create();
      const shipTo = {
        code: 'EAST',
        name: 'East DC',
        address: { line1: '9 Harbor Way', city: 'Savannah', postalCode: '31401', country: 'US' },
        region: 'US-SOUTH',
      };
      const added = gateway.expectContract(
        'addCustomerShipTo',
        await gateway.http().post(`/system/v1/customers/${created.body.id}/ship-tos`).send(shipTo),
      );
      expect(added.status).toBe(201);
      expect(added.body.shipTos.map((s: { code: string }) => s.code)).toEqual(['EAST', 'MAIN']);
      expect(added.body.version).toBe(2);
      const duplicate = await gateway
        .http()
        .post(`/system/v1/customers/${created.body.id}/ship-tos`)
        .send(shipTo);
      gateway.expectContract('addCustomerShipTo', duplicate);
      expect(duplicate.status).toBe(409);
    });
  });

  describe('shortage policy, and allowBackorders for older clients', () => {
    async function update(id: string, etag: string, orderPolicy: Record<string, unknown>) {
      return gateway.expectContract(
        'updateCustomer',
        await gateway
          .http()
          .patch(`/system/v1/customers/${id}`)
          .set('if-match', etag)
          .send({ orderPolicy }),
      );
    }

    it('creates with each policy and shows allowBackorders true only for backorder', async () => {
      for (const [shortagePolicy, allowBackorders] of [
        ['backorder', true],
        ['cancel', false],
        ['review', false],
      ] as const) {
        const response = await create({ orderPolicy: { shortagePolicy } });
        expect(response.status).toBe(201);
        expect(response.body.orderPolicy).toMatchObject({ shortagePolicy, allowBackorders });
      }
    });

    it('maps allowBackorders from older clients: true to backorder, false to review', async () => {
      const legacy = await create({ orderPolicy: { allowBackorders: false } });
      expect(legacy.body.orderPolicy).toMatchObject({
        shortagePolicy: 'review',
        allowBackorders: false,
      });
      const back = await update(legacy.body.id, legacy.headers.etag, { allowBackorders: true });
      expect(back.status).toBe(200);
      expect(back.body.orderPolicy).toMatchObject({ shortagePolicy: 'backorder' });
      const again = await update(legacy.body.id, back.headers.etag, { allowBackorders: false });
      expect(again.body.orderPolicy).toMatchObject({ shortagePolicy: 'review' });
    });

    it('keeps cancel when an older client sends back the allowBackorders false it read', async () => {
      const created = await create({ orderPolicy: { shortagePolicy: 'cancel' } });
      const response = await update(created.body.id, created.headers.etag, {
        allowBackorders: false,
        priceTolerancePercent: '1',
      });
      expect(response.status).toBe(200);
      expect(response.body.orderPolicy).toMatchObject({
        shortagePolicy: 'cancel',
        allowBackorders: false,
        priceTolerancePercent: '1',
      });
    });
  });

  describe('bad input: 4xx problem+json naming the field and the rule, nothing written', () => {
    it.each([
      ['an unknown field', { nickname: 'x' }, '/body/nickname', 'unevaluatedProperties'],
      ['a wrong type', { name: 42 }, '/body/name', 'type'],
      [
        'a float credit limit',
        { creditLimit: { amount: 1000.5, currency: 'USD' } },
        '/body/creditLimit/amount',
        'type',
      ],
      [
        'a malformed decimal',
        { creditLimit: { amount: '1,000', currency: 'USD' } },
        '/body/creditLimit/amount',
        'pattern',
      ],
      [
        'too many decimals for USD',
        { creditLimit: { amount: '10.555', currency: 'USD' } },
        '/body/creditLimit/amount',
        'MONEY.TOO_MANY_DECIMALS',
      ],
      [
        'a negative credit limit',
        { creditLimit: { amount: '-1', currency: 'USD' } },
        '/body/creditLimit/amount',
        'MONEY.NEGATIVE_AMOUNT',
      ],
      [
        'an unknown currency',
        { currency: 'XYZ', creditLimit: { amount: '1', currency: 'XYZ' } },
        '/body/currency',
        'MONEY.UNKNOWN_CURRENCY',
      ],
      ['a malformed currency', { currency: 'usd' }, '/body/currency', 'pattern'],
      [
        'a credit limit in another currency',
        { creditLimit: { amount: '1', currency: 'EUR' } },
        '/body/creditLimit/currency',
        'same-as-customer-currency',
      ],
      [
        'unknown payment terms',
        { paymentTerms: 'WHENEVER' },
        '/body/paymentTerms',
        'TERMS.INVALID',
      ],
      ['a missing required field', { billTo: undefined }, '/body/billTo', 'required'],
      ['no ship-to', { shipTos: [] }, '/body/shipTos', 'minItems'],
      ['a bad e-mail', { accountManager: 'not-an-email' }, '/body/accountManager', 'format'],
      [
        'an unknown shortage policy',
        { orderPolicy: { shortagePolicy: 'ignore' } },
        '/body/orderPolicy/shortagePolicy',
        'enum',
      ],
      [
        'allowBackorders contradicting the shortage policy',
        { orderPolicy: { shortagePolicy: 'cancel', allowBackorders: true } },
        '/body/orderPolicy/allowBackorders',
        'agrees-with-shortage-policy',
      ],
    ])('rejects %s', async (_label, overrides, path, rule) => {
      const before = await count('customers');
      const response = await gateway
        .http()
        .post('/system/v1/customers')
        .send(customerBody(overrides));
      gateway.expectContract('createCustomer', response);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule })]),
      );
      expect(await count('customers')).toBe(before);
    });

    it('rejects duplicate ship-to codes in one request naming the line, writing nothing', async () => {
      const body = customerBody();
      const shipTos = body.shipTos as Record<string, unknown>[];
      body.shipTos = [...shipTos, { ...shipTos[0] }];
      const before = await count('customer_ship_tos');
      const response = await gateway.http().post('/system/v1/customers').send(body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({
        path: '/body/shipTos/1/code',
        rule: 'unique',
      });
      expect(await count('customer_ship_tos')).toBe(before);
    });

    it('answers 409 for a duplicate customer number', async () => {
      const first = await create();
      const response = await create({ customerNumber: first.body.customerNumber });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('RESOURCE.ALREADY_EXISTS');
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const unknown = gateway.expectContract(
        'getCustomer',
        await gateway.http().get('/system/v1/customers/3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b'),
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('RESOURCE.NOT_FOUND');
      const malformed = await gateway.http().get('/system/v1/customers/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0]).toMatchObject({ path: '/path/customerId', rule: 'format' });
    });

    it.each([
      [{ limit: '0' }, '/query/limit', 'minimum'],
      [{ limit: 'ten' }, '/query/limit', 'type'],
      [{ status: 'gone' }, '/query/status', 'enum'],
      [{ colour: 'red' }, '/query/colour', 'additionalProperties'],
      [{ cursor: 'bm9wZQ' }, '/query/cursor', 'cursor'],
    ])('rejects query %j', async (query, path, rule) => {
      const response = await gateway.http().get('/system/v1/customers').query(query);
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ path, rule });
    });

    it('rejects malformed JSON with 400, a non-JSON body with 415 and an oversized body with 413', async () => {
      const malformed = await gateway
        .http()
        .post('/system/v1/customers')
        .set('content-type', 'application/json')
        .send('{"name": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('REQUEST.MALFORMED_BODY');
      const text = await gateway
        .http()
        .post('/system/v1/customers')
        .set('content-type', 'text/plain')
        .send('hello');
      expect(text.status).toBe(415);
      const huge = await gateway
        .http()
        .post('/system/v1/customers')
        .send(customerBody({ name: 'x'.repeat(2_000_000) }));
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('REQUEST.BODY_TOO_LARGE');
    });

    it('answers unknown routes with a problem+json 404', async () => {
      const response = await gateway.http().get('/system/v1/nothing-here');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('correlation', () => {
    it('echoes a sane X-Request-Id and mints one otherwise', async () => {
      const echoed = await gateway.http().get('/health/live').set('x-request-id', 'abc-123');
      expect(echoed.headers['x-request-id']).toBe('abc-123');
      const minted = await gateway
        .http()
        .get('/health/live')
        .set('x-request-id', 'bad id with spaces');
      expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const problem = await gateway
        .http()
        .get('/system/v1/customers/not-a-uuid')
        .set('x-request-id', 'trace-9');
      expect(problem.body.requestId).toBe('trace-9');
    });
  });
});
