import type { INestApplication } from '@nestjs/common';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { WebhookClient } from './webhook.client';
import { FAILS, OK, verifyWebhook, WebhookReceiver } from './webhook-receiver.fixture';
import { eventually, LOCAL_WEBHOOKS, startWorker } from './webhook-worker.fixture';

/** Opens after 3 consecutive failures, probes after 3 s (a margin for a loaded machine, where
 *  seeing the circuit open may take a while); retries every second meanwhile (long enough that
 *  no retry of a first attempt goes out before the four first attempts have). */
interface LoggedDelivery {
  status: string;
  attemptLog: { probe: boolean; outcome: string; startedAt: string }[];
}

const CIRCUIT = {
  ...LOCAL_WEBHOOKS,
  WEBHOOK_CIRCUIT_FAILURE_THRESHOLD: '3',
  WEBHOOK_CIRCUIT_COOLDOWN_MS: '3000',
  WEBHOOK_RETRY_INITIAL_DELAY_MS: '1000',
  WEBHOOK_RETRY_MULTIPLIER: '1',
  WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
  WEBHOOK_RETRY_JITTER_RATIO: '0',
  WEBHOOK_RETRY_WINDOW_SECONDS: '60',
  WEBHOOK_TIMEOUT_MS: '400',
};

describe('webhook circuit breaker per endpoint', () => {
  let gateway: TestGateway;
  let worker: INestApplication;
  let receiver: WebhookReceiver;
  let client: WebhookClient;

  beforeAll(async () => {
    gateway = await startTestGateway(CIRCUIT);
    worker = await startWorker(gateway.database.url, CIRCUIT);
    receiver = await WebhookReceiver.start();
    client = new WebhookClient(gateway);
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await gateway?.close();
  });

  const health = async (id: string) => (await client.get(id)).body.health;

  it('opens after 3 failures, sends one probe per cool-down, and closes when a probe gets through', async () => {
    receiver.answer('/flaky', FAILS);
    receiver.answer('/healthy', OK);
    const created = await client.create({
      name: 'Flaky receiver',
      url: receiver.url('/flaky'),
      eventTypes: ['order.released'],
    });
    const id: string = created.body.id;
    // Another endpoint keeps its deliveries flowing whatever happens to this one.
    const other = await client.create({
      name: 'Healthy receiver',
      url: receiver.url('/healthy'),
      eventTypes: ['order.released'],
    });
    for (let count = 0; count < 4; count += 1) expect((await client.ping(id)).status).toBe(202);

    // Three failures open the circuit; nothing more is sent during the cool-down.
    await eventually(
      () => health(id),
      (found) => found.circuit === 'open',
    );
    const opened = await health(id);
    expect(opened.consecutiveFailures).toBeGreaterThanOrEqual(3);
    const openedAt = Date.parse(opened.openedAt);
    const nextProbeAt = Date.parse(opened.nextProbeAt);
    expect(nextProbeAt - openedAt).toBe(3000);
    // What was sent before the probe time, counted by when it arrived (however late the test
    // saw the circuit open): the failures that opened it and at most one attempt in flight,
    // all of them by the time it opened, none during the cool-down.
    const sent = receiver.received('/flaky').filter((request) => request.receivedAt < nextProbeAt);
    const burst = sent.length;
    expect(burst).toBeGreaterThanOrEqual(3);
    if (burst > 4) {
      // What came, when and which delivery, to tell a resend from a send the circuit let pass.
      const seen = sent.map((request) => ({
        afterOpenMs: request.receivedAt - openedAt,
        webhookId: request.headers['webhook-id'],
        type: (JSON.parse(request.body) as { type?: string }).type,
      }));
      throw new Error(`${burst} requests before the probe time: ${JSON.stringify(seen)}`);
    }
    for (const request of sent) expect(request.receivedAt).toBeLessThan(openedAt + 1000);

    await client.ping(other.body.id);
    await receiver.waitFor('/healthy', 1);

    // One probe after the cool-down; it fails and the circuit opens for another 3 s.
    const probed = await receiver.waitFor('/flaky', burst + 1, 6000);
    const probe = probed[burst];
    const lastOfBurst = probed[burst - 1];
    if (!probe || !lastOfBurst) throw new Error('unreachable');
    expect(probe.receivedAt - lastOfBurst.receivedAt).toBeGreaterThanOrEqual(2900);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received('/flaky')).toHaveLength(burst + 1);
    expect((await health(id)).circuit).toBe('open');

    // The endpoint recovers: the next probe closes the circuit and every waiting ping follows.
    receiver.answer('/flaky', OK);
    await eventually(
      () => health(id),
      (found) => found.circuit === 'closed',
      10_000,
    );
    const log = await eventually(
      async (): Promise<LoggedDelivery[]> => (await client.deliveries(id)).body.items,
      (items) => items.every((item) => item.status === 'delivered'),
      10_000,
    );
    expect(log).toHaveLength(4);
    const probes = log
      .flatMap((delivery) => delivery.attemptLog)
      .filter((attempt) => attempt.probe)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(probes.map((attempt) => attempt.outcome)).toEqual(['failed', 'delivered']);
    const requests = receiver.received('/flaky');
    expect(requests).toHaveLength(burst + 1 + 1 + 3);
    const recovered = await health(id);
    expect(recovered).toMatchObject({
      circuit: 'closed',
      consecutiveFailures: 0,
      nextProbeAt: null,
    });
    expect(recovered.lastSuccessAt).toEqual(expect.any(String));
    expect(recovered.lastFailureAt).toEqual(expect.any(String));
    const last = requests.at(-1);
    if (!last) throw new Error('unreachable');
    expect(verifyWebhook(created.body.secret, last)).toBe(true);
  });

  it('starts a changed URL with a closed circuit', async () => {
    receiver.answer('/moved-from', FAILS);
    const created = await client.create({
      name: 'Moving receiver',
      url: receiver.url('/moved-from'),
      eventTypes: ['order.released'],
    });
    for (let count = 0; count < 3; count += 1) await client.ping(created.body.id);
    await eventually(
      () => health(created.body.id),
      (found) => found.circuit === 'open',
    );
    const read = await client.get(created.body.id);
    const moved = await client.update(created.body.id, read.headers.etag, {
      url: receiver.url('/moved-to'),
    });
    expect(moved.body.health).toMatchObject({ circuit: 'closed', consecutiveFailures: 0 });
    await receiver.waitFor('/moved-to', 3, 5000);
  });
});
