/**
 * When a failed webhook delivery is tried again: exponential backoff with jitter, until the
 * retry window (3 days by default) that opened when the delivery was queued has passed.
 * `random` is the caller's random source in [0, 1), so the schedule is reproducible in tests.
 */
export interface RetrySchedule {
  /** Delay after the first failed attempt. */
  readonly initialDelayMs: number;
  /** Each further delay is this many times the previous one (2 doubles it). */
  readonly multiplier: number;
  /** No delay grows beyond this (before jitter). */
  readonly maxDelayMs: number;
  /** Each delay is spread by up to ± this fraction (0.2: between 80 % and 120 %). */
  readonly jitterRatio: number;
  /** How long after it was queued a delivery is still tried. */
  readonly windowMs: number;
}

export type RandomSource = () => number;

export type RetryDecision =
  | { readonly kind: 'retry'; readonly atMs: number; readonly delayMs: number }
  | { readonly kind: 'exhausted'; readonly deadlineMs: number };

export function assertRetrySchedule(schedule: RetrySchedule): void {
  const problems: string[] = [];
  if (!(schedule.initialDelayMs > 0)) problems.push('initialDelayMs must be above 0');
  if (!(schedule.multiplier >= 1)) problems.push('multiplier must be at least 1');
  if (!(schedule.maxDelayMs >= schedule.initialDelayMs))
    problems.push('maxDelayMs must be at least initialDelayMs');
  if (!(schedule.jitterRatio >= 0 && schedule.jitterRatio < 1))
    problems.push('jitterRatio must be from 0 to below 1');
  if (!(schedule.windowMs > 0)) problems.push('windowMs must be above 0');
  if (problems.length > 0) throw new RangeError(`invalid retry schedule: ${problems.join('; ')}`);
}

function randomValue(random: RandomSource): number {
  const value = random();
  if (!(value >= 0 && value < 1)) throw new RangeError(`random source gave ${value}, not [0, 1)`);
  return value;
}

/**
 * The delay before attempt `failedAttempts + 1`, after `failedAttempts` (>= 1) failures:
 * initial x multiplier^(failedAttempts - 1), capped at maxDelayMs, then spread by jitter so
 * that endpoints coming back up are not hit by every queued delivery in the same second.
 */
export function retryDelayMs(
  failedAttempts: number,
  schedule: RetrySchedule,
  random: RandomSource,
): number {
  assertRetrySchedule(schedule);
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError('a retry follows at least one failed attempt');
  }
  // Exponent growth stops at the cap: no Infinity for a delivery that failed a thousand times.
  const steps =
    Math.log(schedule.maxDelayMs / schedule.initialDelayMs) / Math.log(schedule.multiplier);
  const exponent = Math.min(failedAttempts - 1, Number.isFinite(steps) ? Math.ceil(steps) : 0);
  const base = Math.min(
    schedule.maxDelayMs,
    schedule.initialDelayMs * schedule.multiplier ** exponent,
  );
  const spread = schedule.jitterRatio * (2 * randomValue(random) - 1);
  return Math.max(1, Math.round(base * (1 + spread)));
}

export interface FailedDelivery {
  /** Attempts made so far, the failed one included. */
  readonly failedAttempts: number;
  /** When the delivery was queued (or re-queued by a replay): the retry window opens. */
  readonly queuedAtMs: number;
  readonly nowMs: number;
  /** The endpoint's Retry-After, when it sent one (429, 503): waited at least that long. */
  readonly retryAfterMs?: number | null;
}

/** After a failed attempt: when to try again, or that the retry window is used up. */
export function nextRetry(
  delivery: FailedDelivery,
  schedule: RetrySchedule,
  random: RandomSource,
): RetryDecision {
  const deadlineMs = delivery.queuedAtMs + schedule.windowMs;
  const backoff = retryDelayMs(delivery.failedAttempts, schedule, random);
  const requested = delivery.retryAfterMs ?? 0;
  // An endpoint may ask for a pause, but not for one longer than our own longest delay.
  const delayMs = Math.max(backoff, Math.min(requested, schedule.maxDelayMs));
  const atMs = delivery.nowMs + delayMs;
  if (atMs > deadlineMs) return { kind: 'exhausted', deadlineMs };
  return { kind: 'retry', atMs, delayMs };
}

/**
 * Milliseconds a `Retry-After` header asks to wait (delay-seconds or an HTTP date), or null
 * when it is absent or malformed.
 */
export function retryAfterMs(header: string | undefined, nowMs: number): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
