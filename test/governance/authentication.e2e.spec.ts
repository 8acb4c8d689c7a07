import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, type SigningKey } from '@o2c/governance';
import { sign, type SignOptions } from 'jsonwebtoken';
import type { Response } from 'supertest';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

// Gateways start in 1-2 s, much longer when the machine is busy; the project's 30 s
// testTimeout does not reach hooks here.
jest.setTimeout(30_000);

/** Every rejection of a bearer token: 401 problem+json with a WWW-Authenticate challenge. */
describe('authentication: bearer token rejections', () => {
  const PROTECTED = '/governance/v1/api-clients';
  let gateway: TestGateway;
  let signingKey: SigningKey;

  beforeAll(async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-auth-')), 'signing-key.pem');
    signingKey = loadOrCreateSigningKey(keyFile);
    gateway = await startTestGateway({ JWT_SIGNING_KEY_FILE: keyFile });
  });
  afterAll(() => gateway.close());

  const now = () => Math.floor(Date.now() / 1000);

  /** A token as the gateway would issue it, with the given changes. */
  function token(
    claims: Record<string, unknown> = {},
    options: { header?: Record<string, unknown>; key?: KeyObject; sign?: SignOptions } = {},
  ): string {
    const payload = Object.fromEntries(
      Object.entries({
        sub: 'auth-test',
        scope: 'api-clients:read',
        o2c_kind: 'internal',
        iss: 'o2c-gateway',
        aud: 'o2c-api',
        iat: now(),
        exp: now() + 300,
        ...claims,
      }).filter(([, value]) => value !== undefined),
    );
    return sign(payload, options.key ?? signingKey.privateKey, {
      algorithm: 'ES256',
      header: { alg: 'ES256', typ: 'at+jwt', kid: signingKey.kid, ...options.header },
      ...options.sign,
    });
  }

  function segment(value: object): string {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
  }

  async function call(authorization?: string): Promise<Response> {
    const request = gateway.anonymous().get(PROTECTED);
    return gateway.expectContract(
      'listApiClients',
      await (authorization === undefined ? request : request.set('authorization', authorization)),
    );
  }

  function expectRejected(response: Response, reason?: RegExp): void {
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401 });
    const challenge = String(response.headers['www-authenticate']);
    expect(challenge).toMatch(/^Bearer realm="o2c-gateway"/);
    if (reason) {
      expect(challenge).toContain('error="invalid_token"');
      expect(response.body.detail).toMatch(reason);
    }
  }

  it('accepts a well-formed token (the control for every case below)', async () => {
    expect((await call(`Bearer ${token()}`)).status).toBe(200);
  });

  it('asks for a token when none is sent, without an error code (RFC 6750 3.1)', async () => {
    const response = await call();
    expectRejected(response);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="o2c-gateway"');
    expect(response.body.detail).toBe('a bearer token is required');
  });

  it.each([
    ['a scheme without a token', 'Bearer'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['the token without a scheme', 'eyJhbGciOiJFUzI1NiJ9.e30.sig'],
  ])('treats %s as no token', async (_case, header) => {
    expectRejected(await call(header));
  });

  it.each([
    ['garbage', 'Bearer not-a-jwt'],
    ['three dots of nothing', 'Bearer ..'],
    ['undecodable segments', 'Bearer a.b.c'],
  ])('rejects a malformed token (%s)', async (_case, header) => {
    expectRejected(await call(header), /malformed/);
  });

  it('rejects alg none', async () => {
    const unsigned = `${segment({ alg: 'none', typ: 'JWT', kid: signingKey.kid })}.${segment({
      sub: 'x',
      scope: 'api-clients:read',
      iss: 'o2c-gateway',
      aud: 'o2c-api',
      exp: now() + 300,
    })}.`;
    expectRejected(await call(`Bearer ${unsigned}`), /algorithm none is not accepted/);
  });

  it('rejects an algorithm outside the allow-list (HS256 is off by default)', async () => {
    const hs = sign({ sub: 'x', iss: 'o2c-gateway', aud: 'o2c-api' }, 'x'.repeat(32), {
      algorithm: 'HS256',
      expiresIn: 300,
    });
    expectRejected(await call(`Bearer ${hs}`), /algorithm HS256 is not accepted/);
  });

  it('rejects an expired token, and accepts one expired within the leeway', async () => {
    expectRejected(await call(`Bearer ${token({ exp: now() - 120 })}`), /jwt expired/);
    expect((await call(`Bearer ${token({ exp: now() - 10 })}`)).status).toBe(200);
  });

  it('rejects nbf beyond the leeway, and accepts nbf within it', async () => {
    expectRejected(await call(`Bearer ${token({ nbf: now() + 120 })}`), /jwt not active/);
    expect((await call(`Bearer ${token({ nbf: now() + 10 })}`)).status).toBe(200);
  });

  it('rejects a token without exp', async () => {
    expectRejected(await call(`Bearer ${token({ exp: undefined })}`), /exp is required/);
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    expectRejected(await call(`Bearer ${token({ iss: 'someone-else' })}`), /issuer invalid/);
    expectRejected(await call(`Bearer ${token({ aud: 'other-api' })}`), /audience invalid/);
  });

  it('rejects an unknown kid and a missing kid', async () => {
    expectRejected(
      await call(`Bearer ${token({}, { header: { kid: 'nobody' } })}`),
      /unknown kid nobody/,
    );
    expectRejected(
      await call(`Bearer ${token({}, { header: { kid: undefined } })}`),
      /kid is required/,
    );
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = token().split('.');
    const forged = segment({
      sub: 'auth-test',
      scope: 'api-clients:read api-clients:write',
      iss: 'o2c-gateway',
      aud: 'o2c-api',
      exp: now() + 300,
    });
    expectRejected(await call(`Bearer ${header}.${forged}.${signature}`), /invalid signature/);
  });

  it("rejects a token signed by another key under the gateway's kid", async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expectRejected(await call(`Bearer ${token({}, { key: privateKey })}`), /invalid signature/);
  });

  it('rejects a wrong typ', async () => {
    expectRejected(
      await call(`Bearer ${token({}, { header: { typ: 'dpop+jwt' } })}`),
      /typ must be JWT or at\+jwt/,
    );
  });

  it('answers 403 insufficient_scope, naming the scope, when the token lacks it', async () => {
    const response = gateway.expectContract(
      'listApiClients',
      await gateway.as(token({ scope: 'orders:read' })).get(PROTECTED),
    );
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="o2c-gateway", error="insufficient_scope", scope="api-clients:read"',
    );
    expect(response.body).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      requiredScopes: ['api-clients:read'],
    });
  });

  it.each(['partner_client', 'customer_user'] as const)(
    'refuses an internal API to a %s token with every scope (403, audience)',
    async (kind) => {
      const response = gateway.expectContract(
        'listApiClients',
        await gateway
          .as({
            subject: `${kind}-1`,
            kind,
            scopes: [...gateway.contracts.governance.scopes.keys()],
            customerIds: [],
          })
          .get(PROTECTED),
      );
      expect(response.status).toBe(403);
      expect(response.body.detail).toBe(
        `governance-api-clients is an internal API; a ${kind} may not call it`,
      );
      expect(response.headers['www-authenticate']).toBeUndefined();
    },
  );
});
