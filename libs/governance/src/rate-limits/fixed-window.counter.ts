import type { ThrottlerStorage } from '@nestjs/throttler';

/** What a ThrottlerStorage answers for one hit (the package does not export the type by name). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A fixed-window counter: the window opens with its first hit and lasts its full length. */
export interface FixedWindowCounter {
  hits: number;
  /** Epoch milliseconds at which the window closes and counting starts over. */
  resetsAt: number;
}

/**
 * Counts one hit at `now`. An open window is incremented in place, so a hit costs one
 * addition however many hits the window already holds (no per-hit timestamps to prune).
 */
export function countHit(
  counter: FixedWindowCounter | undefined,
  now: number,
  windowMs: number,
): FixedWindowCounter {
  if (!counter || counter.resetsAt <= now) return { hits: 1, resetsAt: now + windowMs };
  counter.hits += 1;
  return counter;
}

export function isExpired(counter: FixedWindowCounter, now: number): boolean {
  return counter.resetsAt <= now;
}

/**
 * The throttler's record for a window holding `hits` (this one included) that resets in
 * `msToReset`. Every attempt counts, refused ones too; times are whole seconds, rounded up, as
 * the throttler's own store reports them.
 */
export function toStorageRecord(
  hits: number,
  msToReset: number,
  limit: number,
): ThrottlerStorageRecord {
  const timeToExpire = Math.max(1, Math.ceil(msToReset / 1000));
  const isBlocked = hits > limit;
  return {
    totalHits: hits,
    timeToExpire,
    isBlocked,
    timeToBlockExpire: isBlocked ? timeToExpire : 0,
  };
}
