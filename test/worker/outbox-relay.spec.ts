import { MetricsRegistry } from '@o2c/integration';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  DeliveryJournal,
  RecordingSink,
  RecordingSinkModule,
  SINK_WRITES_TABLE,
} from './recording.sink';
import { startWorkerContext, type WorkerContext } from './relay-context';

let database: TestDatabase;
let observer: Pool;
const contexts: WorkerContext[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  observer = new Pool({ connectionString: database.url, max: 4 });
  await observer.query(SINK_WRITES_TABLE);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await observer.query(
    `UPDATE outbox_messages SET status = 'delivered' WHERE status <> 'delivered'`,
  );
});

afterAll(async () => {
  await observer.end();
  await database.drop();
});

/** `count` messages spread round-robin over `aggregates` aggregates; their ids in order. */
async function insertMessages(tag: string, count: number, aggregates: number): Promise<string[]> {
  const { rows } = await observer.query<{ id: string }>(
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload)
     SELECT 'order', $1 || '-' || (g % $3), 'order.released', jsonb_build_object('n', g)
       FROM generate_series(1, $2) AS g
     RETURNING id`,
    [tag, count, aggregates],
  );
  return rows.map((row) => row.id);
}

async function relays(count: number, journal: DeliveryJournal, variables: Record<string, string>) {
  for (let index = 0; index < count; index += 1) {
    const context = await startWorkerContext({
      databaseUrl: database.url,
      variables,
      imports: [RecordingSinkModule],
      sinks: [RecordingSink],
    });
    context.get(RecordingSink).attach(`relay-${index + 1}`, journal);
    contexts.push(context);
  }
  return contexts.slice(-count);
}

async function undelivered(ids: readonly string[]): Promise<number> {
  const { rows } = await observer.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM outbox_messages
      WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'failed')`,
    [ids],
  );
  return rows[0].count;
}

