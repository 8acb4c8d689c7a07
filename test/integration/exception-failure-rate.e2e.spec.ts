import { recordIntegrationException } from '@o2c/integration';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { fieldRules, WebhookClient } from './webhook.client';

const SUMMARY = '/process/v1/integration-exceptions/summary';
const DAY = 86_400_000;

describe('integration API: the integration failure rate, from the exception queue', () => {
  let gateway: TestGateway;
  let dataSource: DataSource;
  let account: string;
  let oldest: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    dataSource = gateway.app.get(DataSource);
    const client = new WebhookClient(gateway);
    account = await client.customer();
    const bound = await client.create({
      name: 'Account feed',
      url: 'https://hooks.partner.example/a',
      eventTypes: ['order.*'],
      customerId: account,
    });
    const unbound = await client.create({
      name: 'Everything',
      url: 'https://hooks.partner.example/all',
      eventTypes: ['order.*'],
    });
    const deliveries = async (
      subscriptionId: string,
      count: number,
      eventType = 'order.released',
    ) =>
      dataSource.query(
        `INSERT INTO webhook_deliveries (subscription_id, message_id, event_type, payload, occurred_at)
         SELECT $1, gen_random_uuid(), $2, '{}', now() FROM generate_series(1, $3)`,
        [subscriptionId, eventType, count],
      );
    await deliveries(bound.body.id, 8);
    await deliveries(bound.body.id, 2, 'webhook.ping');
    await deliveries(unbound.body.id, 2);
    await dataSource.query(
      `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, status)
       SELECT 'order', gen_random_uuid()::text, 'order.released', '{}', 'delivered' FROM generate_series(1, 4)`,
    );
    await dataSource.query(
      `INSERT INTO inbound_events (source, external_event_id, event_type, payload, status)
       SELECT 'wms:dc-east', gen_random_uuid()::text, 'shipment.shipped', '{}', 'processed' FROM generate_series(1, 5)`,
    );
    // Remittance files are inbound traffic: two received in the period, one three days ago.
    await dataSource.query(
      `INSERT INTO remittance_files (format, file_name, content_sha256, received_at)
       SELECT 'bai2', 'lockbox-' || n || '.bai', encode(sha256(convert_to('file ' || n, 'UTF8')), 'hex'),
              CASE WHEN n = 3 THEN now() - interval '3 days' ELSE now() END
         FROM generate_series(1, 3) AS n`,
    );
    const failure = (
      kind: 'outbound_delivery' | 'inbound_event' | 'integration_error',
      partner: string | null,
    ) =>
      recordIntegrationException(dataSource.manager, {
        kind,
        source: kind === 'outbound_delivery' ? `webhook:${String(bound.body.id)}` : 'wms:dc-east',
        partner,
        eventType: 'order.released',
        reference: randomUUID(),
        errorCode: 'HTTP_500',
        errorDetail: 'failed',
        payload: {},
      });
    await failure('outbound_delivery', account);
    await failure('outbound_delivery', account);
    await failure('inbound_event', null);
    await failure('integration_error', null);
    oldest = await failure('inbound_event', 'wms:dc-west');
    await dataSource.query(
      `UPDATE integration_exceptions SET created_at = now() - interval '3 days' WHERE id = $1`,
      [oldest],
    );
  });
  afterAll(() => gateway.close());

  const summary = async (query = '') =>
    gateway.expectContract(
      'getIntegrationFailureRate',
      await gateway.http().get(`${SUMMARY}${query}`),
    );

  it('sets the failures of the last 24 hours against the integration traffic, by kind and partner', async () => {
    const response = await summary();
    expect(response.status).toBe(200);
    expect(Date.parse(response.body.to) - Date.parse(response.body.from)).toBe(DAY);
    // 10 deliveries (pings excluded) + 4 outbox messages + 5 inbound events + 2 remittance
    // files; 4 failures.
    expect(response.body).toMatchObject({ events: 21, failures: 4, failureRate: '0.1905' });
    expect(response.body.byKind).toEqual([
      { kind: 'outbound_delivery', events: 14, failures: 2, failureRate: '0.1429' },
      { kind: 'inbound_event', events: 7, failures: 1, failureRate: '0.1429' },
      { kind: 'integration_error', events: 21, failures: 1, failureRate: '0.0476' },
    ]);
    expect(response.body.byPartner).toEqual([
      { partner: account, events: 8, failures: 2, failureRate: '0.2500' },
    ]);
  });

  it('reports the open queue whatever the period', async () => {
    const response = await summary();
    expect(response.body.open.count).toBe(5);
    const [row] = await dataSource.query<{ created_at: Date }[]>(
      'SELECT created_at FROM integration_exceptions WHERE id = $1',
      [oldest],
    );
    expect(response.body.open.oldestCreatedAt).toBe(row?.created_at.toISOString());
  });

  it('reads any period up to 366 days; a period without traffic has no rate', async () => {
    const from = new Date(Date.now() - 4 * DAY).toISOString();
    const to = new Date(Date.now() - 2 * DAY).toISOString();
    const response = await summary(`?from=${from}&to=${to}`);
    // The one remittance file received then is that period's only traffic.
    expect(response.body).toMatchObject({
      from,
      to,
      events: 1,
      failures: 1,
      failureRate: '1.0000',
    });
    expect(response.body.byPartner).toEqual([
      { partner: 'wms:dc-west', events: 0, failures: 1, failureRate: null },
    ]);
    const quiet = await summary(
      `?from=${new Date(Date.now() - 10 * DAY).toISOString()}&to=${new Date(Date.now() - 5 * DAY).toISOString()}`,
    );
    expect(quiet.body).toMatchObject({ events: 0, failures: 0, failureRate: null });
  });

  it('refuses a period that ends before it starts or lasts more than 366 days', async () => {
    const now = new Date().toISOString();
    const backwards = await summary(`?from=${now}&to=${new Date(Date.now() - DAY).toISOString()}`);
    expect(backwards.status).toBe(400);
    expect(fieldRules(backwards)).toEqual([['/query/from', 'before-to']]);
    const long = await summary(`?from=${new Date(Date.now() - 367 * DAY).toISOString()}`);
    expect(long.status).toBe(400);
    expect(fieldRules(long)).toEqual([['/query/from', 'max-period']]);
    const malformed = await summary('?from=yesterday');
    expect(malformed.status).toBe(400);
  });
});
