import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/** Cost of new hashes: ~16 MiB and tens of milliseconds per verification, so a leaked table
 *  cannot be brute-forced cheaply; the parameters are stored with each hash so they can rise. */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const SECRET_BYTES = 32;
/** Stored parameters beyond this (128 * N * r bytes) are refused: a corrupted row must not be
 *  able to exhaust the gateway's memory. Four times today's cost leaves room to raise it. */
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;
const FORMAT = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes; the default (32 MiB) would refuse a larger stored N.
    scrypt(secret, salt, KEY_BYTES, { ...options, maxmem: 2 * MAX_MEMORY_BYTES }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A new client secret: 32 random bytes, base64url (43 characters). Shown to the caller once. */
export function generateClientSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** Self-describing hash: `scrypt$N=16384,r=8,p=1$<salt>$<key>` (base64url), per-secret salt. */
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, COST);
  return `scrypt$N=${COST.N},r=${COST.r},p=${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time comparison of a presented secret with one stored hash. A malformed stored
 *  hash never matches (and still costs one derivation, so it leaks nothing by its speed). */
export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  const [N, r, p] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const usable =
    match !== null &&
    Number.isInteger(Math.log2(N)) &&
    N >= 2 &&
    r >= 1 &&
    128 * N * r <= MAX_MEMORY_BYTES &&
    p >= 1 &&
    p <= 16;
  const salt = Buffer.from(usable ? (match[4] ?? '') : '', 'base64url');
  const expected = Buffer.from(usable ? (match[5] ?? '') : '', 'base64url');
  const actual = await derive(
    secret,
    usable ? salt : randomBytes(SALT_BYTES),
    usable ? { N, r, p } : COST,
  );
  return usable && expected.length === actual.length && timingSafeEqual(expected, actual);
}

let decoy: Promise<string> | undefined;

/** A hash nobody knows the secret of: verifying against it makes an unknown client cost the
 *  same time as a known client with a wrong secret. */
export function decoySecretHash(): Promise<string> {
  decoy ??= hashClientSecret(generateClientSecret());
  return decoy;
}
