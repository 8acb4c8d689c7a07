import { type ConsumerPlan, parseGovernance } from '@o2c/contracts';
import { resolveRateLimitPolicy, windowName } from './rate-limit.policy';

const plans: ReadonlyMap<string, ConsumerPlan> = parseGovernance(`
plans:
  internal:
    description: Internal
    limits: [{ limit: 200, window: 1s }]
  standard:
    description: Partner default
    limits: [{ limit: 100000, window: 1d }, { limit: 20, window: 1s }]
  premium:
    description: High volume
    limits: [{ limit: 100, window: 1s }, { limit: 1000000, window: 1d }]
  doubled:
    description: Two limits on one window
    limits: [{ limit: 30, window: 1m }, { limit: 10, window: 60s }, { limit: 500, window: 1h }]
`).plans;

const names = (policy: ReturnType<typeof resolveRateLimitPolicy>) =>
  policy.windows.map(({ name, limit, windowMs }) => `${name}:${limit}/${windowMs}`);

describe('resolveRateLimitPolicy', () => {
  it("applies the operation's plan, every window, shortest first", () => {
    const policy = resolveRateLimitPolicy('standard', undefined, plans);
    expect(policy.plan).toBe('standard');
    expect(names(policy)).toEqual(['burst:20/1000', 'daily:100000/86400000']);
  });

  it("replaces the operation's plan by the principal's own plan", () => {
    const policy = resolveRateLimitPolicy('internal', 'premium', plans);
    expect(policy.plan).toBe('premium');
    expect(names(policy)).toEqual(['burst:100/1000', 'daily:1000000/86400000']);
  });

  it('a principal plan may also be stricter than the operation plan', () => {
    expect(names(resolveRateLimitPolicy('premium', 'standard', plans))).toEqual([
      'burst:20/1000',
      'daily:100000/86400000',
    ]);
  });

  it('always applies an explicit { limit, window }', () => {
    const policy = resolveRateLimitPolicy({ limit: 10, window: '1m' }, undefined, plans);
    expect(policy.plan).toBeUndefined();
    expect(names(policy)).toEqual(['minute:10/60000']);
  });

  it("adds the principal's plan to an explicit limit instead of replacing it", () => {
    const policy = resolveRateLimitPolicy({ limit: 10, window: '1m' }, 'standard', plans);
    expect(policy.plan).toBe('standard');
    expect(names(policy)).toEqual(['burst:20/1000', 'minute:10/60000', 'daily:100000/86400000']);
  });

  it('keeps the stricter limit when two share a window (they count the same requests)', () => {
    expect(names(resolveRateLimitPolicy('doubled', undefined, plans))).toEqual([
      'minute:10/60000',
      'hourly:500/3600000',
    ]);
    expect(names(resolveRateLimitPolicy({ limit: 5, window: '1s' }, 'standard', plans))).toEqual([
      'burst:5/1000',
      'daily:100000/86400000',
    ]);
  });

  it("ignores a plan governance.yaml does not define, keeping the operation's limits", () => {
    const policy = resolveRateLimitPolicy('internal', 'gold', plans);
    expect(policy).toMatchObject({ plan: 'internal', unknownPlan: 'gold' });
    expect(names(policy)).toEqual(['burst:200/1000']);
    expect(resolveRateLimitPolicy({ limit: 3, window: '10s' }, 'gold', plans).unknownPlan).toBe(
      'gold',
    );
  });

  it('limits nothing when the operation declares no limit (start-up validation forbids it)', () => {
    expect(resolveRateLimitPolicy(undefined, undefined, plans).windows).toEqual([]);
    expect(resolveRateLimitPolicy('no-such-plan', undefined, plans).windows).toEqual([]);
  });
});

describe('windowName', () => {
  it.each([
    [1_000, '1s', 'burst'],
    [60_000, '60s', 'minute'],
    [3_600_000, '1h', 'hourly'],
    [86_400_000, '1d', 'daily'],
    [10_000, '10s', '10s'],
    [500, '500ms', '500ms'],
  ])('%i ms (%s) is called %s', (windowMs, window, name) => {
    expect(windowName(windowMs, window)).toBe(name);
  });
});
