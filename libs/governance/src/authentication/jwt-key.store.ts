import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SigningKey } from './signing-key';

export type JwtAlgorithm = 'RS256' | 'ES256' | 'HS256';

export interface VerificationKey {
  kid: string;
  algorithm: JwtAlgorithm;
  key: KeyObject;
}

export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

export interface JwtKeyStoreOptions {
  algorithms: JwtAlgorithm[];
  signingKey: SigningKey;
  publicKeysFile?: string;
  jwksUrl?: string;
  hs256Secret?: string;
  fetchJwks?: (url: string) => Promise<{ keys: JsonWebKey[] }>;
}

const HS256_KID = 'local-hs256';
/** An unknown kid refetches the JWKS URL at most this often: made-up kids must not turn the
 *  gateway into an amplifier against the key server. */
const JWKS_REFETCH_COOLDOWN_MS = 60_000;
/** Keys the server withdrew stop being trusted within this time (refreshed in the background). */
const JWKS_MAX_AGE_MS = 600_000;

function algorithmOf(jwk: JsonWebKey): JwtAlgorithm | undefined {
  if (jwk.alg === 'RS256' || jwk.alg === 'ES256') return jwk.alg;
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  return undefined;
}

function fromJwks(keys: JsonWebKey[]): VerificationKey[] {
  return keys.flatMap((jwk) => {
    const algorithm = algorithmOf(jwk);
    const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    if (!algorithm || !kid || jwk.use === 'enc') return [];
    return [{ kid, algorithm, key: createPublicKey({ key: jwk, format: 'jwk' }) }];
  });
}

async function fetchJwksOverHttp(url: string): Promise<{ keys: JsonWebKey[] }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`JWKS ${url} answered ${response.status}`);
  return (await response.json()) as { keys: JsonWebKey[] };
}

/**
 * Verification keys by kid: the gateway's own signing key, a JWKS file, a JWKS URL (refreshed
 * when an unknown kid shows up, at most once a minute) and, for local use only, an HS256 secret.
 * Keys are built once as KeyObjects: verifying with a string secret costs ~30x more per call.
 */
export class JwtKeyStore {
  private readonly keys = new Map<string, VerificationKey>();
  /** The first load of the JWKS URL is not a refetch: it fills the cache on first use. */
  private jwksAttempted = false;
  private jwksLoadedAt = 0;
  private jwksRefetchedAt = 0;
  private jwksFetch?: Promise<void>;
  private readonly jwksKids = new Set<string>();

  constructor(private readonly options: JwtKeyStoreOptions) {
    const own = options.signingKey;
    this.add({ kid: own.kid, algorithm: own.algorithm, key: own.publicKey });
    if (options.publicKeysFile) {
      const document = JSON.parse(readFileSync(options.publicKeysFile, 'utf8')) as {
        keys?: JsonWebKey[];
      };
      fromJwks(document.keys ?? []).forEach((key) => this.add(key));
    }
    if (options.hs256Secret && options.algorithms.includes('HS256')) {
      this.add({
        kid: HS256_KID,
        algorithm: 'HS256',
        key: createSecretKey(Buffer.from(options.hs256Secret, 'utf8')),
      });
    }
  }

  get algorithms(): JwtAlgorithm[] {
    return this.options.algorithms;
  }

  private add(key: VerificationKey): void {
    if (this.options.algorithms.includes(key.algorithm)) this.keys.set(key.kid, key);
  }

  /** The key a token's header asks for; rejects algorithms outside the allow-list, a wrong
   *  typ, and kids nobody published. */
  async keyFor(header: { alg?: unknown; kid?: unknown; typ?: unknown }): Promise<VerificationKey> {
    const algorithm = header.alg;
    if (
      typeof algorithm !== 'string' ||
      !this.options.algorithms.includes(algorithm as JwtAlgorithm)
    ) {
      throw new TokenRejected(`algorithm ${String(algorithm)} is not accepted`);
    }
    if (
      typeof header.typ !== 'string' ||
      !/^(?:jwt|at\+jwt|application\/at\+jwt)$/i.test(header.typ)
    ) {
      throw new TokenRejected('typ must be JWT or at+jwt');
    }
    const kid =
      typeof header.kid === 'string' ? header.kid : algorithm === 'HS256' ? HS256_KID : undefined;
    if (!kid) throw new TokenRejected('kid is required');
    let key = this.keys.get(kid);
    const now = Date.now();
    if (
      !key &&
      this.options.jwksUrl &&
      (!this.jwksAttempted || now - this.jwksRefetchedAt > JWKS_REFETCH_COOLDOWN_MS)
    ) {
      if (this.jwksAttempted) this.jwksRefetchedAt = now;
      await this.loadJwks(this.options.jwksUrl);
      key = this.keys.get(kid);
    } else if (
      this.options.jwksUrl &&
      this.jwksAttempted &&
      now - this.jwksLoadedAt > JWKS_MAX_AGE_MS
    ) {
      void this.loadJwks(this.options.jwksUrl);
    }
    if (!key) throw new TokenRejected(`unknown kid ${kid}`);
    if (key.algorithm !== algorithm)
      throw new TokenRejected(`key ${kid} is not a ${algorithm} key`);
    return key;
  }

  /** Replaces the keys from the JWKS URL (withdrawn ones stop being trusted); concurrent
   *  callers share one fetch. An unreachable server leaves the keys as they were, so its
   *  tokens get 401 unknown kid rather than an error that names the URL. */
  private loadJwks(url: string): Promise<void> {
    this.jwksAttempted = true;
    this.jwksFetch ??= (this.options.fetchJwks ?? fetchJwksOverHttp)(url)
      .then((document) => {
        const fresh = fromJwks(document.keys ?? []).filter((found) =>
          this.options.algorithms.includes(found.algorithm),
        );
        this.jwksKids.forEach((kid) => this.keys.delete(kid));
        this.jwksKids.clear();
        for (const found of fresh) {
          if (this.keys.has(found.kid)) continue;
          this.add(found);
          this.jwksKids.add(found.kid);
        }
        this.jwksLoadedAt = Date.now();
      })
      .catch(() => undefined)
      .finally(() => {
        this.jwksFetch = undefined;
      });
    return this.jwksFetch;
  }

  /** The public keys as a JWKS document (served at /.well-known/jwks.json). */
  publicJwks(): { keys: JsonWebKey[] } {
    return {
      keys: [...this.keys.values()]
        .filter((key) => key.algorithm !== 'HS256')
        .map((key) => ({
          ...key.key.export({ format: 'jwk' }),
          kid: key.kid,
          alg: key.algorithm,
          use: 'sig',
        })),
    };
  }
}
