import {
  assertRetrySchedule,
  nextRetry,
  type RetrySchedule,
  retryAfterMs,
  retryDelayMs,
} from './delivery-retry.schedule';

const SECOND = 1000;
const HOUR = 3_600_000;
const DEFAULT: RetrySchedule = {
  initialDelayMs: 30 * SECOND,
  multiplier: 2,
  maxDelayMs: 6 * HOUR,
  jitterRatio: 0.2,
  windowMs: 72 * HOUR,
};
const NO_JITTER: RetrySchedule = { ...DEFAULT, jitterRatio: 0 };
const middle = () => 0.5;

describe('retryDelayMs', () => {
  it('doubles from the initial delay and stops growing at the maximum', () => {
    const delays = [1, 2, 3, 4, 5, 10, 11, 12, 50, 1000].map((n) =>
      retryDelayMs(n, NO_JITTER, middle),
    );
    expect(delays).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      15_360_000,
      6 * HOUR,
      6 * HOUR,
      6 * HOUR,
      6 * HOUR,
    ]);
  });

  it('spreads each delay by up to ± the jitter ratio, driven by the random source', () => {
    expect(retryDelayMs(1, DEFAULT, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, DEFAULT, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1, DEFAULT, () => 0.999999)).toBe(36_000);
    expect(retryDelayMs(12, DEFAULT, () => 0.75)).toBe(23_760_000);
  });

  it('stays within the jitter band for every random value', () => {
    for (let step = 0; step < 100; step += 1) {
      const random = step / 100;
      const delay = retryDelayMs(3, DEFAULT, () => random);
      expect(delay).toBeGreaterThanOrEqual(96_000);
      expect(delay).toBeLessThanOrEqual(144_000);
    }
  });

  it('keeps a constant delay with multiplier 1', () => {
    const flat = { ...NO_JITTER, multiplier: 1 };
    expect([1, 2, 50].map((n) => retryDelayMs(n, flat, middle))).toEqual([30_000, 30_000, 30_000]);
  });

  it('never waits less than a millisecond', () => {
    expect(retryDelayMs(1, { ...DEFAULT, initialDelayMs: 1, jitterRatio: 0.9 }, () => 0)).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p failed attempts', (attempts) => {
    expect(() => retryDelayMs(attempts, DEFAULT, middle)).toThrow(RangeError);
  });

  it.each([1, -0.1, Number.NaN, 2])('refuses a random source that gives %p', (value) => {
    expect(() => retryDelayMs(1, DEFAULT, () => value)).toThrow(RangeError);
  });
});

describe('assertRetrySchedule', () => {
  it.each<[Partial<RetrySchedule>, string]>([
    [{ initialDelayMs: 0 }, 'initialDelayMs must be above 0'],
    [{ multiplier: 0.5 }, 'multiplier must be at least 1'],
    [{ maxDelayMs: 1000 }, 'maxDelayMs must be at least initialDelayMs'],
    [{ jitterRatio: 1 }, 'jitterRatio must be from 0 to below 1'],
    [{ jitterRatio: -0.1 }, 'jitterRatio must be from 0 to below 1'],
    [{ windowMs: 0 }, 'windowMs must be above 0'],
  ])('refuses %j', (change, problem) => {
    expect(() => assertRetrySchedule({ ...DEFAULT, ...change })).toThrow(problem);
  });
});

describe('nextRetry', () => {
  const queuedAtMs = Date.parse('2026-03-01T00:00:00Z');

  it('schedules the next attempt after the backoff delay', () => {
    expect(
      nextRetry({ failedAttempts: 1, queuedAtMs, nowMs: queuedAtMs }, NO_JITTER, middle),
    ).toEqual({
      kind: 'retry',
      atMs: queuedAtMs + 30_000,
      delayMs: 30_000,
    });
  });

  it('gives up once the next attempt would fall after the 3-day window', () => {
    const late = queuedAtMs + 70 * HOUR;
    expect(nextRetry({ failedAttempts: 20, queuedAtMs, nowMs: late }, NO_JITTER, middle)).toEqual({
      kind: 'exhausted',
      deadlineMs: queuedAtMs + 72 * HOUR,
    });
    const justInTime = queuedAtMs + 66 * HOUR;
    expect(
      nextRetry({ failedAttempts: 20, queuedAtMs, nowMs: justInTime }, NO_JITTER, middle),
    ).toEqual({
      kind: 'retry',
      atMs: queuedAtMs + 72 * HOUR,
      delayMs: 6 * HOUR,
    });
  });

  it('makes 21 attempts over three days with the default schedule', () => {
    let now = queuedAtMs;
    let attempts = 1;
    for (;;) {
      const decision = nextRetry(
        { failedAttempts: attempts, queuedAtMs, nowMs: now },
        DEFAULT,
        middle,
      );
      if (decision.kind === 'exhausted') break;
      now = decision.atMs;
      attempts += 1;
    }
    expect(attempts).toBe(21);
    expect(now - queuedAtMs).toBeLessThanOrEqual(72 * HOUR);
  });

  it("waits at least as long as the endpoint's Retry-After, but no longer than the longest delay", () => {
    const base = { failedAttempts: 1, queuedAtMs, nowMs: queuedAtMs };
    expect(nextRetry({ ...base, retryAfterMs: 120_000 }, NO_JITTER, middle)).toMatchObject({
      delayMs: 120_000,
    });
    expect(nextRetry({ ...base, retryAfterMs: 1_000 }, NO_JITTER, middle)).toMatchObject({
      delayMs: 30_000,
    });
    expect(nextRetry({ ...base, retryAfterMs: 48 * HOUR }, NO_JITTER, middle)).toMatchObject({
      delayMs: 6 * HOUR,
    });
    expect(nextRetry({ ...base, retryAfterMs: null }, NO_JITTER, middle)).toMatchObject({
      delayMs: 30_000,
    });
  });

  it('runs a short test schedule deterministically', () => {
    const short: RetrySchedule = {
      initialDelayMs: 100,
      multiplier: 2,
      maxDelayMs: 400,
      jitterRatio: 0,
      windowMs: 1000,
    };
    const times: number[] = [];
    let now = 0;
    for (let attempts = 1; ; attempts += 1) {
      const decision = nextRetry(
        { failedAttempts: attempts, queuedAtMs: 0, nowMs: now },
        short,
        middle,
      );
      if (decision.kind === 'exhausted') break;
      now = decision.atMs;
      times.push(now);
    }
    expect(times).toEqual([100, 300, 700]);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sun, 01 Mar 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([
    undefined,
    '',
    '-5',
    '1.5',
    'soon',
    '2026-03-01T12:01:30Z',
    'Sun, 01 Mar 2026 12:01:30',
  ])('ignores %p', (header) => {
    expect(retryAfterMs(header, now)).toBeNull();
  });
});
