import { randomUUID } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { fieldRules, partner, subscriptionBody, WebhookClient } from './webhook.client';

const HOUR = 3_600_000;

describe('integration API: webhook subscriptions', () => {
  let gateway: TestGateway;
  let client: WebhookClient;
  let accountA: string;
  let accountB: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new WebhookClient(gateway);
    accountA = await client.customer();
    accountB = await client.customer();
  });
  afterAll(() => gateway.close());

  it('lists the event types and which of them partners may receive', async () => {
    const response = await client.eventTypes();
    expect(response.status).toBe(200);
    const types = Object.fromEntries(
      response.body.items.map((entry: { type: string; partnerVisible: boolean }) => [
        entry.type,
        entry.partnerVisible,
      ]),
    );
    expect(types).toMatchObject({
      'order.released': true,
      'order.held': false,
      'task.reassigned': false,
      'invoice.issued': true,
    });
  });

  describe('registration', () => {
    it('registers an endpoint and shows its secret once', async () => {
      const created = await client.create(
        subscriptionBody({
          description: 'Account-manager notifications',
          eventTypes: ['order.held', 'order.*', 'order.held', 'task.reassigned'],
        }),
      );
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`/process/v1/webhook-subscriptions/${created.body.id}`);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({
        url: 'https://hooks.partner.example/o2c',
        eventTypes: ['order.*', 'task.reassigned'],
        subscriberKind: 'internal',
        customerId: null,
        status: 'active',
        createdBy: 'internal:test-admin',
        health: { circuit: 'closed', consecutiveFailures: 0 },
        previousSecretExpiresAt: null,
      });
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
      expect(created.body.secretHint).toBe(`whsec_…${secret.slice(-4)}`);

      const read = await client.get(created.body.id);
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('secret');
      expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));
      expect(read.body.secretHint).toBe(created.body.secretHint);
    });

    it.each<[string, string]>([
      ['http://hooks.partner.example/o2c', 'https-required'],
      ['ftp://hooks.partner.example/o2c', 'https-required'],
      ['https://127.0.0.1/hook', 'public-address'],
      ['https://127.1/hook', 'public-address'],
      ['https://2130706433/hook', 'public-address'],
      ['https://[::1]/hook', 'public-address'],
      ['https://[::ffff:127.0.0.1]/hook', 'public-address'],
      ['https://[::ffff:a9fe:a9fe]/hook', 'public-address'],
      ['https://169.254.169.254/latest/meta-data', 'public-address'],
      ['https://10.1.2.3/hook', 'public-address'],
      ['https://192.168.1.20/hook', 'public-address'],
      ['https://[fd12:3456::1]/hook', 'public-address'],
      ['https://[fe80::1]/hook', 'public-address'],
      ['https://224.0.0.251/hook', 'public-address'],
      ['https://0.0.0.0/hook', 'public-address'],
      ['https://[::]/hook', 'public-address'],
      ['https://localhost/hook', 'public-host-name'],
      ['https://metadata.google.internal/computeMetadata', 'public-host-name'],
      ['https://intranet/hook', 'public-host-name'],
      ['https://user:secret@hooks.partner.example/o2c', 'no-credentials'],
      ['https://hooks.partner.example/o2c#section', 'no-fragment'],
    ])('refuses %s with 422 naming /body/url and the rule %s', async (url, rule) => {
      const response = await client.create(subscriptionBody({ url }));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('WEBHOOK.URL_NOT_ALLOWED');
      expect(fieldRules(response)).toEqual([['/body/url', rule]]);
    });

    it('refuses what is not a URL with 400', async () => {
      const response = await client.create(subscriptionBody({ url: 'hooks.partner.example/o2c' }));
      expect(response.status).toBe(400);
      expect(fieldRules(response)).toEqual([['/body/url', 'absolute-url']]);
    });

    it('refuses malformed event types (400) and bodies that break the contract', async () => {
      const malformed = await client.create(subscriptionBody({ eventTypes: ['order.*', 'Order'] }));
      expect(malformed.status).toBe(400);
      expect(fieldRules(malformed)).toEqual([['/body/eventTypes/1', 'event-type-pattern']]);

      const empty = await client.create(subscriptionBody({ eventTypes: [] }));
      expect(empty.status).toBe(400);
      expect(fieldRules(empty)).toEqual([['/body/eventTypes', 'minItems']]);

      const extra = await client.create(subscriptionBody({ secret: 'whsec_mine' }));
      expect(extra.status).toBe(400);
      expect(fieldRules(extra)[0]?.[0]).toBe('/body/secret');
    });

    it('refuses an internal subscription bound to an account that does not exist', async () => {
      const response = await client.create(subscriptionBody({ customerId: randomUUID() }));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('WEBHOOK.ACCOUNT_UNKNOWN');
      expect(fieldRules(response)).toEqual([['/body/customerId', 'existing-customer']]);
    });
  });

  describe("partners: bound to their own account, another partner's subscription is not found", () => {
    let ownId: string;
    let ownEtag: string;
    const partnerA = () => gateway.as(partner([accountA], 'pc_partner_a'));
    const partnerB = () => gateway.as(partner([accountB], 'pc_partner_b'));

    beforeAll(async () => {
      const created = await client.create(
        subscriptionBody({ eventTypes: ['order.released', 'invoice.issued'] }),
        partnerA(),
      );
      expect(created.status).toBe(201);
      ownId = created.body.id;
      ownEtag = created.headers.etag;
    });

    it("binds a partner's subscription to its only account", async () => {
      const own = await client.get(ownId, partnerA());
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        subscriberKind: 'partner',
        customerId: accountA,
        createdBy: 'partner_client:pc_partner_a',
      });
    });

    it('answers 404 to another partner for every operation on it', async () => {
      const other = partnerB;
      expect((await client.get(ownId, other())).status).toBe(404);
      expect((await client.update(ownId, ownEtag, { name: 'Hijacked' }, other())).status).toBe(404);
      expect((await client.rotate(ownId, {}, other())).status).toBe(404);
      expect((await client.ping(ownId, other())).status).toBe(404);
      expect((await client.deliveries(ownId, '', other())).status).toBe(404);
      expect((await client.remove(ownId, ownEtag, other())).status).toBe(404);
      const list = await client.list('', other());
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(ownId);
      // Nothing changed.
      const after = await client.get(ownId);
      expect(after.headers.etag).toBe(ownEtag);
      expect(after.body.status).toBe('active');
    });

    it("refuses a partner's subscription for another account (404) or an unnamed one of several (422)", async () => {
      const foreign = await client.create(subscriptionBody({ customerId: accountB }), partnerA());
      expect(foreign.status).toBe(404);
      const several = await client.create(
        subscriptionBody(),
        gateway.as(partner([accountA, accountB])),
      );
      expect(several.status).toBe(422);
      expect(several.body.code).toBe('WEBHOOK.ACCOUNT_REQUIRED');
      expect(fieldRules(several)).toEqual([['/body/customerId', 'required-for-several-accounts']]);
      const named = await client.create(
        subscriptionBody({ customerId: accountB }),
        gateway.as(partner([accountA, accountB])),
      );
      expect(named.status).toBe(201);
      expect(named.body.customerId).toBe(accountB);
    });

    it('refuses event types partners do not receive, naming each', async () => {
      const response = await client.create(
        subscriptionBody({ eventTypes: ['order.released', 'order.held', 'task.*'] }),
        partnerA(),
      );
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('WEBHOOK.EVENT_TYPE_NOT_ALLOWED');
      expect(fieldRules(response)).toEqual([
        ['/body/eventTypes/1', 'partner-event-type'],
        ['/body/eventTypes/2', 'partner-event-type'],
      ]);
    });

    it("keeps internal subscriptions about the partner's account out of its sight", async () => {
      const internal = await client.create(subscriptionBody({ customerId: accountA }));
      expect(internal.status).toBe(201);
      expect((await client.get(internal.body.id, partnerA())).status).toBe(404);
      const list = await client.list(`?customerId=${accountA}`, partnerA());
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([ownId]);
      // Internal staff see both.
      const all = await client.list(`?customerId=${accountA}`);
      expect(all.body.items.map((item: { id: string }) => item.id)).toEqual(
        expect.arrayContaining([ownId, internal.body.id]),
      );
    });

    it('refuses tokens without the webhook scopes', async () => {
      const readOnly = gateway.as({ ...partner([accountA]), scopes: ['webhooks:read'] });
      const response = await client.create(subscriptionBody(), readOnly);
      expect(response.status).toBe(403);
      expect(response.headers['www-authenticate']).toContain('insufficient_scope');
    });
  });

  it('holds at most 25 subscriptions per partner account', async () => {
    const account = await client.customer();
    const agent = () => gateway.as(partner([account]));
    for (let index = 0; index < 25; index += 1) {
      expect((await client.create(subscriptionBody(), agent())).status).toBe(201);
    }
    const refused = await client.create(subscriptionBody(), agent());
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('WEBHOOK.SUBSCRIPTION_LIMIT');
  });

  describe('changes', () => {
    it('requires If-Match and refuses a stale one', async () => {
      const created = await client.create(subscriptionBody());
      const missing = await client.update(created.body.id, undefined, { name: 'x' });
      expect(missing.status).toBe(428);
      const stale = await client.update(created.body.id, '"7"', { name: 'x' });
      expect(stale.status).toBe(412);
    });

    it('changes only the fields sent, checking a new URL and event types like new ones', async () => {
      const created = await client.create(subscriptionBody());
      const id: string = created.body.id;
      const badUrl = await client.update(id, created.headers.etag, { url: 'https://10.0.0.9/x' });
      expect(badUrl.status).toBe(422);
      expect(fieldRules(badUrl)).toEqual([['/body/url', 'public-address']]);
      const changed = await client.update(id, created.headers.etag, {
        name: 'Warehouse release feed',
        url: 'https://wms.partner.example/inbound',
        eventTypes: ['order.released', 'order.cancelled'],
        description: null,
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.body).toMatchObject({
        name: 'Warehouse release feed',
        url: 'https://wms.partner.example/inbound',
        eventTypes: ['order.cancelled', 'order.released'],
        description: null,
        status: 'active',
      });
    });

    it('disables with a reason and enables again (the reason goes)', async () => {
      const created = await client.create(subscriptionBody());
      const id: string = created.body.id;
      const disabled = await client.update(id, created.headers.etag, {
        status: 'disabled',
        disabledReason: 'Partner migrating their receiver',
      });
      expect(disabled.body).toMatchObject({
        status: 'disabled',
        disabledReason: 'Partner migrating their receiver',
      });
      const ping = await client.ping(id);
      expect(ping.status).toBe(409);
      expect(ping.body.code).toBe('WEBHOOK.SUBSCRIPTION_DISABLED');
      const reasonWhileActive = await client.update(id, disabled.headers.etag, {
        status: 'active',
        disabledReason: 'no',
      });
      expect(reasonWhileActive.status).toBe(400);
      expect(fieldRules(reasonWhileActive)).toEqual([['/body/disabledReason', 'disabled-only']]);
      const enabled = await client.update(id, disabled.headers.etag, { status: 'active' });
      expect(enabled.body).toMatchObject({ status: 'active', disabledReason: null });
      const disabledList = await client.list('?status=disabled');
      expect(disabledList.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    });

    it('deletes a subscription with If-Match', async () => {
      const created = await client.create(subscriptionBody());
      const removed = await client.remove(created.body.id, created.headers.etag);
      expect(removed.status).toBe(204);
      expect((await client.get(created.body.id)).status).toBe(404);
    });
  });

  describe('secret rotation', () => {
    it('shows the new secret once and keeps the previous one signing for the overlap', async () => {
      const created = await client.create(subscriptionBody());
      const before = Date.now();
      const rotated = await client.rotate(created.body.id);
      expect(rotated.status).toBe(200);
      expect(rotated.headers.etag).toBe('"2"');
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.body.secret);
      const expires = Date.parse(rotated.body.previousSecretExpiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 24 * HOUR + 1000);
      const read = await client.get(created.body.id);
      expect(read.body.secretHint).toBe(`whsec_…${String(rotated.body.secret).slice(-4)}`);
      expect(read.body.previousSecretExpiresAt).toBe(rotated.body.previousSecretExpiresAt);
    });

    it('stops the previous secret at once with overlapHours 0, and refuses a bad overlap', async () => {
      const created = await client.create(subscriptionBody());
      const rotated = await client.rotate(created.body.id, { overlapHours: 0 });
      expect(rotated.body.previousSecretExpiresAt).toBeNull();
      const bad = await client.rotate(created.body.id, { overlapHours: 1000 });
      expect(bad.status).toBe(400);
      expect(fieldRules(bad)).toEqual([['/body/overlapHours', 'maximum']]);
    });

    it('audits the rotation without ever writing a secret into the audit log', async () => {
      const created = await client.create(subscriptionBody());
      const rotated = await client.rotate(created.body.id);
      const audit = await gateway
        .http()
        .get(
          `/governance/v1/audit-log?objectType=webhook_subscriptions&objectId=${created.body.id}`,
        );
      expect(audit.status).toBe(200);
      const operations = audit.body.items.map((entry: { operation: string }) => entry.operation);
      expect(operations).toEqual(
        expect.arrayContaining(['createWebhookSubscription', 'rotateWebhookSecret']),
      );
      const text = JSON.stringify(audit.body);
      expect(text).not.toContain(String(created.body.secret).slice(6));
      expect(text).not.toContain(String(rotated.body.secret).slice(6));
      expect(text).toContain('[redacted]');
    });
  });

  describe('lists', () => {
    it('filters by the event type the subscriptions receive and pages with a cursor', async () => {
      const account = await client.customer();
      const wildcard = await client.create(
        subscriptionBody({ customerId: account, eventTypes: ['order.*'] }),
      );
      const exact = await client.create(
        subscriptionBody({ customerId: account, eventTypes: ['order.released'] }),
      );
      const other = await client.create(
        subscriptionBody({ customerId: account, eventTypes: ['invoice.issued'] }),
      );
      const released = await client.list(`?customerId=${account}&eventType=order.released`);
      expect(released.body.items.map((item: { id: string }) => item.id)).toEqual([
        exact.body.id,
        wildcard.body.id,
      ]);
      const first = await client.list(`?customerId=${account}&limit=2`);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await client.list(
        `?customerId=${account}&limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([wildcard.body.id]);
      expect(second.body.nextCursor).toBeNull();
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([
        other.body.id,
        exact.body.id,
      ]);
      const badCursor = await client.list('?cursor=bm90LWEtY3Vyc29y');
      expect(badCursor.status).toBe(400);
      expect(fieldRules(badCursor)).toEqual([['/query/cursor', 'cursor']]);
    });
  });

  describe('pings and the delivery log', () => {
    it('queues a signed test event and shows it in the log per subscription and per message', async () => {
      const created = await client.create(subscriptionBody());
      const id: string = created.body.id;
      const ping = await client.ping(id);
      expect(ping.status).toBe(202);
      expect(ping.body).toMatchObject({
        subscriptionId: id,
        eventType: 'webhook.ping',
        status: 'pending',
        attempts: 0,
        attemptLog: [],
        payload: { subscriptionId: id },
      });
      expect(ping.headers.location).toBe(
        `/process/v1/webhook-subscriptions/${id}/deliveries?messageId=${ping.body.messageId}`,
      );
      const log = await client.deliveries(id);
      expect(log.body.items.map((item: { id: string }) => item.id)).toEqual([ping.body.id]);
      const byMessage = await client.messageDeliveries(ping.body.messageId);
      expect(byMessage.body.items.map((item: { id: string }) => item.id)).toEqual([ping.body.id]);
      const filtered = await client.deliveries(id, '?status=delivered');
      expect(filtered.body.items).toEqual([]);
    });

    it('replays the first ping for a repeated Idempotency-Key', async () => {
      const created = await client.create(subscriptionBody());
      const key = randomUUID();
      const path = `/process/v1/webhook-subscriptions/${created.body.id}/pings`;
      const first = await gateway.http().post(path).set('idempotency-key', key);
      const again = await gateway.http().post(path).set('idempotency-key', key);
      expect(again.status).toBe(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      const log = await client.deliveries(created.body.id);
      expect(log.body.items).toHaveLength(1);
    });

    it('shows a partner only the deliveries of its own subscriptions', async () => {
      const own = await client.create(subscriptionBody(), gateway.as(partner([accountB], 'pc_b2')));
      const ping = await client.ping(own.body.id, gateway.as(partner([accountB], 'pc_b2')));
      const mine = await client.messageDeliveries(
        ping.body.messageId,
        gateway.as(partner([accountB])),
      );
      expect(mine.body.items).toHaveLength(1);
      const theirs = await client.messageDeliveries(
        ping.body.messageId,
        gateway.as(partner([accountA])),
      );
      expect(theirs.body.items).toEqual([]);
    });
  });
});