/** Runs a relay's batches until none of `ids` is left undelivered. */
async function drain(
  context: WorkerContext,
  name: string,
  journal: DeliveryJournal,
  ids: string[],
) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const result = await context.relay.relayBatch();
    journal.batchEnded(name);
    if (result.claimed === 0) {
      if ((await undelivered(ids)) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  throw new Error(`${name}: messages left undelivered`);
}

function statuses(ids: readonly string[]) {
  return observer
    .query<{ id: string; status: string; attempts: number; lastError: string | null }>(
      `SELECT id, status, attempts, last_error AS "lastError"
         FROM outbox_messages WHERE id = ANY($1::uuid[])`,
      [ids],
    )
    .then(({ rows }) => new Map(rows.map((row) => [row.id, row])));
}

describe('outbox relay', () => {
  it('shares a backlog between three relays: every aggregate in order, failures retried, each message committed once', async () => {
    const journal = new DeliveryJournal(observer, 1);
    const ids = await insertMessages('multi', 600, 40);
    // Every 20th message fails once or twice before it goes through.
    ids.forEach((id, index) => {
      if (index % 20 === 7) journal.failures.set(id, 1 + (index % 2));
    });
    const workers = await relays(3, journal, {
      OUTBOX_BATCH_SIZE: '25',
      OUTBOX_RETRY_BASE_MS: '20',
      OUTBOX_RETRY_MAX_MS: '80',
    });
    await Promise.all(
      workers.map((worker, index) => drain(worker, `relay-${index + 1}`, journal, ids)),
    );

    expect(journal.violations).toEqual([]);
    // Every message reached the sink; a batch rolled back by a failure went again (at least
    // once), but its writes committed exactly once (below).
    const calls = new Map<string, number>();
    for (const delivery of journal.deliveries)
      calls.set(delivery.id, (calls.get(delivery.id) ?? 0) + 1);
    expect(calls.size).toBe(600);
    const injected = 30 + 15;
    expect(journal.deliveries.length - 600).toBeLessThanOrEqual(injected * 25);
    // The committed delivery of a message is its last: per aggregate, those follow the sequence.
    const committed = [
      ...new Map(journal.deliveries.map((delivery) => [delivery.id, delivery])).values(),
    ];
    const byAggregate = new Map<string, { sequence: number; order: number }[]>();
    journal.deliveries.forEach((delivery, order) => {
      if (committed.includes(delivery)) {
        byAggregate.set(delivery.aggregateId, [
          ...(byAggregate.get(delivery.aggregateId) ?? []),
          { sequence: delivery.sequence, order },
        ]);
      }
    });
    for (const deliveries of byAggregate.values()) {
      const sequences = deliveries.map((delivery) => delivery.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    }
    const relaysThatWorked = new Set(journal.deliveries.map((delivery) => delivery.relay));
    expect(relaysThatWorked.size).toBe(3);

    const rows = await statuses(ids);
    ids.forEach((id, index) => {
      const expectedAttempts = index % 20 === 7 ? 2 + (index % 2) : 1;
      expect(rows.get(id)).toEqual(
        expect.objectContaining({
          status: 'delivered',
          attempts: expectedAttempts,
          lastError: null,
        }),
      );
    });
    // A failed attempt's writes were undone with it: one sink row per message.
    const { rows: writes } = await observer.query<{ count: number; distinct: number }>(
      `SELECT count(*)::int AS count, count(DISTINCT message_id)::int AS distinct
         FROM sink_writes WHERE message_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(writes[0]).toEqual({ count: 600, distinct: 600 });
  });

  it('retries with backoff, then marks the message dead with an exception-queue entry and lets its aggregate move on', async () => {
    const journal = new DeliveryJournal(observer);
    const [first, second, third] = await insertMessages('dead', 3, 1);
    journal.failures.set(first, 99);
    const [worker] = await relays(1, journal, {
      OUTBOX_MAX_ATTEMPTS: '3',
      OUTBOX_RETRY_BASE_MS: '200',
      OUTBOX_RETRY_MAX_MS: '400',
    });

    const before = Date.now();
    const result = await worker.relay.relayBatch();
    journal.batchEnded('relay-1');
    expect(result).toEqual({
      claimed: 3,
      delivered: 0,
      retried: 1,
      dead: 0,
      sinkUnavailable: false,
    });
    const { rows } = await observer.query<{ status: string; attempts: number; waitMs: number }>(
      `SELECT status, attempts, (EXTRACT(EPOCH FROM available_at) * 1000)::float8 - $2 AS "waitMs"
         FROM outbox_messages WHERE id = $1`,
      [first, before],
    );
    expect(rows[0]).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    // 200 ms ± 25 % jitter.
    expect(rows[0].waitMs).toBeGreaterThanOrEqual(140);
    expect(rows[0].waitMs).toBeLessThan(1000);
    // Not due yet, and its aggregate waits behind it.
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ claimed: 0 }));

    await drain(worker, 'relay-1', journal, [first, second, third]);
    expect(journal.violations).toEqual([]);
    expect(journal.deliveries.map((delivery) => delivery.id)).toEqual([second, third]);
    const rowsAfter = await statuses([first]);
    expect(rowsAfter.get(first)).toEqual(
      expect.objectContaining({
        status: 'dead',
        attempts: 3,
        lastError: 'recording: downstream answered 500',
      }),
    );
    const { rows: exceptions } = await observer.query(
      `SELECT kind, source, event_type AS "eventType", error_code AS "errorCode",
              error_detail AS "errorDetail", payload, status
         FROM integration_exceptions WHERE reference = $1`,
      [first],
    );
    expect(exceptions).toEqual([
      {
        kind: 'outbound_delivery',
        source: 'outbox:recording',
        eventType: 'order.released',
        errorCode: 'TEST_DOWNSTREAM_500',
        errorDetail: 'recording: downstream answered 500',
        payload: { n: 1 },
        status: 'open',
      },
    ]);
  });

  it('sends a message the downstream refuses for good to the exception queue at once', async () => {
    const journal = new DeliveryJournal(observer);
    const [refused] = await insertMessages('refused', 1, 1);
    journal.failures.set(refused, 'permanent');
    const [worker] = await relays(1, journal, {});
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ dead: 1 }));
    expect((await statuses([refused])).get(refused)).toEqual(
      expect.objectContaining({ status: 'dead', attempts: 1 }),
    );
    const { rows } = await observer.query(
      `SELECT error_code AS "errorCode" FROM integration_exceptions WHERE reference = $1`,
      [refused],
    );
    expect(rows).toEqual([{ errorCode: 'TEST_REJECTED' }]);
  });

  it('keeps one exception-queue entry per message: re-opened when a replay dies again, resolved once it gets through', async () => {
    const journal = new DeliveryJournal(observer);
    const [message] = await insertMessages('replayed', 1, 1);
    const [worker] = await relays(1, journal, {});
    const entries = async () =>
      (
        await observer.query(
          `SELECT status, replay_count AS "replayCount", error_code AS "errorCode",
                  resolved_by AS "resolvedBy", resolution_reason AS "resolutionReason"
             FROM integration_exceptions WHERE reference = $1`,
          [message],
        )
      ).rows;
    /** What a replay from the exception queue does: the message goes back to the relay with
     *  its id, the entry waits as 'replayed' for the outcome. */
    const replay = async () => {
      await observer.query(
        `UPDATE outbox_messages SET status = 'pending', available_at = now(), attempts = 0,
                last_error = NULL WHERE id = $1 AND status = 'dead'`,
        [message],
      );
      await observer.query(
        `UPDATE integration_exceptions SET status = 'replayed', replay_count = replay_count + 1,
                resolved_by = 'internal:ops', resolution_reason = 'replayed: requeued'
          WHERE reference = $1 AND status = 'open'`,
        [message],
      );
    };

    journal.failures.set(message, 'permanent');
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ dead: 1 }));
    expect(await entries()).toEqual([
      expect.objectContaining({ status: 'open', replayCount: 0, errorCode: 'TEST_REJECTED' }),
    ]);

    await replay();
    journal.failures.set(message, 'permanent');
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ dead: 1 }));
    expect(await entries()).toEqual([
      {
        status: 'open',
        replayCount: 1,
        errorCode: 'TEST_REJECTED',
        resolvedBy: null,
        resolutionReason: null,
      },
    ]);

    await replay();
    journal.failures.delete(message);
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ delivered: 1 }));
    expect((await statuses([message])).get(message)).toEqual(
      expect.objectContaining({ status: 'delivered' }),
    );
    expect(await entries()).toEqual([
      {
        status: 'resolved',
        replayCount: 2,
        errorCode: 'TEST_REJECTED',
        resolvedBy: 'system:worker-outbox-relay',
        resolutionReason: 'delivered after replay',
      },
    ]);
  });

  it('pauses without spending attempts while a sink reports its downstream unreachable', async () => {
    const journal = new DeliveryJournal(observer);
    const [blocked, other] = await insertMessages('outage', 2, 2);
    journal.failures.set(blocked, 'unavailable');
    const [worker] = await relays(1, journal, {});
    expect(await worker.relay.relayBatch()).toEqual({
      claimed: 2,
      delivered: 0,
      retried: 0,
      dead: 0,
      sinkUnavailable: true,
      unavailableReason: 'recording: downstream unreachable',
    });
    const rows = await statuses([blocked, other]);
    expect(rows.get(blocked)).toEqual(expect.objectContaining({ status: 'pending', attempts: 0 }));
    expect(rows.get(other)).toEqual(expect.objectContaining({ status: 'pending', attempts: 0 }));
    const { rows: writes } = await observer.query(
      'SELECT 1 FROM sink_writes WHERE message_id = ANY($1::uuid[])',
      [[blocked, other]],
    );
    expect(writes).toEqual([]);

    journal.failures.delete(blocked);
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ delivered: 2 }));
  });

  it('counts deliveries by outcome, lag, backlog and the open exception queue in its metrics', async () => {
    const journal = new DeliveryJournal(observer);
    const ids = await insertMessages('metrics', 5, 5);
    journal.failures.set(ids[0], 'permanent');
    journal.failures.set(ids[1], 1);
    const [worker] = await relays(1, journal, { OUTBOX_RETRY_BASE_MS: '20' });
    await drain(worker, 'relay-1', journal, ids);
    const text = await worker.get(MetricsRegistry).render();
    expect(text).toContain('o2c_outbox_deliveries_total{outcome="delivered"} 4');
    expect(text).toContain('o2c_outbox_deliveries_total{outcome="retry"} 1');
    expect(text).toContain('o2c_outbox_deliveries_total{outcome="dead"} 1');
    expect(text).toContain('o2c_outbox_sink_failures_total{sink="recording"} 2');
    expect(text).toContain('o2c_outbox_lag_seconds_count 4');
    expect(text).toContain('o2c_outbox_backlog{status="pending"} 0');
    expect(text).toMatch(/o2c_outbox_backlog\{status="dead"\} [1-9]/);
    expect(text).toMatch(/o2c_integration_exceptions_open\{kind="outbound_delivery"\} [1-9]/);
    expect(text).toContain('o2c_outbox_oldest_undelivered_age_seconds 0');
  });
});
