import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { type JwtAlgorithm, JwtKeyStore, TokenRejected } from './jwt-key.store';
import type { SigningKey } from './signing-key';

function ownKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = createHash('sha256').update(String(Math.random())).digest('base64url').slice(0, 22);
  return { kid, algorithm: 'ES256', privateKey, publicKey };
}

function rsaJwk(kid: string): JsonWebKey {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

const header = (kid: string, alg = 'RS256') => ({ alg, kid, typ: 'JWT' });

describe('JwtKeyStore', () => {
  const signingKey = ownKey();
  const [keyA, keyB] = [rsaJwk('a'), rsaJwk('b')];

  function remoteStore(
    served: () => JsonWebKey[] | Error,
    algorithms: JwtAlgorithm[] = ['RS256', 'ES256'],
  ) {
    const fetchJwks = jest.fn((_url: string) => {
      const keys = served();
      return keys instanceof Error ? Promise.reject(keys) : Promise.resolve({ keys });
    });
    const store = new JwtKeyStore({
      algorithms,
      signingKey,
      jwksUrl: 'http://keys.example/jwks.json',
      fetchJwks,
    });
    return { store, fetchJwks };
  }

  afterEach(() => jest.useRealTimers());

  it('refuses algorithms outside the allow-list, a wrong typ and a missing kid', async () => {
    const store = new JwtKeyStore({ algorithms: ['ES256'], signingKey });
    await expect(store.keyFor({ alg: 'none', kid: signingKey.kid, typ: 'JWT' })).rejects.toThrow(
      'algorithm none is not accepted',
    );
    await expect(store.keyFor({ alg: 'ES256', kid: signingKey.kid, typ: 'JOSE' })).rejects.toThrow(
      TokenRejected,
    );
    await expect(store.keyFor({ alg: 'ES256', typ: 'JWT' })).rejects.toThrow('kid is required');
    await expect(store.keyFor(header(signingKey.kid, 'ES256'))).resolves.toMatchObject({
      algorithm: 'ES256',
    });
  });

  it('never hands an asymmetric key to an HS256 token (key confusion)', async () => {
    const store = new JwtKeyStore({
      algorithms: ['ES256', 'HS256'],
      signingKey,
      hs256Secret: 'x'.repeat(32),
    });
    await expect(store.keyFor(header(signingKey.kid, 'HS256'))).rejects.toThrow(
      `key ${signingKey.kid} is not a HS256 key`,
    );
    await expect(store.keyFor({ alg: 'HS256', typ: 'JWT' })).resolves.toMatchObject({
      algorithm: 'HS256',
    });
    expect(store.publicJwks().keys.map((key) => key.kid)).toEqual([signingKey.kid]);
  });

  it('loads the JWKS URL on first use and refetches once for an unknown kid', async () => {
    let served = [keyA];
    const { store, fetchJwks } = remoteStore(() => served);
    await expect(store.keyFor(header('a'))).resolves.toMatchObject({ kid: 'a' });
    expect(fetchJwks).toHaveBeenCalledTimes(1);

    served = [keyA, keyB];
    await expect(store.keyFor(header('b'))).resolves.toMatchObject({ kid: 'b' });
    expect(fetchJwks).toHaveBeenCalledTimes(2);

    await expect(store.keyFor(header('made-up'))).rejects.toThrow('unknown kid made-up');
    await expect(store.keyFor(header('made-up-too'))).rejects.toThrow(TokenRejected);
    expect(fetchJwks).toHaveBeenCalledTimes(2);
  });

  it('refetches again after the cooldown and drops keys the server withdrew', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-15T12:00:00Z'), doNotFake: ['nextTick'] });
    let served = [keyA];
    const { store, fetchJwks } = remoteStore(() => served);
    await store.keyFor(header('a'));
    await expect(store.keyFor(header('x'))).rejects.toThrow(TokenRejected);
    jest.setSystemTime(new Date('2026-03-15T12:01:01Z'));
    served = [keyB];
    await expect(store.keyFor(header('b'))).resolves.toMatchObject({ kid: 'b' });
    expect(fetchJwks).toHaveBeenCalledTimes(3);
    await expect(store.keyFor(header('a'))).rejects.toThrow('unknown kid a');
  });

  it('shares one fetch between concurrent requests', async () => {
    const { store, fetchJwks } = remoteStore(() => [keyA]);
    await Promise.all([store.keyFor(header('a')), store.keyFor(header('a'))]);
    expect(fetchJwks).toHaveBeenCalledTimes(1);
  });

  it('answers unknown kid, not the URL, when the key server is down', async () => {
    const { store } = remoteStore(() => new Error('connect ECONNREFUSED http://keys.example'));
    const rejection = store.keyFor(header('a'));
    await expect(rejection).rejects.toThrow('unknown kid a');
    await expect(rejection).rejects.not.toThrow('keys.example');
  });

  it('does not let the key server shadow the gateway signing key', async () => {
    const impostor = { ...rsaJwk(signingKey.kid) };
    const { store } = remoteStore(() => [impostor]);
    await expect(store.keyFor(header('other'))).rejects.toThrow(TokenRejected);
    await expect(store.keyFor(header(signingKey.kid, 'ES256'))).resolves.toMatchObject({
      algorithm: 'ES256',
    });
  });
});
