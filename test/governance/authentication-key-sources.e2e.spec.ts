import {
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, type SigningKey } from '@o2c/governance';
import { sign } from 'jsonwebtoken';
import type { Response } from 'supertest';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

// Gateways start in 1-2 s, much longer when the machine is busy; the project's 30 s
// testTimeout does not reach hooks here.
jest.setTimeout(30_000);

const PROTECTED = '/governance/v1/api-clients';
const HS256_SECRET = 'local-development-secret-of-32-chars!';
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  sub: 'key-source-test',
  o2c_kind: 'internal',
  scope: 'api-clients:read',
  iss: 'o2c-gateway',
  aud: 'o2c-api',
  iat: now(),
  exp: now() + 300,
});

function temporaryFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'o2c-keys-')), name);
}

function rsaKey(kid: string): { privateKey: KeyObject; jwk: JsonWebKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  };
}

function rs256(privateKey: KeyObject, kid: string): string {
  return sign(claims(), privateKey, {
    algorithm: 'RS256',
    header: { alg: 'RS256', typ: 'JWT', kid },
  });
}

/** An HS256 token whose HMAC key is the given text: built by hand, as an attacker would. */
function hs256(secret: string, kid?: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })}.${encode(claims())}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

async function call(gateway: TestGateway, token: string): Promise<Response> {
  return gateway.expectContract(
    'listApiClients',
    await gateway.anonymous().get(PROTECTED).set('authorization', `Bearer ${token}`),
  );
}

function expectRejected(response: Response, reason: RegExp): void {
  expect(response.status).toBe(401);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['www-authenticate']).toMatch(
    /^Bearer realm="o2c-gateway", error="invalid_token"/,
  );
  expect(response.body.detail).toMatch(reason);
}

describe('authentication: key sources and key confusion', () => {
  describe('ES256 + HS256 allowed', () => {
    let gateway: TestGateway;
    let signingKey: SigningKey;

    beforeAll(async () => {
      const keyFile = temporaryFile('signing-key.pem');
      signingKey = loadOrCreateSigningKey(keyFile);
      gateway = await startTestGateway({
        JWT_SIGNING_KEY_FILE: keyFile,
        JWT_ALGORITHMS: 'ES256,HS256',
        JWT_HS256_SECRET: HS256_SECRET,
      });
    });
    afterAll(() => gateway.close());

    it('accepts an HS256 token made with the configured secret (HS256 really is on)', async () => {
      expect((await call(gateway, hs256(HS256_SECRET))).status).toBe(200);
    });

    it("rejects HS256 keyed with the gateway's public key PEM under its kid", async () => {
      const pem = signingKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      expectRejected(
        await call(gateway, hs256(pem, signingKey.kid)),
        new RegExp(`key ${signingKey.kid} is not a HS256 key`),
      );
      // Without a kid the HS256 secret is used, which the PEM is not.
      expectRejected(await call(gateway, hs256(pem)), /invalid signature/);
    });

    it('rejects RS256, which this gateway does not allow', async () => {
      const { privateKey } = rsaKey('rsa-1');
      expectRejected(await call(gateway, rs256(privateKey, 'rsa-1')), /RS256 is not accepted/);
    });
  });

  describe('JWKS file (JWT_PUBLIC_KEYS_FILE)', () => {
    let gateway: TestGateway;
    const idp = rsaKey('partner-idp-2026');

    beforeAll(async () => {
      const jwksFile = temporaryFile('jwks.json');
      writeFileSync(jwksFile, JSON.stringify({ keys: [idp.jwk] }));
      gateway = await startTestGateway({
        JWT_PUBLIC_KEYS_FILE: jwksFile,
        JWT_ALGORITHMS: 'RS256,ES256,HS256',
        JWT_HS256_SECRET: HS256_SECRET,
      });
    });
    afterAll(() => gateway.close());

    it('accepts an RS256 token signed with a key from the file', async () => {
      expect((await call(gateway, rs256(idp.privateKey, 'partner-idp-2026'))).status).toBe(200);
    });

    it('rejects an RS256 token from another key under the same kid', async () => {
      const other = rsaKey('partner-idp-2026');
      expectRejected(
        await call(gateway, rs256(other.privateKey, 'partner-idp-2026')),
        /invalid signature/,
      );
    });

    it('rejects HS256 keyed with the RSA public key PEM (RS/HS confusion)', async () => {
      const pem = createPublicKey({ key: idp.jwk, format: 'jwk' })
        .export({ format: 'pem', type: 'spki' })
        .toString();
      expectRejected(
        await call(gateway, hs256(pem, 'partner-idp-2026')),
        /key partner-idp-2026 is not a HS256 key/,
      );
    });
  });

  describe('JWKS URL (JWT_JWKS_URL)', () => {
    let gateway: TestGateway;
    let server: Server;
    let served: JsonWebKey[];
    let fetches = 0;
    const [first, rotated] = [rsaKey('idp-key-1'), rsaKey('idp-key-2')];

    beforeAll(async () => {
      served = [first.jwk];
      server = createServer((_request, response) => {
        fetches += 1;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ keys: served }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      gateway = await startTestGateway({
        JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      });
    });
    afterAll(async () => {
      await gateway.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('loads the key set on first use and accepts its keys', async () => {
      expect(fetches).toBe(0);
      expect((await call(gateway, rs256(first.privateKey, 'idp-key-1'))).status).toBe(200);
      expect((await call(gateway, rs256(first.privateKey, 'idp-key-1'))).status).toBe(200);
      expect(fetches).toBe(1);
    });

    it('refetches once for an unknown kid, picking up a rotated key', async () => {
      served = [first.jwk, rotated.jwk];
      expect((await call(gateway, rs256(rotated.privateKey, 'idp-key-2'))).status).toBe(200);
      expect(fetches).toBe(2);
    });

    it('does not refetch again for made-up kids within the cooldown', async () => {
      for (const kid of ['made-up-1', 'made-up-2', 'made-up-1']) {
        expectRejected(
          await call(gateway, rs256(first.privateKey, kid)),
          new RegExp(`unknown kid ${kid}`),
        );
      }
      expect(fetches).toBe(2);
    });
  });
});
