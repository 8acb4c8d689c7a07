import type { Principal } from '../principal/principal';
import { counterKey, rateLimitTracker } from './rate-limit.key';

const partner: Principal = {
  kind: 'partner_client',
  subject: 'client-42',
  scopes: new Set(),
  roles: [],
  customerIds: ['c1'],
  plan: 'standard',
};

describe('rate-limit keys', () => {
  it('counts secured operations per principal, not per IP', () => {
    expect(rateLimitTracker({ security: [{ bearer: ['orders:read'] }] }, partner, '10.0.0.1')).toBe(
      'partner_client:client-42',
    );
  });

  it('counts operations without security per client IP', () => {
    expect(rateLimitTracker({ security: [] }, undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(rateLimitTracker({ security: [] }, partner, '10.0.0.1')).toBe('ip:10.0.0.1');
  });

  it('keys a counter by operation, window length and tracker', () => {
    expect(counterKey('listOrders', { windowMs: 1_000 }, 'partner_client:client-42')).toBe(
      'listOrders:1000ms:partner_client:client-42',
    );
  });
});
