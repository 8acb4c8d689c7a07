import {
  formatRateLimit,
  formatRateLimitPolicy,
  mostConstrained,
  remaining,
  retryAfterSeconds,
  toWholeSeconds,
  type WindowState,
} from './rate-limit.headers';
import type { RateLimitWindowPolicy } from './rate-limit.policy';

const burst: RateLimitWindowPolicy = { name: 'burst', limit: 20, window: '1s', windowMs: 1_000 };
const daily: RateLimitWindowPolicy = {
  name: 'daily',
  limit: 100_000,
  window: '1d',
  windowMs: 86_400_000,
};

function state(window: RateLimitWindowPolicy, hits: number, secondsToReset: number): WindowState {
  return { window, hits, secondsToReset };
}

describe('RateLimit-Policy', () => {
  it('lists one item per window with quota and window in seconds', () => {
    expect(formatRateLimitPolicy([burst, daily])).toBe(
      '"burst";q=20;w=1, "daily";q=100000;w=86400',
    );
  });

  it('rounds sub-second windows up to a whole second and keeps names quoted safely', () => {
    expect(
      formatRateLimitPolicy([{ name: 'odd"name', limit: 3, window: '500ms', windowMs: 500 }]),
    ).toBe('"oddname";q=3;w=1');
  });
});

describe('RateLimit', () => {
  it('reports the remaining quota and the seconds until reset', () => {
    expect(formatRateLimit(state(burst, 5, 1))).toBe('"burst";r=15;t=1');
  });

  it('never reports a negative remainder', () => {
    expect(remaining(state(burst, 25, 1))).toBe(0);
    expect(formatRateLimit(state(burst, 25, 1))).toBe('"burst";r=0;t=1');
  });

  it('describes the most constrained window: fewest left', () => {
    const chosen = mostConstrained([state(burst, 1, 1), state(daily, 99_990, 3_600)]);
    expect(chosen?.window.name).toBe('daily');
    expect(mostConstrained([state(burst, 19, 1), state(daily, 40, 80_000)])?.window.name).toBe(
      'burst',
    );
  });

  it('between exhausted windows, the one that resets last', () => {
    const chosen = mostConstrained([state(burst, 21, 1), state(daily, 100_001, 7_200)]);
    expect(formatRateLimit(chosen as WindowState)).toBe('"daily";r=0;t=7200');
  });

  it('has nothing to describe without windows', () => {
    expect(mostConstrained([])).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('waits for the exceeded window', () => {
    expect(retryAfterSeconds([state(burst, 21, 1), state(daily, 21, 86_000)])).toBe(1);
  });

  it('waits for every exceeded window to reset', () => {
    expect(retryAfterSeconds([state(burst, 21, 1), state(daily, 100_001, 5_000)])).toBe(5_000);
  });

  it('also waits for a window that is exactly used up: it would refuse the next request', () => {
    expect(retryAfterSeconds([state(burst, 21, 1), state(daily, 100_000, 5_000)])).toBe(5_000);
    expect(retryAfterSeconds([state(burst, 21, 1), state(daily, 99_999, 5_000)])).toBe(1);
  });

  it('is at least one second', () => {
    expect(retryAfterSeconds([state(burst, 21, 0)])).toBe(1);
  });

  it.each([
    [0, 0],
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [86_400_000, 86_400],
  ])('%i ms is %i whole seconds, rounded up', (milliseconds, seconds) => {
    expect(toWholeSeconds(milliseconds)).toBe(seconds);
  });
});
