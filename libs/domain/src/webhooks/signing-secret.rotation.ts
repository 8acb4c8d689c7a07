/** One signing secret of a subscription; the current one has no expiry. Times are ISO UTC. */
export interface SigningSecret {
  readonly secret: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
}

function instant(text: string, field: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new RangeError(`${field} is not an ISO time: ${text}`);
  return time;
}

function inForce(secret: SigningSecret, nowMs: number): boolean {
  return secret.expiresAt === null || instant(secret.expiresAt, 'expiresAt') > nowMs;
}

/** The secrets that sign a message sent at `nowMs`, newest first: the current one, and during
 *  a rotation's overlap window the previous one. */
export function secretsInForce(secrets: readonly SigningSecret[], nowMs: number): SigningSecret[] {
  return secrets
    .filter((secret) => inForce(secret, nowMs))
    .sort(
      (a, b) =>
        instant(b.createdAt, 'createdAt') - instant(a.createdAt, 'createdAt') ||
        (a.expiresAt === null ? -1 : b.expiresAt === null ? 1 : 0),
    );
}

/**
 * A rotation: `fresh` becomes the current secret; the secret that was current keeps signing
 * until `nowMs + overlapMs` so receivers can switch without losing a message. At most two
 * secrets are ever in force: a secret still overlapping from an earlier rotation is dropped,
 * and with no overlap the old secret stops at once.
 */
export function rotateSigningSecrets(
  secrets: readonly SigningSecret[],
  fresh: string,
  nowMs: number,
  overlapMs: number,
): SigningSecret[] {
  if (!Number.isFinite(overlapMs) || overlapMs < 0) {
    throw new RangeError('the overlap of a secret rotation is zero or more milliseconds');
  }
  if (secrets.some((secret) => secret.secret === fresh)) {
    throw new RangeError('a rotated secret must differ from the secrets it replaces');
  }
  const now = new Date(nowMs).toISOString();
  const current = secrets.find((secret) => secret.expiresAt === null);
  const rotated: SigningSecret[] = [{ secret: fresh, createdAt: now, expiresAt: null }];
  if (current && overlapMs > 0) {
    rotated.push({ ...current, expiresAt: new Date(nowMs + overlapMs).toISOString() });
  }
  return rotated;
}

/** When the previous secret stops signing, if one still overlaps the current one. */
export function previousSecretExpiresAt(
  secrets: readonly SigningSecret[],
  nowMs: number,
): string | null {
  const overlapping = secrets.filter(
    (secret) => secret.expiresAt !== null && inForce(secret, nowMs),
  );
  return overlapping[0]?.expiresAt ?? null;
}
