import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { deleteStream, NATS_URL, PublishTap, readStream, uniqueNatsNames } from './nats.fixture';
import { eventually, spawnWorker, type WorkerProcess } from './worker-process.fixture';

const MESSAGES = 5000;
const BATCH = 500;
const names = uniqueNatsNames('crash');
let database: TestDatabase;
let observer: Pool;
let tap: PublishTap;
const workers: WorkerProcess[] = [];

jest.setTimeout(120_000);

beforeAll(async () => {
  database = await createTestDatabase();
  observer = new Pool({ connectionString: database.url, max: 2 });
  tap = await PublishTap.open(names.prefix);
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await tap?.close();
  await observer?.end();
  await deleteStream(names.stream);
  await database?.drop();
});

function start(): Promise<WorkerProcess> {
  return spawnWorker({
    DATABASE_URL: database.url,
    NATS_URL,
    NATS_STREAM: names.stream,
    NATS_SUBJECT_PREFIX: names.prefix,
    OUTBOX_BATCH_SIZE: String(BATCH),
    OUTBOX_POLL_INTERVAL_MS: '50',
  }).then((worker) => {
    workers.push(worker);
    return worker;
  });
}

async function delivered(): Promise<number> {
  const { rows } = await observer.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM outbox_messages WHERE status = 'delivered'`,
  );
  return rows[0].count;
}

describe('worker killed mid-batch', () => {
  it('loses nothing: the restarted worker redelivers the cut-off batch under the same ids', async () => {
    const { rows } = await observer.query<{ id: string; aggregateId: string; sequence: string }>(
      `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload)
       SELECT 'order', 'order-' || (g % 500),
              CASE WHEN g % 3 = 0 THEN 'invoice.issued' ELSE 'order.released' END,
              jsonb_build_object('n', g)
         FROM generate_series(1, $1) AS g
       RETURNING id, aggregate_id AS "aggregateId", sequence::text AS sequence`,
      [MESSAGES],
    );
    const ids = new Set(rows.map((row) => row.id));

    const first = await start();
    expect(await eventually(() => tap.ids.length >= MESSAGES / 3, 60_000, 5)).toBe(true);
    await first.kill();
    const publishedBeforeKill = new Set(tap.ids);
    // The cut-off transaction is rolled back by the server when the connection drops.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const committed = await delivered();
    // Proof that the kill landed inside a batch: published, but never marked delivered.
    expect(publishedBeforeKill.size).toBeGreaterThan(committed);
    expect(committed).toBeLessThan(MESSAGES);

    const second = await start();
    expect(await eventually(async () => (await delivered()) === MESSAGES, 60_000, 100)).toBe(true);
    await second.stop();

    // Nothing lost: every message is in the stream, once (de-duplicated by Nats-Msg-Id).
    const stored = await readStream(names.stream);
    expect(stored).toHaveLength(MESSAGES);
    expect(new Set(stored.map((event) => event.messageId))).toEqual(ids);
    expect(stored.every((event) => event.body.id === event.messageId)).toBe(true);

    // Duplicates only as at-least-once allows: what the killed worker had published but not
    // committed, sent again by the restarted one under the same id, at most one batch.
    const seen = new Map<string, number>();
    for (const id of tap.ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    expect([...seen.keys()].every((id) => ids.has(id))).toBe(true);
    const duplicates = [...seen].filter(([, times]) => times > 1).map(([id]) => id);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates.length).toBeLessThanOrEqual(BATCH);
    expect(duplicates.every((id) => publishedBeforeKill.has(id))).toBe(true);
    expect([...seen.values()].every((times) => times <= 2)).toBe(true);

    // Per aggregate, the stream holds the messages in outbox order.
    const sequenceOf = new Map(rows.map((row) => [row.id, BigInt(row.sequence)]));
    const aggregateOf = new Map(rows.map((row) => [row.id, row.aggregateId]));
    const lastByAggregate = new Map<string, bigint>();
    for (const event of stored) {
      const aggregate = aggregateOf.get(event.messageId) ?? '';
      const sequence = sequenceOf.get(event.messageId) ?? 0n;
      expect(sequence > (lastByAggregate.get(aggregate) ?? 0n)).toBe(true);
      lastByAggregate.set(aggregate, sequence);
    }
  });
});
