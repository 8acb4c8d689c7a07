import {
  ExceptionReplayRegistry,
  type IntegrationFailure,
  recordIntegrationException,
  ReplayRefusedError,
} from '@o2c/integration';
import type { IntegrationException } from '@o2c/persistence';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource, type EntityManager } from 'typeorm';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { fieldRules } from './webhook.client';

const BASE = '/process/v1/integration-exceptions';

describe('integration API: the exception queue', () => {
  let gateway: TestGateway;
  let dataSource: DataSource;
  /** Inbound events the test capability's handler applied when replayed. */
  const applied: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
    dataSource = gateway.app.get(DataSource);
    // A capability registers how its failed inbound events are re-submitted, as a WMS
    // integration would: a still-invalid event is refused, a corrected one is applied.
    gateway.app.get(ExceptionReplayRegistry).register({
      kind: 'inbound_event',
      source: 'test-wms:',
      async replay(exception: IntegrationException, manager: EntityManager) {
        if (exception.payload.valid !== true) {
          throw new ReplayRefusedError(
            'STILL_INVALID',
            'the event still names an unknown order line',
          );
        }
        await manager.query(
          `INSERT INTO inbound_events (source, external_event_id, event_type, payload, status, processed_at)
           VALUES ($1, $2, $3, $4, 'processed', now())`,
          [
            exception.source,
            exception.reference,
            exception.eventType,
            JSON.stringify(exception.payload),
          ],
        );
        applied.push(exception.reference ?? '');
        return { outcome: 'processed', detail: `applied ${exception.reference}` };
      },
    });
  });
  afterAll(() => gateway.close());

  async function record(
    failure: Partial<IntegrationFailure> & { ageMinutes?: number } = {},
  ): Promise<string> {
    const { ageMinutes, ...fields } = failure;
    const id = await recordIntegrationException(dataSource.manager, {
      kind: 'inbound_event',
      source: `test-wms:${randomUUID().slice(0, 8)}`,
      partner: null,
      eventType: 'shipment.shipped',
      reference: randomUUID(),
      errorCode: 'ORDER_LINE_UNKNOWN',
      errorDetail: 'line 3 of order SO-1 does not exist',
      payload: { valid: false, lines: [{ lineNumber: 3, quantity: '2' }] },
      ...fields,
    });
    if (ageMinutes !== undefined) {
      await dataSource.query(
        `UPDATE integration_exceptions SET created_at = now() - make_interval(mins => $2) WHERE id = $1`,
        [id, ageMinutes],
      );
    }
    return id;
  }

  const list = async (query: string) =>
    gateway.expectContract(
      'listIntegrationExceptions',
      await gateway.http().get(`${BASE}${query}`),
    );
  const ids = (response: Response) => response.body.items.map((item: { id: string }) => item.id);
  const replay = async (id: string, key: string | null = randomUUID()) => {
    const request = gateway.http().post(`${BASE}/${id}/replay`);
    if (key !== null) void request.set('idempotency-key', key);
    return gateway.expectContract('replayIntegrationException', await request);
  };

  describe('lists and filters', () => {
    const partner = randomUUID();
    let old: string;
    let webhook: string;
    let carrier: string;
    let recent: string;

    beforeAll(async () => {
      old = await record({ partner, ageMinutes: 600, source: 'test-wms:dc-east' });
      webhook = await record({
        kind: 'outbound_delivery',
        source: `webhook:${randomUUID()}`,
        partner,
        eventType: 'order.released',
        errorCode: 'HTTP_500',
        ageMinutes: 120,
      });
      carrier = await record({
        source: 'carrier:ups',
        errorCode: 'SCHEMA_INVALID',
        ageMinutes: 30,
      });
      recent = await record({
        partner,
        kind: 'integration_error',
        source: 'bank:camt',
        errorCode: 'FILE_TOTAL',
      });
    });

    it('lists open entries oldest first, with their age, error and payload', async () => {
      const response = await list(`?partner=${partner}`);
      expect(ids(response)).toEqual([old, webhook, recent]);
      const [first] = response.body.items;
      expect(first).toMatchObject({
        kind: 'inbound_event',
        source: 'test-wms:dc-east',
        errorCode: 'ORDER_LINE_UNKNOWN',
        errorDetail: 'line 3 of order SO-1 does not exist',
        payload: { valid: false },
        status: 'open',
        replayCount: 0,
      });
      expect(first.ageSeconds).toBeGreaterThanOrEqual(600 * 60);
      expect(ids(await list(`?partner=${partner}&order=newest`))).toEqual([recent, webhook, old]);
    });

    it('filters by kind, source (exact or prefix), event type, error code and reference', async () => {
      expect(
        ids(await list(`?partner=${partner}&kind=outbound_delivery&kind=integration_error`)),
      ).toEqual([webhook, recent]);
      expect(ids(await list('?source=carrier:ups'))).toEqual([carrier]);
      expect(ids(await list(`?partner=${partner}&source=webhook:`))).toEqual([webhook]);
      expect(ids(await list(`?partner=${partner}&source=test-wms*`))).toEqual([old]);
      expect(ids(await list(`?partner=${partner}&eventType=order.released`))).toEqual([webhook]);
      expect(ids(await list('?errorCode=SCHEMA_INVALID'))).toEqual([carrier]);
      const one = await gateway.http().get(`${BASE}/${webhook}`);
      expect(ids(await list(`?reference=${one.body.reference}`))).toEqual([webhook]);
    });

    it('filters by age', async () => {
      expect(ids(await list(`?partner=${partner}&olderThanMinutes=60`))).toEqual([old, webhook]);
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      expect(ids(await list(`?partner=${partner}&createdAfter=${hourAgo}`))).toEqual([recent]);
      expect(ids(await list(`?partner=${partner}&createdBefore=${hourAgo}`))).toEqual([
        old,
        webhook,
      ]);
    });

    it('pages with a cursor bound to its order', async () => {
      const first = await list(`?partner=${partner}&limit=2`);
      expect(ids(first)).toEqual([old, webhook]);
      const second = await list(`?partner=${partner}&limit=2&cursor=${first.body.nextCursor}`);
      expect(ids(second)).toEqual([recent]);
      expect(second.body.nextCursor).toBeNull();
      const switched = await list(
        `?partner=${partner}&order=newest&cursor=${first.body.nextCursor}`,
      );
      expect(switched.status).toBe(400);
      expect(fieldRules(switched)).toEqual([['/query/cursor', 'cursor']]);
    });

    it('refuses filters that break the contract', async () => {
      const kind = await list('?kind=outbound');
      expect(kind.status).toBe(400);
      expect(fieldRules(kind)[0]?.[0]).toBe('/query/kind/0');
      const age = await list('?olderThanMinutes=-1');
      expect(age.status).toBe(400);
    });
  });

  describe('inspect', () => {
    it('shows one entry with its ETag; an unknown one is 404, a malformed id 400', async () => {
      const id = await record();
      const found = gateway.expectContract(
        'getIntegrationException',
        await gateway.http().get(`${BASE}/${id}`),
      );
      expect(found.status).toBe(200);
      expect(found.headers.etag).toBe('"1"');
      const missing = await gateway.http().get(`${BASE}/${randomUUID()}`);
      expect(gateway.expectContract('getIntegrationException', missing).status).toBe(404);
      const malformed = await gateway.http().get(`${BASE}/not-a-uuid`);
      expect(gateway.expectContract('getIntegrationException', malformed).status).toBe(400);
    });
  });

  describe('replay', () => {
    it("re-submits an inbound event through its source's handler and resolves the entry", async () => {
      const reference = randomUUID();
      const id = await record({ reference, payload: { valid: true, shipment: 'SH-9' } });
      const response = await replay(id);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        outcome: 'processed',
        detail: `applied ${reference}`,
        exception: {
          id,
          status: 'resolved',
          replayCount: 1,
          resolvedBy: 'internal:test-admin',
          resolutionReason: `replayed: applied ${reference}`,
        },
      });
      expect(response.body.exception.resolvedAt).toEqual(expect.any(String));
      expect(applied).toContain(reference);
      const [event] = await dataSource.query<{ status: string }[]>(
        'SELECT status FROM inbound_events WHERE external_event_id = $1',
        [reference],
      );
      expect(event?.status).toBe('processed');
    });

    it('leaves the entry open when the handler refuses, naming the reason (422)', async () => {
      const id = await record();
      const response = await replay(id);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'EXCEPTION.REPLAY_REFUSED',
        reason: 'STILL_INVALID',
      });
      expect(response.body.detail).toBe('the event still names an unknown order line');
      const after = await gateway.http().get(`${BASE}/${id}`);
      expect(after.body).toMatchObject({ status: 'open', replayCount: 0, version: 1 });
    });

    it('answers 422 when nothing replays the source, 404 for an unknown entry', async () => {
      // Shipment events (wms:, carrier:, staff:) have their handler; this source has none.
      const id = await record({ source: 'unregistered-sender:acme' });
      const response = await replay(id);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('EXCEPTION.NO_REPLAY_HANDLER');
      expect(fieldRules(response)).toEqual([['/source', 'replay-handler']]);
      expect((await replay(randomUUID())).status).toBe(404);
    });

    it('requires an Idempotency-Key and answers a repeated key with the first result', async () => {
      const id = await record({ payload: { valid: true } });
      const missing = await replay(id, null);
      expect(missing.status).toBe(400);
      const key = randomUUID();
      const first = await replay(id, key);
      const again = await replay(id, key);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await replay(id, randomUUID());
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('EXCEPTION.NOT_OPEN');
    });

    it('re-queues a dead outbox message for the relay with the same id', async () => {
      const [message] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, status, attempts, last_error)
         VALUES ('order', $1, 'order.released', '{"orderId": "x"}', 'dead', 15, 'NATS_TIMEOUT')
         RETURNING id`,
        [randomUUID()],
      );
      const id = await record({
        kind: 'outbound_delivery',
        source: 'outbox:nats',
        eventType: 'order.released',
        reference: message?.id,
        errorCode: 'NATS_TIMEOUT',
      });
      const response = await replay(id);
      expect(response.body).toMatchObject({
        outcome: 'requeued',
        exception: { status: 'replayed' },
      });
      const [after] = await dataSource.query<{ status: string; attempts: number }[]>(
        'SELECT status, attempts FROM outbox_messages WHERE id = $1',
        [message?.id],
      );
      expect(after).toEqual({ status: 'pending', attempts: 0 });
    });

    it('audits a replay with the entry before and after', async () => {
      const id = await record({ payload: { valid: true } });
      const response = await replay(id);
      const audit = await gateway
        .http()
        .get(`/governance/v1/audit-log?objectType=integration_exceptions&objectId=${id}`);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          operation: 'replayIntegrationException',
          principal: 'internal:test-admin',
          correlationId: response.headers['x-request-id'],
          before: expect.objectContaining({ status: 'open', replayCount: 0 }),
          after: expect.objectContaining({ status: 'resolved', replayCount: 1 }),
        }),
      ]);
    });
  });

  describe('bulk replay', () => {
    it('replays named entries one by one, reporting each', async () => {
      const good = await record({ payload: { valid: true } });
      const refused = await record();
      const done = await record({ payload: { valid: true } });
      await replay(done);
      const unknown = randomUUID();
      const response = gateway.expectContract(
        'replayIntegrationExceptions',
        await gateway
          .http()
          .post(`${BASE}/replays`)
          .set('idempotency-key', randomUUID())
          .send({ ids: [good, refused, done, unknown] }),
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ requested: 4, replayed: 1, failed: 1, skipped: 2 });
      expect(response.body.results).toEqual([
        expect.objectContaining({ id: good, result: 'processed', code: null }),
        expect.objectContaining({ id: refused, result: 'failed', code: 'STILL_INVALID' }),
        expect.objectContaining({ id: done, result: 'skipped', code: 'EXCEPTION.NOT_OPEN' }),
        expect.objectContaining({ id: unknown, result: 'skipped', code: 'RESOURCE.NOT_FOUND' }),
      ]);
    });

    it('replays the open entries a filter selects, oldest first, up to the limit; a repeated key changes nothing', async () => {
      const source = `test-wms:bulk-${randomUUID().slice(0, 6)}:`;
      const first = await record({
        source: `${source}a`,
        payload: { valid: true },
        ageMinutes: 10,
      });
      const second = await record({
        source: `${source}b`,
        payload: { valid: true },
        ageMinutes: 5,
      });
      const third = await record({ source: `${source}c`, payload: { valid: true } });
      const key = randomUUID();
      const send = () =>
        gateway
          .http()
          .post(`${BASE}/replays`)
          .set('idempotency-key', key)
          .send({ filter: { source, kind: ['inbound_event'] }, limit: 2 });
      const response = gateway.expectContract('replayIntegrationExceptions', await send());
      expect(response.body.results.map((item: { id: string }) => item.id)).toEqual([first, second]);
      expect(response.body.replayed).toBe(2);
      const again = await send();
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(response.body);
      expect(ids(await list(`?source=${source}`))).toEqual([third]);
    });

    it('refuses a body that is neither ids nor a filter, and too many ids', async () => {
      const send = (body: object) =>
        gateway.http().post(`${BASE}/replays`).set('idempotency-key', randomUUID()).send(body);
      expect((await send({})).status).toBe(400);
      expect((await send({ ids: [], filter: {} })).status).toBe(400);
      const many = Array.from({ length: 501 }, () => randomUUID());
      expect((await send({ ids: many })).status).toBe(400);
    });
  });

  describe('discard', () => {
    it('closes an open entry with a reason, conditional on If-Match', async () => {
      const id = await record();
      const path = `${BASE}/${id}/discard`;
      const send = (etag: string | undefined, body: object) => {
        const request = gateway.http().post(path);
        if (etag !== undefined) void request.set('if-match', etag);
        return request.send(body);
      };
      const noEtag = gateway.expectContract(
        'discardIntegrationException',
        await send(undefined, { reason: 'duplicate of SO-1' }),
      );
      expect(noEtag.status).toBe(428);
      const noReason = gateway.expectContract('discardIntegrationException', await send('"1"', {}));
      expect(noReason.status).toBe(400);
      expect(fieldRules(noReason)).toEqual([['/body/reason', 'required']]);
      const blank = gateway.expectContract(
        'discardIntegrationException',
        await send('"1"', { reason: '    ' }),
      );
      expect(fieldRules(blank)).toEqual([['/body/reason', 'minLength']]);
      const discarded = gateway.expectContract(
        'discardIntegrationException',
        await send('"1"', { reason: 'The warehouse re-sent it corrected' }),
      );
      expect(discarded.status).toBe(200);
      expect(discarded.headers.etag).toBe('"2"');
      expect(discarded.body).toMatchObject({
        status: 'discarded',
        resolvedBy: 'internal:test-admin',
        resolutionReason: 'The warehouse re-sent it corrected',
      });
      const twice = gateway.expectContract(
        'discardIntegrationException',
        await send('"2"', { reason: 'again' }),
      );
      expect(twice.status).toBe(409);
      const stale = gateway.expectContract(
        'discardIntegrationException',
        await send('"1"', { reason: 'again' }),
      );
      expect(stale.status).toBe(412);
      expect(ids(await list(`?status=discarded&reference=${discarded.body.reference}`))).toEqual([
        id,
      ]);
      expect((await replay(id)).status).toBe(409);
    });
  });

  describe('access', () => {
    it('lets operations work the queue; finance and partners may not', async () => {
      const operations = gateway.as({
        subject: 'ops-1',
        kind: 'internal',
        roles: ['operations'],
        scopes: gateway.contracts.governance.roles.get('operations') ?? [],
      });
      expect((await operations.get(BASE)).status).toBe(200);
      const finance = gateway.as({
        subject: 'fin-1',
        kind: 'internal',
        roles: ['finance'],
        scopes: gateway.contracts.governance.roles.get('finance') ?? [],
      });
      expect((await finance.get(BASE)).status).toBe(403);
      const partnerClient = gateway.as({
        subject: 'pc_x',
        kind: 'partner_client',
        customerIds: [randomUUID()],
        scopes: gateway.contracts.governance.roles.get('partner-client') ?? [],
      });
      expect((await partnerClient.get(BASE)).status).toBe(403);
    });
  });
});
