import { type HeldKey, outcomeOfFailure, verdictOnHeldKey } from './idempotency-record.policy';

const held: HeldKey = {
  requestHash: 'h1',
  status: 'completed',
  expired: false,
  lockExpired: false,
};

describe('the verdict on a key another request holds', () => {
  it('replays a completed record of the same request', () => {
    expect(verdictOnHeldKey(held, 'h1')).toBe('replay');
  });

  it('refuses another request under the key, completed or still running', () => {
    expect(verdictOnHeldKey(held, 'h2')).toBe('key_reused');
    expect(verdictOnHeldKey({ ...held, status: 'in_progress' }, 'h2')).toBe('key_reused');
    expect(verdictOnHeldKey({ ...held, status: 'in_progress', lockExpired: true }, 'h2')).toBe(
      'key_reused',
    );
  });

  it('asks the same request to wait while the first one runs', () => {
    expect(verdictOnHeldKey({ ...held, status: 'in_progress' }, 'h1')).toBe('in_progress');
  });

  it('takes over a key whose holder has held it past its lock', () => {
    expect(verdictOnHeldKey({ ...held, status: 'in_progress', lockExpired: true }, 'h1')).toBe(
      'take_over',
    );
  });

  it('ignores an expired record, whatever request it answered', () => {
    expect(verdictOnHeldKey({ ...held, expired: true }, 'h1')).toBe('take_over');
    expect(verdictOnHeldKey({ ...held, expired: true }, 'h2')).toBe('take_over');
  });
});

describe('what a failed handler leaves behind', () => {
  it.each([400, 404, 409, 412, 422])('stores a %i answer for replay', (status) => {
    expect(outcomeOfFailure(status, new Error('rule'))).toBe('store');
  });

  it.each([500, 502, 503])('releases the key after a %i', (status) => {
    expect(outcomeOfFailure(status, new Error('boom'))).toBe('release');
  });

  it.each(['40001', '40P01'])(
    'releases the key after a transient database conflict (%s), answered 409 "retry"',
    (code) => {
      expect(outcomeOfFailure(409, { driverError: { code } })).toBe('release');
      expect(outcomeOfFailure(409, { code })).toBe('release');
    },
  );

  it('stores other database refusals, such as a duplicate business key', () => {
    expect(outcomeOfFailure(409, { driverError: { code: '23505' } })).toBe('store');
  });
});
