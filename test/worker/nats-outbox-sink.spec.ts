import { NatsEventBus } from '@o2c/integration';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { deleteStream, NATS_URL, readStream, streamConfig, uniqueNatsNames } from './nats.fixture';
import { startWorkerContext, type WorkerContext } from './relay-context';

const names = uniqueNatsNames('sink');
const variables = {
  NATS_URL,
  NATS_STREAM: names.stream,
  NATS_SUBJECT_PREFIX: names.prefix,
  NATS_DUPLICATE_WINDOW_SECONDS: '120',
};
let database: TestDatabase;
let observer: Pool;
let worker: WorkerContext;

beforeAll(async () => {
  database = await createTestDatabase();
  observer = new Pool({ connectionString: database.url, max: 2 });
  worker = await startWorkerContext({ databaseUrl: database.url, variables });
  expect(await worker.get(NatsEventBus).ready()).toBe(true);
});

afterAll(async () => {
  await worker?.close();
  await observer?.end();
  await deleteStream(names.stream);
  await database?.drop();
});

async function insert(eventType: string, aggregateId: string, payload: object): Promise<string> {
  const { rows } = await observer.query<{ id: string }>(
    `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
     VALUES ('order', $1, $2, $3, '{"correlationId": "req-42"}') RETURNING id`,
    [aggregateId, eventType, JSON.stringify(payload)],
  );
  return rows[0].id;
}

describe('NATS JetStream sink', () => {
  it('creates the stream over <prefix>.> with the configured duplicate window', async () => {
    const config = await streamConfig(names.stream);
    expect(config.subjects).toEqual([`${names.prefix}.>`]);
    expect(config.duplicate_window).toBe(120 * 1e9);
  });

  it('publishes each message on o2c.<eventType> with its id as Nats-Msg-Id, as a CloudEvent', async () => {
    const released = await insert('order.released', 'order-1', { warehouse: 'DC-EAST' });
    const issued = await insert('invoice.issued', 'order-1', { invoiceNumber: 'INV-1' });
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ delivered: 2 }));

    const stored = await readStream(names.stream);
    expect(stored.map((event) => [event.subject, event.messageId])).toEqual([
      [`${names.prefix}.order.released`, released],
      [`${names.prefix}.invoice.issued`, issued],
    ]);
    expect(stored[0].headers).toEqual(
      expect.objectContaining({
        'Content-Type': 'application/cloudevents+json',
        'O2c-Event-Type': 'order.released',
        'O2c-Aggregate-Type': 'order',
        'O2c-Aggregate-Id': 'order-1',
        'O2c-Correlation-Id': 'req-42',
      }),
    );
    expect(stored[0].body).toEqual({
      specversion: '1.0',
      id: released,
      source: 'o2c-gateway',
      type: 'order.released',
      subject: 'order/order-1',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      datacontenttype: 'application/json',
      sequence: expect.stringMatching(/^\d+$/),
      correlationid: 'req-42',
      data: { warehouse: 'DC-EAST' },
    });
  });

  it('stores a redelivered message once: JetStream de-duplicates by message id', async () => {
    const id = await insert('order.shipped', 'order-2', { shipment: 'S-1' });
    await worker.relay.relayBatch();
    // As after a crash between publishing and committing: the message is pending again.
    await observer.query(`UPDATE outbox_messages SET status = 'pending' WHERE id = $1`, [id]);
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ delivered: 1 }));
    const stored = (await readStream(names.stream)).filter((event) => event.messageId === id);
    expect(stored).toHaveLength(1);
  });

  it('sends an event type that is no NATS subject to the exception queue at once', async () => {
    const id = await insert('order released', 'order-3', {});
    expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ dead: 1 }));
    const { rows } = await observer.query(
      `SELECT source, error_code AS "errorCode" FROM integration_exceptions WHERE reference = $1`,
      [id],
    );
    expect(rows).toEqual([{ source: 'outbox:nats', errorCode: 'NATS_INVALID_SUBJECT' }]);
  });

  it('leaves an existing stream as it is when a second worker starts, adding a missing subject', async () => {
    const second = await startWorkerContext({ databaseUrl: database.url, variables });
    const third = await startWorkerContext({
      databaseUrl: database.url,
      variables: { ...variables, NATS_SUBJECT_PREFIX: `${names.prefix}_more` },
    });
    try {
      expect(await second.get(NatsEventBus).ready()).toBe(true);
      expect(await third.get(NatsEventBus).ready()).toBe(true);
      const config = await streamConfig(names.stream);
      expect(config.subjects).toEqual([`${names.prefix}.>`, `${names.prefix}_more.>`]);
      expect(config.duplicate_window).toBe(120 * 1e9);
    } finally {
      await second.close();
      await third.close();
    }
  });

  it('holds messages back without spending attempts while NATS is unreachable', async () => {
    const unreachable = await startWorkerContext({
      databaseUrl: database.url,
      variables: { ...variables, NATS_URL: 'nats://127.0.0.1:1' },
    });
    try {
      const id = await insert('order.cancelled', 'order-4', {});
      expect(await unreachable.relay.relayBatch()).toEqual(
        expect.objectContaining({ delivered: 0, sinkUnavailable: true }),
      );
      const { rows } = await observer.query(
        'SELECT status, attempts FROM outbox_messages WHERE id = $1',
        [id],
      );
      expect(rows).toEqual([{ status: 'pending', attempts: 0 }]);
      // Once NATS is back (here: the connected worker), the message goes out.
      expect(await worker.relay.relayBatch()).toEqual(expect.objectContaining({ delivered: 1 }));
    } finally {
      await unreachable.close();
    }
  });
});
