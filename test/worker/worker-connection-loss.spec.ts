import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { deleteStream, NATS_URL, readStream, uniqueNatsNames } from './nats.fixture';
import { eventually, spawnWorker, type WorkerProcess } from './worker-process.fixture';

const MESSAGES = 4000;
const names = uniqueNatsNames('pgkill');
let database: TestDatabase;
let observer: Pool;
let worker: WorkerProcess | undefined;

jest.setTimeout(120_000);

beforeAll(async () => {
  database = await createTestDatabase();
  observer = new Pool({
    connectionString: database.url,
    max: 2,
    application_name: 'o2c-test-observer',
  });
});

afterAll(async () => {
  await worker?.stop();
  await observer?.end();
  await deleteStream(names.stream);
  await database?.drop();
});

async function countDelivered(): Promise<number> {
  const { rows } = await observer.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM outbox_messages WHERE status = 'delivered'`,
  );
  return rows[0].count;
}

/** Terminates every server process of the worker on the test database (all but ours). */
async function terminateWorkerConnections(): Promise<number> {
  const { rows } = await observer.query<{ terminated: boolean }>(
    `SELECT pg_terminate_backend(pid) AS terminated
       FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND application_name <> 'o2c-test-observer'`,
  );
  return rows.filter((row) => row.terminated).length;
}

/** Alive, or fail showing how it died (its last warnings and errors). */
function expectAlive(process: WorkerProcess): void {
  const lastWords = process.alive()
    ? ''
    : process
        .output()
        .split('\n')
        .filter((line) => !line.includes('"level":30'))
        .join('\n')
        .slice(-4000);
  expect({ alive: process.alive(), lastWords }).toEqual({ alive: true, lastWords: '' });
}

/** Adds `count` messages over 400 aggregates; their ids. */
async function insertMessages(count: number): Promise<string[]> {
  const { rows } = await observer.query<{ id: string }>(
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload)
     SELECT 'order', 'order-' || (g % 400), 'order.released', jsonb_build_object('n', g)
       FROM generate_series(1, $1) AS g
     RETURNING id`,
    [count],
  );
  return rows.map((row) => row.id);
}

describe('PostgreSQL connections terminated during relay', () => {
  it('retries, loses nothing, and the worker keeps running', async () => {
    const ids = await insertMessages(MESSAGES);
    worker = await spawnWorker({
      DATABASE_URL: database.url,
      NATS_URL,
      NATS_STREAM: names.stream,
      NATS_SUBJECT_PREFIX: names.prefix,
      OUTBOX_BATCH_SIZE: '200',
      OUTBOX_POLL_INTERVAL_MS: '50',
    });
    // Cut the worker's connections again and again while it relays: at least 4 connections
    // killed, while a backlog is still being relayed. How fast the worker drains it and
    // reconnects depends on the machine's load, so the backlog is topped up for as long as
    // fewer kills have landed, rather than counting on a number of rounds.
    let terminated = 0;
    let rounds = 0;
    const deadline = Date.now() + 60_000;
    for (; ; rounds += 1) {
      const delivered = await countDelivered();
      if (terminated > 3 && (rounds >= 40 || delivered >= ids.length * 0.8)) break;
      if (Date.now() > deadline) break;
      if (terminated <= 3 && ids.length - delivered < MESSAGES / 4) {
        ids.push(...(await insertMessages(MESSAGES / 4)));
      }
      terminated += await terminateWorkerConnections();
      await new Promise((resolve) => setTimeout(resolve, 60 + Math.random() * 60));
    }
    expect(terminated).toBeGreaterThan(3);
    expectAlive(worker);

    expect(await eventually(async () => (await countDelivered()) === ids.length, 60_000, 100)).toBe(
      true,
    );
    expectAlive(worker);
    // The terminations hit batches in flight; each was rolled back and relayed again.
    expect(worker.output()).toMatch(/relay batch failed/);
    const ready = await fetch(`${worker.url}/health/ready`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toContain('o2c_outbox_backlog{status="pending"} 0');

    const stored = await readStream(names.stream);
    expect(new Set(stored.map((event) => event.messageId))).toEqual(new Set(ids));
    expect(stored).toHaveLength(ids.length);
  });
});
