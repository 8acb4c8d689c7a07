import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { OrderProcessClient } from '../process-api/order-process.client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { partner, WebhookClient } from './webhook.client';
import {
  bodyOf,
  FAILS,
  HANGS,
  OK,
  type ReceivedWebhook,
  verifyWebhook,
  WebhookReceiver,
} from './webhook-receiver.fixture';
import { eventually, LOCAL_WEBHOOKS, startWorker } from './webhook-worker.fixture';

/**
 * Retries: 300 ms, then 600 ms, then 1200 ms (no jitter), for 3 s after the event; each
 * attempt may take 400 ms. The circuit breaker is out of the way here (its own suite).
 */
const SCHEDULE = {
  ...LOCAL_WEBHOOKS,
  WEBHOOK_TIMEOUT_MS: '400',
  WEBHOOK_RETRY_INITIAL_DELAY_MS: '300',
  WEBHOOK_RETRY_MULTIPLIER: '2',
  WEBHOOK_RETRY_MAX_DELAY_MS: '1200',
  WEBHOOK_RETRY_JITTER_RATIO: '0',
  WEBHOOK_RETRY_WINDOW_SECONDS: '3',
  WEBHOOK_CIRCUIT_FAILURE_THRESHOLD: '1000',
};

describe('webhook delivery to a real endpoint', () => {
  let gateway: TestGateway;
  let worker: INestApplication;
  let receiver: WebhookReceiver;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let client: WebhookClient;
  let database: Pool;
  let warehouse: { id: string; code: string };

  beforeAll(async () => {
    gateway = await startTestGateway(SCHEDULE);
    worker = await startWorker(gateway.database.url, SCHEDULE);
    receiver = await WebhookReceiver.start();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    client = new WebhookClient(gateway);
    database = new Pool({ connectionString: gateway.database.url, max: 2 });
    warehouse = await fixtures.warehouse(['US-WEST']);
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await fixtures?.close();
    await database?.end();
    await gateway?.close();
  });

  /** A released order for the account: one order.released event through the outbox. */
  async function releasedOrder(
    account: TradingAccount,
  ): Promise<{ orderId: string; messageId: string }> {
    const item = await fixtures.item({ listPrice: '4.00', standardCost: '2.00' });
    await fixtures.stock(warehouse.id, item.id, '100');
    const submitted = await orders.submit(
      orderBody(account.id, [{ sku: item.sku, quantity: '3' }]),
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('released');
    const { rows } = await database.query<{ id: string }>(
      `SELECT id FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'order.released'`,
      [submitted.body.id],
    );
    expect(rows).toHaveLength(1);
    return { orderId: submitted.body.id, messageId: rows[0]?.id ?? '' };
  }

  async function subscribe(body: Record<string, unknown>, agent = gateway.http()) {
    const created = await client.create(body, agent);
    expect(created.status).toBe(201);
    return { id: created.body.id as string, secret: created.body.secret as string };
  }

  async function deliveryOf(subscriptionId: string, messageId: string) {
    const log = await client.deliveries(subscriptionId, `?messageId=${messageId}`);
    expect(log.status).toBe(200);
    return log.body.items[0];
  }

  function gaps(requests: ReceivedWebhook[]): number[] {
    return requests
      .slice(1)
      .map((request, index) => request.receivedAt - (requests[index]?.receivedAt ?? 0));
  }

  it('fans a released order out to the subscriptions that select it, signed as Standard Webhooks', async () => {
    const account = await fixtures.customer();
    const bystander = await fixtures.customer();
    const notifications = await subscribe({
      name: 'Account-manager notifications',
      url: receiver.url('/internal/orders'),
      eventTypes: ['order.*'],
    });
    const own = await subscribe(
      { name: 'Partner ERP', url: receiver.url('/partner/own'), eventTypes: ['order.released'] },
      gateway.as(partner([account.id])),
    );
    await subscribe(
      {
        name: 'Other partner',
        url: receiver.url('/partner/other'),
        eventTypes: ['order.released'],
      },
      gateway.as(partner([bystander.id])),
    );
    await subscribe({
      name: 'Invoices only',
      url: receiver.url('/internal/invoices'),
      eventTypes: ['invoice.issued'],
    });

    const { orderId, messageId } = await releasedOrder(account);
    const [internal] = await receiver.waitFor('/internal/orders', 1);
    const [partnerCopy] = await receiver.waitFor('/partner/own', 1);
    if (!internal || !partnerCopy) throw new Error('unreachable');

    for (const [request, secret] of [
      [internal, notifications.secret],
      [partnerCopy, own.secret],
    ] as const) {
      expect(request.headers['webhook-id']).toBe(messageId);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['user-agent']).toMatch(/^o2c-gateway-webhooks\//);
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(verifyWebhook(secret, request)).toBe(true);
      const body = bodyOf(request);
      expect(body.type).toBe('order.released');
      expect(body.data).toMatchObject({
        orderId,
        customerId: account.id,
        warehouseId: warehouse.id,
      });
    }
    // Each receiver verifies with its own secret only, and a changed byte breaks it.
    expect(verifyWebhook(own.secret, internal)).toBe(false);
    expect(verifyWebhook(notifications.secret, { ...internal, body: `${internal.body} ` })).toBe(
      false,
    );
    expect(verifyWebhook(notifications.secret, internal, Date.now() + 301_000)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received('/partner/other')).toEqual([]);
    expect(receiver.received('/internal/invoices')).toEqual([]);

    const delivery = await eventually(
      () => deliveryOf(own.id, messageId),
      (found) => found?.status === 'delivered',
    );
    expect(delivery).toMatchObject({ messageId, eventType: 'order.released', attempts: 1 });
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'delivered',
        statusCode: 200,
        errorCode: null,
        responseExcerpt: '{"received":true}',
        probe: false,
      }),
    ]);
    expect(delivery.attemptLog[0].durationMs).toBeGreaterThanOrEqual(0);
    const perMessage = await client.messageDeliveries(messageId);
    expect(
      perMessage.body.items.map((item: { subscriptionId: string }) => item.subscriptionId).sort(),
    ).toEqual([notifications.id, own.id].sort());
  });

  it('delivers a ping, and signs with both secrets while a rotation overlaps', async () => {
    const subscription = await subscribe({
      name: 'Rotating receiver',
      url: receiver.url('/rotating'),
      eventTypes: ['order.released'],
    });
    await client.ping(subscription.id);
    const [ping] = await receiver.waitFor('/rotating', 1);
    if (!ping) throw new Error('unreachable');
    expect(bodyOf(ping).type).toBe('webhook.ping');
    expect(verifyWebhook(subscription.secret, ping)).toBe(true);

    const rotated = await client.rotate(subscription.id);
    await client.ping(subscription.id);
    const overlapping = (await receiver.waitFor('/rotating', 2))[1];
    if (!overlapping) throw new Error('unreachable');
    expect(overlapping.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(subscription.secret, overlapping)).toBe(true);
    expect(verifyWebhook(rotated.body.secret, overlapping)).toBe(true);

    const immediate = await client.rotate(subscription.id, { overlapHours: 0 });
    await client.ping(subscription.id);
    const after = (await receiver.waitFor('/rotating', 3))[2];
    if (!after) throw new Error('unreachable');
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(verifyWebhook(immediate.body.secret, after)).toBe(true);
    expect(verifyWebhook(rotated.body.secret, after)).toBe(false);
    expect(verifyWebhook(subscription.secret, after)).toBe(false);
  });

  describe('an endpoint that answers 500, retried on schedule, then the exception queue, then replayed', () => {
    let subscriptionId: string;
    let secret: string;
    let account: TradingAccount;
    let messageId: string;
    let exceptionId: string;

    beforeAll(async () => {
      account = await fixtures.customer();
      receiver.answer('/failing', FAILS);
      ({ id: subscriptionId, secret } = await subscribe({
        name: 'Failing receiver',
        url: receiver.url('/failing'),
        eventTypes: ['order.released'],
        customerId: account.id,
      }));
      ({ messageId } = await releasedOrder(account));
    });

    it('tries at 0, +300 ms, +600 ms and +1200 ms, then gives up at the 3 s window', async () => {
      const attempts = await receiver.waitFor('/failing', 4);
      const delivery = await eventually(
        () => deliveryOf(subscriptionId, messageId),
        (found) => found?.status === 'dead',
      );
      expect(receiver.received('/failing')).toHaveLength(4);
      const [first, second, third] = gaps(attempts);
      expect(first).toBeGreaterThanOrEqual(290);
      expect(first).toBeLessThan(700);
      expect(second).toBeGreaterThanOrEqual(590);
      expect(second).toBeLessThan(1000);
      expect(third).toBeGreaterThanOrEqual(1190);
      expect(third).toBeLessThan(1600);
      // Every attempt carries the same message id, freshly signed.
      for (const attempt of attempts) {
        expect(attempt.headers['webhook-id']).toBe(messageId);
        expect(verifyWebhook(secret, attempt)).toBe(true);
      }
      expect(delivery).toMatchObject({
        status: 'dead',
        attempts: 4,
        lastStatusCode: 500,
        lastErrorCode: 'HTTP_500',
        nextAttemptAt: null,
      });
      expect(delivery.attemptLog.map((attempt: { attempt: number }) => attempt.attempt)).toEqual([
        1, 2, 3, 4,
      ]);
      expect(delivery.attemptLog[0]).toMatchObject({
        outcome: 'failed',
        statusCode: 500,
        errorCode: 'HTTP_500',
        responseExcerpt: 'receiver crashed',
      });
    });

    it('puts the dead delivery in the exception queue with the error and the payload', async () => {
      const listed = gateway.expectContract(
        'listIntegrationExceptions',
        await gateway
          .http()
          .get(`/process/v1/integration-exceptions?source=webhook:${subscriptionId}`),
      );
      expect(listed.body.items).toHaveLength(1);
      const [exception] = listed.body.items;
      expect(exception).toMatchObject({
        kind: 'outbound_delivery',
        source: `webhook:${subscriptionId}`,
        partner: account.id,
        eventType: 'order.released',
        reference: messageId,
        errorCode: 'HTTP_500',
        status: 'open',
        replayCount: 0,
        payload: { customerId: account.id, eventType: 'order.released' },
      });
      expect(exception.errorDetail).toContain('4 attempt(s)');
      exceptionId = exception.id;
    });

    it('replays it with the same webhook-id once the endpoint is back, idempotently', async () => {
      receiver.answer('/failing', OK);
      const key = randomUUID();
      const path = `/process/v1/integration-exceptions/${exceptionId}/replay`;
      const replayed = gateway.expectContract(
        'replayIntegrationException',
        await gateway.http().post(path).set('idempotency-key', key),
      );
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({
        outcome: 'requeued',
        exception: { status: 'replayed', replayCount: 1, resolvedBy: 'internal:test-admin' },
      });
      const requests = await receiver.waitFor('/failing', 5);
      const last = requests[4];
      if (!last) throw new Error('unreachable');
      expect(last.headers['webhook-id']).toBe(messageId);
      expect(verifyWebhook(secret, last)).toBe(true);

      const delivery = await eventually(
        () => deliveryOf(subscriptionId, messageId),
        (found) => found?.status === 'delivered',
      );
      expect(delivery.attempts).toBe(5);
      expect(delivery.attemptLog.at(-1)).toMatchObject({ attempt: 5, outcome: 'delivered' });
      const resolved = await eventually(
        async () =>
          (await gateway.http().get(`/process/v1/integration-exceptions/${exceptionId}`)).body,
        (body) => body.status === 'resolved',
      );
      expect(resolved).toMatchObject({
        resolvedBy: 'system:webhook-dispatcher',
        resolutionReason: 'delivered after replay',
      });

      const again = await gateway.http().post(path).set('idempotency-key', key);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(replayed.body);
      const anotherKey = gateway.expectContract(
        'replayIntegrationException',
        await gateway.http().post(path).set('idempotency-key', randomUUID()),
      );
      expect(anotherKey.status).toBe(409);
      expect(anotherKey.body.code).toBe('EXCEPTION.NOT_OPEN');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.received('/failing')).toHaveLength(5);
    });
  });

  it('retries an endpoint that times out on schedule, then gives up (TIMEOUT)', async () => {
    const account = await fixtures.customer();
    receiver.answer('/slow', HANGS);
    const { id } = await subscribe({
      name: 'Slow receiver',
      url: receiver.url('/slow'),
      eventTypes: ['order.released'],
      customerId: account.id,
    });
    const { messageId } = await releasedOrder(account);
    // Each attempt waits 400 ms: failures at 0.4, 1.1 and 2.1 s; the next would be after 3 s.
    const attempts = await receiver.waitFor('/slow', 3);
    const delivery = await eventually(
      () => deliveryOf(id, messageId),
      (found) => found?.status === 'dead',
    );
    expect(receiver.received('/slow')).toHaveLength(3);
    const [first, second] = gaps(attempts);
    expect(first).toBeGreaterThanOrEqual(690);
    expect(first).toBeLessThan(1100);
    expect(second).toBeGreaterThanOrEqual(990);
    expect(second).toBeLessThan(1400);
    expect(delivery).toMatchObject({ attempts: 3, lastErrorCode: 'TIMEOUT', lastStatusCode: null });
    for (const attempt of delivery.attemptLog) {
      expect(attempt).toMatchObject({ outcome: 'failed', errorCode: 'TIMEOUT', statusCode: null });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(395);
    }
    const exceptions = await gateway
      .http()
      .get(`/process/v1/integration-exceptions?source=webhook:${id}&errorCode=TIMEOUT`);
    expect(exceptions.body.items).toEqual([expect.objectContaining({ reference: messageId })]);
  });

  it('cancels what waits when the subscription is disabled', async () => {
    const account = await fixtures.customer();
    receiver.answer('/disabled', FAILS);
    const created = await client.create({
      name: 'Soon disabled',
      url: receiver.url('/disabled'),
      eventTypes: ['order.released'],
      customerId: account.id,
    });
    const { messageId } = await releasedOrder(account);
    await receiver.waitFor('/disabled', 1);
    const disabled = await client.update(created.body.id, created.headers.etag, {
      status: 'disabled',
      disabledReason: 'receiver broken',
    });
    expect(disabled.status).toBe(200);
    const delivery = await eventually(
      () => deliveryOf(created.body.id, messageId),
      (found) => found?.status === 'cancelled',
    );
    expect(delivery.lastErrorCode).toBe('SUBSCRIPTION_DISABLED');
    const sent = receiver.received('/disabled').length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.received('/disabled')).toHaveLength(sent);
  });
});
