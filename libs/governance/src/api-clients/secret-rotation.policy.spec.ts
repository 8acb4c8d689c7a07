import type { ApiClientSecretHash } from '@o2c/persistence';
import {
  isSecretUsable,
  MAX_LIVE_SECRETS,
  previousSecretsValidUntil,
  rotateSecretHashes,
  usableSecretHashes,
} from './secret-rotation.policy';

const now = new Date('2026-03-15T12:00:00.000Z');
const at = (iso: string) => new Date(iso).toISOString();

function secret(hash: string, notAfter?: string): ApiClientSecretHash {
  return {
    hash,
    created_at: '2026-01-01T00:00:00.000Z',
    ...(notAfter ? { not_after: notAfter } : {}),
  };
}

describe('secret rotation', () => {
  it('treats not_after as an exclusive end and no end as forever', () => {
    expect(isSecretUsable(secret('a'), now)).toBe(true);
    expect(isSecretUsable(secret('a', '2026-03-15T12:00:00.001Z'), now)).toBe(true);
    expect(isSecretUsable(secret('a', '2026-03-15T12:00:00.000Z'), now)).toBe(false);
    expect(usableSecretHashes([secret('a', '2026-03-15T11:00:00Z'), secret('b')], now)).toEqual([
      secret('b'),
    ]);
  });

  it('keeps the current secret until now + overlap and appends the new one without an end', () => {
    const rotated = rotateSecretHashes([secret('old')], 'new', now, 24);
    expect(rotated).toEqual([
      { ...secret('old'), not_after: at('2026-03-16T12:00:00Z') },
      { hash: 'new', created_at: now.toISOString() },
    ]);
    expect(previousSecretsValidUntil(rotated.slice(0, -1), now)).toBe(at('2026-03-16T12:00:00Z'));
  });

  it('never extends a secret that was already ending sooner', () => {
    const rotated = rotateSecretHashes(
      [secret('older', '2026-03-15T18:00:00Z'), secret('current')],
      'new',
      now,
      24,
    );
    expect(rotated.map((s) => [s.hash, s.not_after])).toEqual([
      ['older', at('2026-03-15T18:00:00Z')],
      ['current', at('2026-03-16T12:00:00Z')],
      ['new', undefined],
    ]);
  });

  it('prunes expired hashes', () => {
    const rotated = rotateSecretHashes(
      [secret('expired', '2026-03-15T11:59:59Z'), secret('current')],
      'new',
      now,
      24,
    );
    expect(rotated.map((s) => s.hash)).toEqual(['current', 'new']);
  });

  it('with no overlap retires the previous secret at once', () => {
    const rotated = rotateSecretHashes([secret('current')], 'new', now, 0);
    expect(usableSecretHashes(rotated, now).map((s) => s.hash)).toEqual(['new']);
    expect(previousSecretsValidUntil(rotated.slice(0, -1), now)).toBeNull();
  });

  it(`keeps at most ${MAX_LIVE_SECRETS} live secrets, dropping the oldest`, () => {
    let secrets: ApiClientSecretHash[] = [secret('s0')];
    for (let n = 1; n <= MAX_LIVE_SECRETS + 2; n += 1) {
      secrets = rotateSecretHashes(secrets, `s${n}`, now, 24);
    }
    expect(secrets.map((s) => s.hash)).toEqual(['s3', 's4', 's5', 's6', 's7']);
  });
});
