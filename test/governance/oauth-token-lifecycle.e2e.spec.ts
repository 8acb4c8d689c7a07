import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { expectOAuthError, OAuthTestClient } from './oauth-token.client';

// Gateways start in 1-2 s, much longer when the machine is busy; the project's 30 s
// testTimeout does not reach hooks here.
jest.setTimeout(30_000);

/** Revocation, secret rotation with overlap, and the endpoint's rate limit. */
describe('OAuth 2.0 client credentials: client lifecycle', () => {
  let gateway: TestGateway;
  let oauth: OAuthTestClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    oauth = await OAuthTestClient.start(gateway, 1);
  });
  afterAll(() => gateway.close());

  it('stops issuing tokens to a revoked client', async () => {
    const client = await oauth.register();
    const before = await oauth.clientCredentials(client);
    expect(before.status).toBe(200);

    const revoked = gateway.expectContract(
      'revokeApiClient',
      await gateway.http().post(`/governance/v1/api-clients/${client.clientId}/revocation`),
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const again = gateway.expectContract(
      'revokeApiClient',
      await gateway.http().post(`/governance/v1/api-clients/${client.clientId}/revocation`),
    );
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

    expectOAuthError(await oauth.clientCredentials(client), 400, 'unauthorized_client');
    expectOAuthError(
      await oauth.requestToken(
        { grant_type: 'client_credentials' },
        { basic: [client.clientId, 'not-the-secret'] },
      ),
      401,
      'invalid_client',
    );
    const rotation = gateway.expectContract(
      'rotateApiClientSecret',
      await gateway.http().post(`/governance/v1/api-clients/${client.clientId}/secret-rotations`),
    );
    expect(rotation.status).toBe(409);
  });

  it('keeps the previous secret working during the overlap, then only the new one', async () => {
    const client = await oauth.register();
    const rotated = gateway.expectContract(
      'rotateApiClientSecret',
      await gateway.http().post(`/governance/v1/api-clients/${client.clientId}/secret-rotations`),
    );
    expect(rotated.status).toBe(201);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const overlapEnd = Date.parse(rotated.body.previousSecretsValidUntil);
    expect(Math.abs(overlapEnd - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);
    const next = { ...client, clientSecret: rotated.body.clientSecret as string };
    expect(next.clientSecret).not.toBe(client.clientSecret);
    expect((await oauth.clientCredentials(client)).status).toBe(200);
    expect((await oauth.clientCredentials(next)).status).toBe(200);

    const read = gateway.expectContract(
      'getApiClient',
      await gateway.http().get(`/governance/v1/api-clients/${client.clientId}`),
    );
    expect(read.body.secrets).toEqual([
      { createdAt: expect.any(String), expiresAt: rotated.body.previousSecretsValidUntil },
      { createdAt: rotated.body.createdAt, expiresAt: null },
    ]);

    // The overlap ends (simulated): the old secret is refused, the new one still works.
    await oauth.withDatabase(async (db) => {
      const { rows } = await db.query<{ secret_hashes: { not_after?: string }[] }>(
        'SELECT secret_hashes FROM api_clients WHERE client_id = $1',
        [client.clientId],
      );
      const hashes = (rows[0]?.secret_hashes ?? []).map((hash) =>
        hash.not_after ? { ...hash, not_after: new Date(Date.now() - 1000).toISOString() } : hash,
      );
      await db.query('UPDATE api_clients SET secret_hashes = $2 WHERE client_id = $1', [
        client.clientId,
        JSON.stringify(hashes),
      ]);
    });
    expectOAuthError(await oauth.clientCredentials(client), 401, 'invalid_client');
    expect((await oauth.clientCredentials(next)).status).toBe(200);

    // The next rotation prunes the expired hash.
    const pruning = gateway.expectContract(
      'rotateApiClientSecret',
      await gateway.http().post(`/governance/v1/api-clients/${client.clientId}/secret-rotations`),
    );
    expect(pruning.status).toBe(201);
    const stored = await oauth.withDatabase((db) =>
      db.query<{ secret_hashes: { hash: string; not_after?: string }[] }>(
        'SELECT secret_hashes FROM api_clients WHERE client_id = $1',
        [client.clientId],
      ),
    );
    const hashes = stored.rows[0]?.secret_hashes ?? [];
    expect(hashes).toHaveLength(2);
    expect(hashes.every((hash) => hash.hash.startsWith('scrypt$N=16384,r=8,p=1$'))).toBe(true);
  });

  it('answers 429 problem+json with Retry-After once the per-IP budget is spent', async () => {
    // The budget is 20 requests per 1 s window. The clock is held for the burst so that all 30
    // requests count in one window however slowly a busy machine serves them (a real clock
    // lets a slow burst spread over two windows and never exceed either), and moved past any
    // window the earlier tests opened. Only Date is held; timers and I/O run as usual.
    jest.useFakeTimers({
      now: Date.now() + 5_000,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    let responses: Awaited<ReturnType<ReturnType<TestGateway['anonymous']>['post']>>[];
    try {
      responses = await Promise.all(
        Array.from({ length: 30 }, () =>
          gateway.anonymous().post('/oauth/token').type('form').send({ grant_type: 'password' }),
        ),
      );
    } finally {
      jest.useRealTimers();
    }
    const limited = responses
      .map((response) => gateway.expectContract('issueAccessToken', response))
      .filter((response) => response.status === 429);
    expect(limited).toHaveLength(10);
    expect(limited[0]?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited[0]?.headers['retry-after']).toEqual(expect.any(String));
    expect(limited[0]?.body).toMatchObject({ code: 'RATE.LIMITED', status: 429 });
  });
});
