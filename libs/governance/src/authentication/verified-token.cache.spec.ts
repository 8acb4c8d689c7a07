import type { Principal } from '../principal/principal';
import { VerifiedTokenCache } from './verified-token.cache';

const principal = (expiresAt?: number): Principal => ({
  kind: 'internal',
  subject: 's',
  scopes: new Set(),
  roles: [],
  customerIds: 'all',
  ...(expiresAt === undefined ? {} : { expiresAt }),
});

describe('VerifiedTokenCache', () => {
  it('answers a verified token until it expires', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t', principal(2_000), 1_000);
    expect(cache.get('t', 1_999)?.subject).toBe('s');
    expect(cache.get('t', 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep tokens without an expiry or already expired', () => {
    const cache = new VerifiedTokenCache();
    cache.set('no-exp', principal(), 1_000);
    cache.set('expired', principal(500), 1_000);
    expect(cache.size).toBe(0);
  });

  it('matches on the exact token text only', () => {
    const cache = new VerifiedTokenCache();
    cache.set('abc', principal(2_000), 1_000);
    expect(cache.get('abd', 1_000)).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', principal(9_000), 0);
    cache.set('b', principal(9_000), 0);
    cache.set('c', principal(9_000), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeDefined();
    expect(cache.get('c', 1)).toBeDefined();
  });
});
