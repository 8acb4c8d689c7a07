import { customerBody } from '../factories/customer.factory';
import { StockFixtures } from '../factories/stock.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { administrator, IdempotencyDatabase, newKey } from './idempotency.fixture';

/** Idempotency-Key on the system APIs, whose creating operations declare it optional. */
describe('Idempotency-Key (x-idempotency: optional)', () => {
  let gateway: TestGateway;
  let database: IdempotencyDatabase;

  beforeAll(async () => {
    gateway = await startTestGateway();
    database = await IdempotencyDatabase.connect(gateway.database.url);
  });
  afterAll(async () => {
    await database.close();
    await gateway.close();
  });

  /** A consumer of its own for each test: keys and rate-limit budgets stay apart. */
  function consumer() {
    const principal = administrator(gateway);
    const post = (path: string, body: object, key?: string) => {
      const request = gateway.as(principal).post(path).send(body);
      return key === undefined ? request : request.set('Idempotency-Key', key);
    };
    const createCustomer = async (body: object, key?: string) =>
      gateway.expectContract('createCustomer', await post('/system/v1/customers', body, key));
    return { subject: principal.subject, post, createCustomer };
  }

  const customersNumbered = (customerNumber: unknown) =>
    database.count('customers', 'customer_number = $1', [customerNumber]);

  describe('replays', () => {
    it('answers a repeated request with the first 201, byte for byte, and writes nothing new', async () => {
      const client = consumer();
      const key = newKey();
      const body = customerBody();
      const first = await client.createCustomer(body, key);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const written = {
        customers: await database.count('customers'),
        shipTos: await database.count('customer_ship_tos'),
        audit: await database.count('audit_log'),
      };

      const replay = await client.createCustomer(body, key);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.text).toBe(first.text);
      expect(replay.body.id).toBe(first.body.id);
      expect(replay.headers.location).toBe(first.headers.location);
      expect(replay.headers.etag).toBe(first.headers.etag);
      expect(replay.headers['content-type']).toBe(first.headers['content-type']);
      expect(replay.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      expect({
        customers: await database.count('customers'),
        shipTos: await database.count('customer_ship_tos'),
        audit: await database.count('audit_log'),
      }).toEqual(written);
      expect(await database.records(key)).toEqual([
        {
          consumerId: `internal:${client.subject}`,
          operationId: 'createCustomer',
          key,
          status: 'completed',
          responseStatus: 201,
          requestPath: '/system/v1/customers',
        },
      ]);
    });

    it('treats the same body with its keys in another order as the same request', async () => {
      const client = consumer();
      const key = newKey();
      const body = customerBody();
      const first = await client.createCustomer(body, key);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const replay = await client.createCustomer(reordered, key);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(first.body.id);
    });

    it('replays a 4xx answer instead of running the request again', async () => {
      const client = consumer();
      const existing = await client.createCustomer(customerBody());
      const key = newKey();
      const body = customerBody({ customerNumber: existing.body.customerNumber });
      const refused = await client.createCustomer(body, key);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('RESOURCE.ALREADY_EXISTS');

      // Run again, the request would now succeed: the replay shows it does not run.
      await database.forgetCustomer(existing.body.id);
      const replay = await client.createCustomer(body, key);
      expect(replay.status).toBe(409);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(replay.body).toEqual(refused.body);
      expect(await customersNumbered(body.customerNumber)).toBe(0);
    });

    it('posts an inventory receipt once, however often it is sent', async () => {
      const stock = await StockFixtures.connect(gateway.database.url);
      try {
        const { warehouseId, itemId } = await stock.stockedItem();
        const client = consumer();
        const key = newKey();
        const receipt = { warehouseId, itemId, quantity: '7', reference: 'ASN-1' };
        const first = await client.post('/system/v1/inventory-receipts', receipt, key);
        const replay = await client.post('/system/v1/inventory-receipts', receipt, key);
        gateway.expectContract('postInventoryReceipt', replay);
        expect([first.status, replay.status]).toEqual([201, 201]);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.body).toEqual(first.body);
        expect(await stock.balance(warehouseId, itemId)).toMatchObject({ onHand: '7.0000' });
      } finally {
        await stock.close();
      }
    });
  });

  describe('refusals', () => {
    it('answers 422 IDEMPOTENCY.KEY_REUSED for the same key with another body', async () => {
      const client = consumer();
      const key = newKey();
      await client.createCustomer(customerBody(), key);
      const other = customerBody();
      const reused = await client.createCustomer(other, key);
      expect(reused.status).toBe(422);
      expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reused.body).toMatchObject({
        code: 'IDEMPOTENCY.KEY_REUSED',
        errors: [expect.objectContaining({ path: '/headers/idempotency-key', rule: 'key_reused' })],
      });
      expect(await customersNumbered(other.customerNumber)).toBe(0);
    });

    it.each([
      ['longer than 255 characters', 'k'.repeat(256)],
      ['not printable ASCII', 'key\twith-a-tab'],
    ])('refuses a key %s with 400 naming the header and rule format', async (_label, key) => {
      const body = customerBody();
      const refused = await consumer().createCustomer(body, key);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'REQUEST.VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: '/headers/idempotency-key', rule: 'format' })],
      });
      expect(await customersNumbered(body.customerNumber)).toBe(0);
    });

    it('does not spend a key on a request refused by validation', async () => {
      const client = consumer();
      const key = newKey();
      const invalid = await client.createCustomer({ ...customerBody(), name: '' }, key);
      expect(invalid.status).toBe(400);
      expect(await database.records(key)).toEqual([]);
      const valid = await client.createCustomer(customerBody(), key);
      expect(valid.status).toBe(201);
    });
  });

  describe('scope', () => {
    it('keeps the keys of two consumers apart', async () => {
      const key = newKey();
      const first = await consumer().createCustomer(customerBody(), key);
      const second = await consumer().createCustomer(customerBody(), key);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body.id).not.toBe(first.body.id);
      const records = await database.records(key);
      expect(records).toHaveLength(2);
      expect(new Set(records.map((record) => record.consumerId)).size).toBe(2);
    });

    it('keeps the keys of two operations apart, path parameters in the fingerprint', async () => {
      const client = consumer();
      const key = newKey();
      const customer = await client.createCustomer(customerBody(), key);
      const path = `/system/v1/customers/${customer.body.id}/ship-tos`;
      const shipTo = {
        code: 'EAST',
        name: 'East dock',
        address: { line1: '9 Pier St', city: 'Boston', postalCode: '02110', country: 'US' },
        region: 'US-EAST',
      };
      const added = await client.post(path, shipTo, key);
      gateway.expectContract('addCustomerShipTo', added);
      expect(added.status).toBe(201);
      expect(added.headers['idempotent-replayed']).toBeUndefined();
      const replay = await client.post(path, shipTo, key);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(added.body);
      expect(
        await database.count('customer_ship_tos', 'customer_id = $1', [customer.body.id]),
      ).toBe(2);
      expect((await database.records(key)).map((record) => record.requestPath)).toEqual([
        '/system/v1/customers',
        path,
      ]);
    });

    it('runs a request without the optional header as it always did, keeping nothing', async () => {
      const client = consumer();
      const body = customerBody();
      expect((await client.createCustomer(body)).status).toBe(201);
      expect((await client.createCustomer(body)).body.code).toBe('RESOURCE.ALREADY_EXISTS');
      const kept = await database.count('idempotency_records', 'consumer_id = $1', [
        `internal:${client.subject}`,
      ]);
      expect(kept).toBe(0);
    });

    it('ignores the header on an operation whose contract says none', async () => {
      const client = consumer();
      const created = await client.createCustomer(customerBody());
      const key = 'x'.repeat(300);
      const update = (etag: string, name: string) =>
        gateway
          .as(administrator(gateway, client.subject))
          .patch(`/system/v1/customers/${created.body.id}`)
          .set('if-match', etag)
          .set('Idempotency-Key', key)
          .send({ name });
      const first = await update(created.headers.etag, 'First');
      const second = await update(first.headers.etag, 'Second');
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body).toMatchObject({ name: 'Second', version: 3 });
      expect(await database.records(key)).toEqual([]);
    });
  });

  describe('failures and expiry', () => {
    it('releases the key after a 5xx, so that the retry runs', async () => {
      const client = consumer();
      const key = newKey();
      const body = customerBody();
      // The database refuses every new customer with an error no rule maps: a 500.
      await database.query(`CREATE FUNCTION idempotency_test_outage() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated outage'; END $$`);
      await database.query(`CREATE TRIGGER idempotency_test_outage BEFORE INSERT ON customers
        FOR EACH ROW EXECUTE FUNCTION idempotency_test_outage()`);
      try {
        // No contract declares a 500: its body is not checked.
        const failed = await client.post('/system/v1/customers', body, key);
        expect(failed.status).toBe(500);
        expect(await database.records(key)).toEqual([]);
      } finally {
        await database.query('DROP TRIGGER idempotency_test_outage ON customers');
        await database.query('DROP FUNCTION idempotency_test_outage()');
      }
      const retried = await client.createCustomer(body, key);
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(await database.records(key)).toEqual([
        expect.objectContaining({ status: 'completed', responseStatus: 201 }),
      ]);
    });

    it('answers 409 while another process holds the key, and takes over once its lock expires', async () => {
      const client = consumer();
      const key = newKey();
      const body = customerBody();
      const first = await client.createCustomer(body, key);
      // As if a process had claimed the key and died before committing anything.
      await database.forgetCustomer(first.body.id);
      await database.holdInProgress(key, 0);
      const busy = await client.createCustomer(body, key);
      expect(busy.status).toBe(409);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toMatchObject({
        code: 'IDEMPOTENCY.IN_PROGRESS',
        errors: [
          expect.objectContaining({ path: '/headers/idempotency-key', rule: 'in_progress' }),
        ],
      });

      await database.holdInProgress(key, 61);
      const retried = await client.createCustomer(body, key);
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      const replay = await client.createCustomer(body, key);
      expect(replay.body.id).toBe(retried.body.id);
      expect(await customersNumbered(body.customerNumber)).toBe(1);
    });

    it('ignores an expired record and replaces it', async () => {
      const client = consumer();
      const key = newKey();
      const body = customerBody();
      const first = await client.createCustomer(body, key);
      await database.expire(key);
      await database.forgetCustomer(first.body.id);
      const again = await client.createCustomer(body, key);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      expect(again.body.id).not.toBe(first.body.id);
      expect(await database.records(key)).toHaveLength(1);
    });
  });
});
