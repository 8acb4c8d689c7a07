import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { loadEnvironment } from '@o2c/config';
import { WEBHOOK_EVENT_TYPES } from '@o2c/domain';
import { loadOrCreateSigningKey, TokenIssuer, type TokenRequest } from '@o2c/governance';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { shippedEvent, warehouseClient } from '../factories/shipment-event.factory';
import { partner } from '../integration/webhook.client';
import {
  OK,
  type ReceivedWebhook,
  verifyWebhook,
  WebhookReceiver,
} from '../integration/webhook-receiver.fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { deleteStream, NATS_URL, uniqueNatsNames } from '../worker/nats.fixture';
import { eventually } from '../worker/worker-process.fixture';
import { spawnWorker, type WorkerProcess } from '../worker/worker-process.fixture';
import { type GatewayProcess, spawnGateway } from './gateway-process.fixture';

/** Waits are generous: both processes share two cores with other test runs. */
const WAIT_MS = 60_000;

/**
 * The product as it runs: the gateway and the worker as their own processes on one database,
 * NATS JetStream and a partner's webhook endpoint. An order is submitted and released, the
 * warehouse reports it shipped, the invoice is issued in the same transaction; the worker
 * relays the outbox: the partner receives shipment.shipped and invoice.issued about its own
 * account, signed (Standard Webhooks), and a JetStream consumer reads o2c.invoice.issued under
 * the same message id as the webhook-id.
 */
describe('order to invoice across the gateway and worker processes', () => {
  const names = uniqueNatsNames('e2e');
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-e2e-keys-')), 'signing-key.pem');
  const development = {
    WEBHOOK_ALLOW_INSECURE_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
  };
  let database: TestDatabase;
  let gateway: GatewayProcess | undefined;
  let worker: WorkerProcess | undefined;
  let receiver: WebhookReceiver;
  let nats: NatsConnection;
  let issuer: TokenIssuer;
  let fixtures: OrderIntakeFixtures;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await WebhookReceiver.start();
    receiver.answer('/partner', OK);
    gateway = await spawnGateway({
      DATABASE_URL: database.url,
      JWT_SIGNING_KEY_FILE: keyFile,
      ...development,
    });
    worker = await spawnWorker({
      DATABASE_URL: database.url,
      NATS_URL,
      NATS_STREAM: names.stream,
      NATS_SUBJECT_PREFIX: names.prefix,
      OUTBOX_POLL_INTERVAL_MS: '100',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      TIMER_INTERVAL_MS: '3600000',
      ...development,
    });
    const environment = loadEnvironment({
      DATABASE_URL: database.url,
      JWT_SIGNING_KEY_FILE: keyFile,
    });
    issuer = new TokenIssuer(loadOrCreateSigningKey(keyFile), environment);
    nats = await connect({ servers: NATS_URL, name: 'o2c-e2e-consumer' });
    fixtures = await OrderIntakeFixtures.connect(database.url);
  }, 180_000);
  afterAll(async () => {
    await fixtures?.close();
    await worker?.stop();
    await gateway?.stop();
    await nats?.close();
    await receiver?.close();
    await deleteStream(names.stream);
    await database?.drop();
  });

  async function call(
    token: TokenRequest,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${gateway?.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${issuer.issue(token).accessToken}`,
        'idempotency-key': randomUUID(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const admin: TokenRequest = {
    subject: 'e2e-admin',
    kind: 'internal',
    roles: ['admin'],
    scopes: ['orders:write', 'orders:read', 'shipments:read'],
  };

  it('ships, invoices and tells the partner by signed webhook and JetStream, under one message id', async () => {
    const account = await fixtures.customer();
    const warehouse = await fixtures.warehouse(['US-WEST']);
    const item = await fixtures.item({ listPrice: '12.50' });
    await fixtures.stock(warehouse.id, item.id, '20');

    // The partner subscribes for its account to shipments and invoices.
    const subscribed = await call(
      partner([account.id]),
      'POST',
      '/process/v1/webhook-subscriptions',
      {
        name: 'Partner ERP',
        url: receiver.url('/partner'),
        eventTypes: ['shipment.*', 'invoice.issued'],
      },
    );
    expect(subscribed.status).toBe(201);
    const secret = subscribed.body.secret as string;

    // Submitted and released; the warehouse ships it; the invoice is issued at once.
    const submitted = await call(
      admin,
      'POST',
      '/process/v1/orders',
      orderBody(account.id, [{ sku: item.sku, quantity: '4' }]),
    );
    expect(submitted.body.status).toBe('released');
    const shipped = await call(
      warehouseClient([warehouse.code]),
      'POST',
      '/process/v1/shipment-events',
      shippedEvent(warehouse.code, submitted.body.orderNumber as string, [
        { lineNumber: 1, quantity: '4' },
      ]),
    );
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ outcome: 'applied', shipment: { status: 'shipped' } });
    const invoice = shipped.body.invoice as { id: string; invoiceNumber: string };
    expect(invoice.invoiceNumber).toMatch(/^INV-\d+$/);

    // The partner's endpoint receives both, signed with its secret, about its account.
    const received = new Map<string, ReceivedWebhook>();
    const arrived = await eventually(() => {
      for (const request of receiver.received('/partner')) {
        received.set((JSON.parse(request.body) as { type: string }).type, request);
      }
      return received.has('shipment.shipped') && received.has('invoice.issued');
    }, WAIT_MS);
    expect({ arrived, types: [...received.keys()] }).toEqual({
      arrived: true,
      types: expect.arrayContaining(['shipment.shipped', 'invoice.issued']),
    });
    for (const request of received.values()) {
      expect(verifyWebhook(secret, request)).toBe(true);
      const payload = JSON.parse(request.body) as { data: Record<string, unknown> };
      expect(payload.data).toMatchObject({
        customerId: account.id,
        orderId: submitted.body.id,
      });
    }
    const invoiceHook = received.get('invoice.issued');
    expect(JSON.parse(invoiceHook?.body ?? '{}')).toMatchObject({
      type: 'invoice.issued',
      data: { invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber },
    });

    // A JetStream consumer reads the invoice under the webhook's message id.
    const webhookId = invoiceHook?.headers['webhook-id'];
    expect(webhookId).toEqual(expect.any(String));
    const consumer = await jetstream(nats).consumers.get(names.stream, {
      filter_subjects: `${names.prefix}.invoice.issued`,
    });
    const message = await consumer.next({ expires: WAIT_MS });
    expect(message).not.toBeNull();
    expect(message?.subject).toBe(`${names.prefix}.invoice.issued`);
    expect(message?.headers?.get('Nats-Msg-Id')).toBe(webhookId);
    expect(message?.json<Record<string, unknown>>()).toMatchObject({
      id: webhookId,
      type: 'invoice.issued',
      data: { invoiceId: invoice.id, customerId: account.id },
    });

    // Every type the flow wrote to the outbox is in the published catalogue.
    const { rows } = await fixtures.client.query<{ type: string }>(
      'SELECT DISTINCT event_type AS type FROM outbox_messages ORDER BY 1',
    );
    const catalogued = new Set<string>(WEBHOOK_EVENT_TYPES.map((entry) => entry.type));
    expect(rows.map((row) => row.type).filter((type) => !catalogued.has(type))).toEqual([]);
    expect(rows.map((row) => row.type)).toEqual(
      expect.arrayContaining(['order.released', 'shipment.shipped', 'invoice.issued']),
    );
  }, 180_000);
});
