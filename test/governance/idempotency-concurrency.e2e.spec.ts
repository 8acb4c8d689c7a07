import { Client } from 'pg';
import type { Response } from 'supertest';
import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { administrator, IdempotencyDatabase, newKey } from './idempotency.fixture';

/** One key, many identical requests at once: exactly one runs (real PostgreSQL, real HTTP). */
describe('Idempotency-Key under concurrency', () => {
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

  function createCustomer(
    principal: ReturnType<typeof administrator>,
    body: object,
    key: string,
  ): Promise<Response> {
    return gateway
      .as(principal)
      .post('/system/v1/customers')
      .set('Idempotency-Key', key)
      .send(body)
      .then((response) => gateway.expectContract('createCustomer', response));
  }

  it('creates once for 20 concurrent identical requests; the others wait (409) or replay', async () => {
    const principal = administrator(gateway);
    const key = newKey();
    const body = customerBody();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => createCustomer(principal, body, key)),
    );

    const executed = responses.filter(
      (response) => response.status === 201 && !response.headers['idempotent-replayed'],
    );
    const replayed = responses.filter((response) => response.headers['idempotent-replayed']);
    const waiting = responses.filter((response) => response.status === 409);
    expect(executed).toHaveLength(1);
    expect(replayed.length + waiting.length).toBe(19);
    for (const response of replayed) {
      expect(response.status).toBe(201);
      expect(response.body.id).toBe(executed[0]?.body.id);
    }
    for (const response of waiting) {
      expect(response.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      expect(response.headers['retry-after']).toBe('1');
    }
    expect(await database.count('customers', 'customer_number = $1', [body.customerNumber])).toBe(
      1,
    );
    expect(await database.records(key)).toEqual([
      expect.objectContaining({ status: 'completed', responseStatus: 201 }),
    ]);
  });

  it('answers a duplicate of a running request 409 with Retry-After, and replays it once done', async () => {
    const principal = administrator(gateway);
    const key = newKey();
    const body = customerBody();
    // Holds the first request inside its transaction: new customers wait for this lock.
    const blocker = new Client({ connectionString: gateway.database.url });
    await blocker.connect();
    let first: Promise<Response> | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE customers IN SHARE MODE');
      first = createCustomer(principal, body, key);
      await until(async () => (await database.records(key)).length === 1);

      const duplicate = await createCustomer(principal, body, key);
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers['retry-after']).toBe('1');
      expect(duplicate.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      expect(await database.records(key)).toEqual([
        expect.objectContaining({ status: 'in_progress', responseStatus: null }),
      ]);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    const created = await first;
    expect(created?.status).toBe(201);
    const replay = await createCustomer(principal, body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created?.body.id);
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
