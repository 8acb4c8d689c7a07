import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Idempotency-Key on order intake, whose key is claimed and completed in the order's own
 * transaction: the stored answer commits with the order, a duplicate of a running request
 * is told 409 (another body 422), a refusal is replayed, a failure leaves the key free.
 */
describe('process API: Idempotency-Key on order intake', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let customer: TradingAccount;
  let item: { id: string; sku: string };

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    const west = await fixtures.warehouse(['US-WEST']);
    customer = await fixtures.customer();
    item = await fixtures.item();
    await fixtures.stock(west.id, item.id, '1000');
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  const submit = async (body: object, key: string): Promise<Response> =>
    gateway.expectContract(
      'submitOrder',
      await gateway.http().post('/process/v1/orders').set('idempotency-key', key).send(body),
    );

  const records = async (key: string) =>
    (
      await fixtures.client.query<{ status: string; responseStatus: number | null }>(
        `SELECT status, response_status AS "responseStatus" FROM idempotency_records
          WHERE key = $1`,
        [key],
      )
    ).rows;

  const ordersWithPo = async (po: unknown) =>
    (
      await fixtures.client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sales_orders WHERE external_po_number = $1',
        [po],
      )
    ).rows[0]?.n;

  it('stores the answer with the order and replays it byte for byte', async () => {
    const key = randomUUID();
    const body = orderBody(customer.id, [{ sku: item.sku, quantity: '2' }]);
    const first = await submit(body, key);
    expect(first.status).toBe(201);
    expect(await records(key)).toEqual([{ status: 'completed', responseStatus: 201 }]);
    const before = await fixtures.writeCounts();

    const replay = await submit(body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(first.text);
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.headers.etag).toBe(first.headers.etag);
    expect(await fixtures.writeCounts()).toEqual(before);
  });

  it('answers 422 for the same key with another body', async () => {
    const key = randomUUID();
    await submit(orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]), key);
    const other = await submit(orderBody(customer.id, [{ sku: item.sku, quantity: '3' }]), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('replays a refusal (4xx) instead of running the request again', async () => {
    const key = randomUUID();
    const body = orderBody(customer.id, [{ sku: 'NO-SUCH-SKU', quantity: '1' }]);
    const refused = await submit(body, key);
    expect(refused.status).toBe(422);
    expect(await records(key)).toEqual([{ status: 'completed', responseStatus: 422 }]);
    const replay = await submit(body, key);
    expect(replay.status).toBe(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(refused.body);
  });

  it('answers a duplicate of a running order 409 (another body 422), then replays it', async () => {
    const key = randomUUID();
    const body = orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]);
    // Holds the first request inside its transaction: it waits for the customer's row lock.
    const blocker = new Client({ connectionString: gateway.database.url });
    await blocker.connect();
    let first: Promise<Response> | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [customer.id]);
      first = submit(body, key);
      await until(() => waitsForLock(blocker));

      const duplicate = await submit(body, key);
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers['retry-after']).toBe('1');
      expect(duplicate.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      const other = await submit({ ...body, requestedDate: '2027-01-04' }, key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      // Nothing is visible before the order commits.
      expect(await records(key)).toEqual([]);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    const created = await first;
    expect(created?.status).toBe(201);
    const replay = await submit(body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created?.body.id);
    expect(await ordersWithPo(body.externalPoNumber)).toBe(1);
  });

  it('runs 20 concurrent identical submissions once', async () => {
    const key = randomUUID();
    const body = orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]);
    const responses = await Promise.all(Array.from({ length: 20 }, () => submit(body, key)));
    const executed = responses.filter(
      (response) => response.status === 201 && !response.headers['idempotent-replayed'],
    );
    const others = responses.filter((response) => response !== executed[0]);
    expect(executed).toHaveLength(1);
    for (const response of others) {
      expect([201, 409]).toContain(response.status);
      if (response.status === 201) expect(response.body.id).toBe(executed[0]?.body.id);
    }
    expect(await ordersWithPo(body.externalPoNumber)).toBe(1);
    expect(await records(key)).toEqual([{ status: 'completed', responseStatus: 201 }]);
  });

  it('leaves the key free after a 5xx, so that the retry runs', async () => {
    const key = randomUUID();
    const body = orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]);
    await fixtures.client.query(`CREATE FUNCTION order_idempotency_outage() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated outage'; END $$`);
    await fixtures.client.query(`CREATE TRIGGER order_idempotency_outage
      BEFORE INSERT ON process_events FOR EACH ROW EXECUTE FUNCTION order_idempotency_outage()`);
    try {
      const failed = await gateway
        .http()
        .post('/process/v1/orders')
        .set('idempotency-key', key)
        .send(body);
      expect(failed.status).toBe(500);
      expect(await records(key)).toEqual([]);
      expect(await ordersWithPo(body.externalPoNumber)).toBe(0);
    } finally {
      await fixtures.client.query('DROP TRIGGER order_idempotency_outage ON process_events');
      await fixtures.client.query('DROP FUNCTION order_idempotency_outage()');
    }
    const retried = await submit(body, key);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await records(key)).toEqual([{ status: 'completed', responseStatus: 201 }]);
  });

  it('takes over a key left in progress by a process that died, once its lock expires', async () => {
    const key = randomUUID();
    const body = orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]);
    const first = await submit(body, key);
    // As if a process had claimed the key and died before committing anything.
    await fixtures.client.query(`UPDATE sales_orders SET external_po_number = NULL WHERE id = $1`, [
      first.body.id,
    ]);
    const hold = (secondsAgo: number) =>
      fixtures.client.query(
        `UPDATE idempotency_records SET status = 'in_progress', response_status = NULL,
                response_body = NULL, response_headers = NULL,
                locked_at = now() - make_interval(secs => $2)
          WHERE key = $1`,
        [key, secondsAgo],
      );
    await hold(0);
    const busy = await submit(body, key);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');

    await hold(61);
    const retried = await submit(body, key);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body.id).not.toBe(first.body.id);
    expect(await records(key)).toEqual([{ status: 'completed', responseStatus: 201 }]);
  });
});

/** Whether another session waits for a lock the blocker holds. */
async function waitsForLock(blocker: Client): Promise<boolean> {
  const { rows } = await blocker.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted
      AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
