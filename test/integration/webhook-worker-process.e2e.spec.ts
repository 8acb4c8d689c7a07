import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { OrderProcessClient } from '../process-api/order-process.client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { spawnWorker, type WorkerProcess } from '../worker/worker-process.fixture';
import { WebhookClient } from './webhook.client';
import { FAILS, HANGS, OK, verifyWebhook, WebhookReceiver } from './webhook-receiver.fixture';
import { eventually, LOCAL_WEBHOOKS } from './webhook-worker.fixture';

/** As in webhook-delivery.e2e.spec.ts: 300 ms, 600 ms, 1200 ms, for 3 s; 400 ms per attempt. */
const SCHEDULE = {
  ...LOCAL_WEBHOOKS,
  WEBHOOK_TIMEOUT_MS: '400',
  WEBHOOK_RETRY_INITIAL_DELAY_MS: '300',
  WEBHOOK_RETRY_MULTIPLIER: '2',
  WEBHOOK_RETRY_MAX_DELAY_MS: '1200',
  WEBHOOK_RETRY_JITTER_RATIO: '0',
  WEBHOOK_RETRY_WINDOW_SECONDS: '3',
  WEBHOOK_CIRCUIT_FAILURE_THRESHOLD: '1000',
  TIMER_INTERVAL_MS: '3600000',
};

/**
 * The worker as its own process (`npm run start:worker`): endpoints that answer 500 or never
 * answer are retried on schedule until the exception queue; a worker killed afterwards and
 * started again sends the replayed deliveries with the same webhook-id.
 */
describe('webhook delivery by the worker process', () => {
  let gateway: TestGateway;
  let receiver: WebhookReceiver;
  let worker: WorkerProcess | undefined;
  let database: Pool;
  let client: WebhookClient;

  beforeAll(async () => {
    gateway = await startTestGateway(SCHEDULE);
    receiver = await WebhookReceiver.start();
    database = new Pool({ connectionString: gateway.database.url, max: 2 });
    client = new WebhookClient(gateway);
    worker = await spawnWorker({ DATABASE_URL: gateway.database.url, ...SCHEDULE });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await database?.end();
    await gateway?.close();
  });

  const deliveryStatus = async (subscriptionId: string) => {
    const log = await client.deliveries(subscriptionId);
    return log.body.items[0] as { status: string; attempts: number; messageId: string } | undefined;
  };

  it('retries a 500 and a timeout on schedule, then puts both in the exception queue; a restarted worker delivers their replays', async () => {
    const fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    const account = await fixtures.customer();
    const warehouse = await fixtures.warehouse(['US-WEST']);
    const item = await fixtures.item();
    await fixtures.stock(warehouse.id, item.id, '10');
    await fixtures.close();
    receiver.answer('/errors', FAILS);
    receiver.answer('/silent', HANGS);
    const failing = await client.create({
      name: 'Answers 500',
      url: receiver.url('/errors'),
      eventTypes: ['order.released'],
      customerId: account.id,
    });
    const silent = await client.create({
      name: 'Never answers',
      url: receiver.url('/silent'),
      eventTypes: ['order.released'],
      customerId: account.id,
    });
    const order = await new OrderProcessClient(gateway).submit(
      orderBody(account.id, [{ sku: item.sku, quantity: '1' }]),
    );
    expect(order.body.status).toBe('released');
    const {
      rows: [message],
    } = await database.query<{ id: string }>(
      `SELECT id FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'order.released'`,
      [order.body.id],
    );

    const errors = await receiver.waitFor('/errors', 4, 15_000);
    await receiver.waitFor('/silent', 3, 15_000);
    for (const id of [failing.body.id, silent.body.id]) {
      await eventually(
        () => deliveryStatus(id),
        (delivery) => delivery?.status === 'dead',
      );
    }
    const gaps = errors
      .slice(1)
      .map((request, index) => request.receivedAt - (errors[index]?.receivedAt ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(290);
    expect(gaps[1]).toBeGreaterThanOrEqual(590);
    expect(gaps[2]).toBeGreaterThanOrEqual(1190);
    expect(receiver.received('/errors')).toHaveLength(4);
    expect(receiver.received('/silent')).toHaveLength(3);
    for (const request of [...receiver.received('/errors'), ...receiver.received('/silent')]) {
      expect(request.headers['webhook-id']).toBe(message?.id);
    }
    const [first] = errors;
    if (!first) throw new Error('unreachable');
    expect(verifyWebhook(failing.body.secret, first)).toBe(true);

    const queue = gateway.expectContract(
      'listIntegrationExceptions',
      await gateway.http().get(`/process/v1/integration-exceptions?partner=${account.id}`),
    );
    const byCode = Object.fromEntries(
      queue.body.items.map((item: { errorCode: string; source: string; id: string }) => [
        item.errorCode,
        item,
      ]),
    );
    expect(byCode.HTTP_500).toMatchObject({
      source: `webhook:${failing.body.id}`,
      reference: message?.id,
    });
    expect(byCode.TIMEOUT).toMatchObject({
      source: `webhook:${silent.body.id}`,
      reference: message?.id,
    });

    // The worker reports what it did on /metrics.
    const metrics = await (await fetch(`${worker?.url}/metrics`)).text();
    expect(metrics).toMatch(/o2c_webhook_attempts_total\{outcome="dead",probe="false"\} 2/);
    expect(metrics).toMatch(/o2c_webhook_attempts_total\{outcome="retry",probe="false"\} 5/);

    // The worker dies; the endpoints come back; the replays wait in the database for the next one.
    await worker?.kill();
    receiver.answer('/errors', OK);
    receiver.answer('/silent', OK);
    const replayed = await gateway
      .http()
      .post('/process/v1/integration-exceptions/replays')
      .set('idempotency-key', randomUUID())
      .send({ ids: [byCode.HTTP_500.id, byCode.TIMEOUT.id] });
    expect(replayed.body).toMatchObject({ replayed: 2, failed: 0 });
    worker = await spawnWorker({ DATABASE_URL: gateway.database.url, ...SCHEDULE });
    const [again] = (await receiver.waitFor('/errors', 5, 20_000)).slice(4);
    const [quiet] = (await receiver.waitFor('/silent', 4, 20_000)).slice(3);
    expect(again?.headers['webhook-id']).toBe(message?.id);
    expect(quiet?.headers['webhook-id']).toBe(message?.id);
    for (const id of [failing.body.id, silent.body.id]) {
      await eventually(
        () => deliveryStatus(id),
        (delivery) => delivery?.status === 'delivered',
      );
    }
    const resolved = await gateway
      .http()
      .get(`/process/v1/integration-exceptions?partner=${account.id}&status=resolved`);
    expect(resolved.body.items).toHaveLength(2);
  }, 90_000);
});
