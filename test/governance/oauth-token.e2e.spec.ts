import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { decode, type JwtPayload, verify } from 'jsonwebtoken';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { expectOAuthError, OAuthTestClient } from './oauth-token.client';

// Gateways start in 1-2 s, much longer when the machine is busy; the project's 30 s
// testTimeout does not reach hooks here.
jest.setTimeout(30_000);

describe('OAuth 2.0 client credentials (POST /oauth/token)', () => {
  let gateway: TestGateway;
  let oauth: OAuthTestClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    oauth = await OAuthTestClient.start(gateway);
  });
  afterAll(() => gateway.close());

  it('issues a partner token bound to the client, which internal APIs refuse', async () => {
    const client = await oauth.register();
    expect(client.clientId).toMatch(/^pc_[0-9a-f]{20}$/);
    expect(client.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const response = await oauth.clientCredentials(client);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'invoices:read orders:read shipments:read',
    });

    const token = decode(response.body.access_token, { complete: true });
    expect(token?.header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const claims = token?.payload as JwtPayload;
    expect(claims).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      o2c_kind: 'partner_client',
      o2c_customers: oauth.customerIds,
      o2c_plan: 'standard',
      scope: 'invoices:read orders:read shipments:read',
      iss: 'o2c-gateway',
      aud: 'o2c-api',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);

    // The JWKS publishes the key that verifies it.
    const jwks = gateway.expectContract(
      'getJsonWebKeySet',
      await gateway.anonymous().get('/.well-known/jwks.json'),
    );
    expect(jwks.status).toBe(200);
    expect(jwks.headers['cache-control']).toBe('public, max-age=300');
    const jwk = (jwks.body.keys as (JsonWebKey & { kid: string })[]).find(
      (key) => key.kid === token?.header.kid,
    );
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    const publicKey = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    expect(() =>
      verify(response.body.access_token, publicKey, { algorithms: ['ES256'] }),
    ).not.toThrow();

    // Partner tokens are for partner APIs: internal ones answer 403 (audience, not scope).
    const system = await gateway.as(response.body.access_token).get('/system/v1/customers');
    expect(system.status).toBe(403);
    expect(system.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(system.body).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
    expect(system.body.detail).toContain('partner_client');
    const governance = gateway.expectContract(
      'listApiClients',
      await gateway.as(response.body.access_token).get('/governance/v1/api-clients'),
    );
    expect(governance.status).toBe(403);
  });

  it('accepts client_secret_post, form-encoded or JSON', async () => {
    const client = await oauth.register();
    const fields = {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    };
    expect((await oauth.requestToken(fields)).status).toBe(200);
    expect((await oauth.requestToken(fields, { json: true })).status).toBe(200);
    // Basic carries form-encoded parts (RFC 6749 2.3.1); a matching client_id in the body is fine.
    const both = await oauth.requestToken(
      { grant_type: 'client_credentials', client_id: client.clientId },
      { basic: [client.clientId, client.clientSecret] },
    );
    expect(both.status).toBe(200);
  });

  it('answers a wrong secret and an unknown client alike: 401 invalid_client with a Basic challenge', async () => {
    const client = await oauth.register();
    const wrong = await oauth.requestToken(
      { grant_type: 'client_credentials' },
      {
        basic: [
          client.clientId,
          `${client.clientSecret.slice(0, -1)}${client.clientSecret.endsWith('A') ? 'B' : 'A'}`,
        ],
      },
    );
    const unknown = await oauth.requestToken(
      { grant_type: 'client_credentials' },
      { basic: ['pc_00000000000000000000', client.clientSecret] },
    );
    const unknownPost = await oauth.requestToken({
      grant_type: 'client_credentials',
      client_id: 'pc_00000000000000000000',
      client_secret: client.clientSecret,
    });
    for (const response of [wrong, unknown, unknownPost]) {
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.body.error_description).toBe('client authentication failed');
    }
    const { requestId: _a, ...wrongBody } = wrong.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(unknownBody).toEqual(wrongBody);
  });

  it('spends the same hashing time on an unknown client as on a wrong secret', async () => {
    const client = await oauth.register();
    const timed = async (clientId: string) => {
      await oauth.paced();
      const started = process.hrtime.bigint();
      const response = await gateway
        .anonymous()
        .post('/oauth/token')
        .type('form')
        .send({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: 'x'.repeat(43),
        });
      expect(response.status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      wrong.push(await timed(client.clientId));
      unknown.push(await timed(`pc_${round}0000000000000000000`));
    }
    // Both paths run one scrypt derivation (~25 ms here); without the decoy the unknown one
    // would answer in about a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
    expect(median(unknown)).toBeGreaterThan(10);
  });

  it('refuses requests without client authentication or with two methods', async () => {
    const client = await oauth.register();
    expectOAuthError(
      await oauth.requestToken({ grant_type: 'client_credentials' }),
      401,
      'invalid_client',
    );
    expectOAuthError(
      await oauth.requestToken(
        { grant_type: 'client_credentials', client_secret: client.clientSecret },
        { basic: [client.clientId, client.clientSecret] },
      ),
      400,
      'invalid_request',
    );
    const malformed = await gateway
      .anonymous()
      .post('/oauth/token')
      .set('authorization', 'Basic %%%')
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expectOAuthError(gateway.expectContract('issueAccessToken', malformed), 401, 'invalid_client');
  });

  it('refuses unsupported and missing grant types', async () => {
    const client = await oauth.register();
    const basic: [string, string] = [client.clientId, client.clientSecret];
    const password = await oauth.requestToken({ grant_type: 'password', username: 'a' }, { basic });
    expectOAuthError(password, 400, 'unsupported_grant_type');
    const missing = await oauth.requestToken({ scope: 'orders:read' }, { basic });
    expectOAuthError(missing, 400, 'invalid_request');
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ path: '/body/grant_type', rule: 'required' }),
    ]);
    // A parameter sent twice is invalid (RFC 6749 3.2).
    await oauth.paced();
    const twice = await gateway
      .anonymous()
      .post('/oauth/token')
      .set('authorization', `Basic ${Buffer.from(basic.join(':')).toString('base64')}`)
      .type('form')
      .send('grant_type=client_credentials&grant_type=client_credentials');
    expectOAuthError(gateway.expectContract('issueAccessToken', twice), 400, 'invalid_request');
    const notJson = await gateway
      .anonymous()
      .post('/oauth/token')
      .set('content-type', 'application/json')
      .send('{"grant_type":');
    // Unparseable bodies are refused by the HTTP layer before the endpoint: a plain problem.
    expect(gateway.expectContract('issueAccessToken', notJson).status).toBe(400);
    expect(notJson.body).toMatchObject({ code: 'REQUEST.MALFORMED_BODY', status: 400 });
  });

  it('narrows the token to the requested scopes and refuses scopes the client lacks', async () => {
    const client = await oauth.register();
    const basic: [string, string] = [client.clientId, client.clientSecret];
    const narrowed = await oauth.requestToken(
      { grant_type: 'client_credentials', scope: 'orders:read' },
      { basic },
    );
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.scope).toBe('orders:read');
    expect((decode(narrowed.body.access_token) as JwtPayload).scope).toBe('orders:read');

    const beyond = await oauth.requestToken(
      { grant_type: 'client_credentials', scope: 'orders:read customers:write' },
      { basic },
    );
    expectOAuthError(beyond, 400, 'invalid_scope');
    expect(beyond.body.error_description).toContain('customers:write');
    expectOAuthError(
      await oauth.requestToken({ grant_type: 'client_credentials', scope: ' ' }, { basic }),
      400,
      'invalid_scope',
    );
  });
});
