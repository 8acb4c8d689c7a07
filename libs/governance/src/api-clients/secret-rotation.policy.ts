import type { ApiClientSecretHash } from '@o2c/persistence';

/** Every usable hash is tried on each token request, so the list stays short: rotating more
 *  often than this inside one overlap window retires the oldest secret early. */
export const MAX_LIVE_SECRETS = 5;

const HOUR_MS = 3_600_000;

/** A secret is usable until its not_after (exclusive); without one it never expires. */
export function isSecretUsable(secret: ApiClientSecretHash, now: Date): boolean {
  return secret.not_after === undefined || Date.parse(secret.not_after) > now.getTime();
}

export function usableSecretHashes(
  secrets: readonly ApiClientSecretHash[],
  now: Date,
): ApiClientSecretHash[] {
  return secrets.filter((secret) => isSecretUsable(secret, now));
}

/**
 * The secret list after a rotation: expired hashes are pruned, the ones still usable keep
 * working until now + overlap (or their own earlier end), and the new hash is appended
 * without an end. Newest last.
 */
export function rotateSecretHashes(
  secrets: readonly ApiClientSecretHash[],
  newHash: string,
  now: Date,
  overlapHours: number,
): ApiClientSecretHash[] {
  const overlapEnd = now.getTime() + overlapHours * HOUR_MS;
  const previous = usableSecretHashes(secrets, now).map((secret) => ({
    ...secret,
    not_after: new Date(
      Math.min(overlapEnd, secret.not_after ? Date.parse(secret.not_after) : overlapEnd),
    ).toISOString(),
  }));
  const next = [...previous, { hash: newHash, created_at: now.toISOString() }];
  return next.slice(-MAX_LIVE_SECRETS);
}

/** When the last of the previous secrets stops working; null when none remains usable. */
export function previousSecretsValidUntil(
  secrets: readonly ApiClientSecretHash[],
  now: Date,
): string | null {
  const ends = usableSecretHashes(secrets, now)
    .map((secret) => secret.not_after)
    .filter((end): end is string => end !== undefined)
    .sort();
  return ends[ends.length - 1] ?? null;
}
