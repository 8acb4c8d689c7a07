import type { RateLimitWindowPolicy } from './rate-limit.policy';

/** Where one window stands after this request was counted. */
export interface WindowState {
  window: RateLimitWindowPolicy;
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** Whole seconds until the current window resets (rounded up). */
  secondsToReset: number;
}

export function remaining(state: WindowState): number {
  return Math.max(0, state.window.limit - state.hits);
}

export function isExceeded(state: WindowState): boolean {
  return state.hits > state.window.limit;
}

/** Milliseconds to whole seconds, rounded up: a client that waits that long is never early. */
export function toWholeSeconds(milliseconds: number): number {
  return Math.max(0, Math.ceil(milliseconds / 1000));
}

function quoted(name: string): string {
  return `"${name.replace(/["\\]/g, '')}"`;
}

/**
 * `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers): one item per window,
 * e.g. `"burst";q=20;w=1, "daily";q=100000;w=86400`.
 */
export function formatRateLimitPolicy(windows: readonly RateLimitWindowPolicy[]): string {
  return windows
    .map(
      (window) => `${quoted(window.name)};q=${window.limit};w=${toWholeSeconds(window.windowMs)}`,
    )
    .join(', ');
}

/** The window that leaves the client the least room: fewest requests left, then the longest
 *  wait (when two are exhausted, the later reset is the one that decides). */
export function mostConstrained(states: readonly WindowState[]): WindowState | undefined {
  let chosen: WindowState | undefined;
  for (const state of states) {
    if (
      !chosen ||
      remaining(state) < remaining(chosen) ||
      (remaining(state) === remaining(chosen) && state.secondsToReset > chosen.secondsToReset)
    ) {
      chosen = state;
    }
  }
  return chosen;
}

/** `RateLimit` for the most constrained window: `"burst";r=<remaining>;t=<seconds to reset>`. */
export function formatRateLimit(state: WindowState): string {
  return `${quoted(state.window.name)};r=${remaining(state)};t=${state.secondsToReset}`;
}

/**
 * Retry-After for a refused request: until every exhausted window has reset (at least 1 s).
 * A window exactly at its limit counts too: it would refuse the very next request.
 */
export function retryAfterSeconds(states: readonly WindowState[]): number {
  const waits = states
    .filter((state) => remaining(state) === 0)
    .map((state) => state.secondsToReset);
  return Math.max(1, ...waits);
}
