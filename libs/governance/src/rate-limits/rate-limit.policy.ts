import { type ConsumerPlan, type ContractOperation, windowToMs } from '@o2c/contracts';

/** One enforced window of a policy: at most `limit` requests per `windowMs`. */
export interface RateLimitWindowPolicy {
  /** The name clients see in RateLimit / RateLimit-Policy ("burst", "daily", "10s"). */
  name: string;
  limit: number;
  /** As written in the contract or governance.yaml: 1s, 1m, 1d. */
  window: string;
  windowMs: number;
}

export interface RateLimitPolicy {
  /** Shortest window first; every one is enforced. */
  windows: RateLimitWindowPolicy[];
  /** The consumer plan the limits came from, if any. */
  plan?: string;
  /** A plan the principal carries that governance.yaml does not define (ignored). */
  unknownPlan?: string;
}

const WELL_KNOWN_WINDOWS = new Map<number, string>([
  [1_000, 'burst'],
  [60_000, 'minute'],
  [3_600_000, 'hourly'],
  [86_400_000, 'daily'],
]);

/** Names a window after its length: burst (1s), minute, hourly, daily, or as written (10s). */
export function windowName(windowMs: number, window: string): string {
  return WELL_KNOWN_WINDOWS.get(windowMs) ?? window;
}

function toWindow(limit: number, window: string): RateLimitWindowPolicy | undefined {
  const windowMs = windowToMs(window);
  if (windowMs === undefined || !Number.isInteger(limit) || limit < 1) return undefined;
  return { name: windowName(windowMs, window), limit, window, windowMs };
}

/**
 * Two limits over the same window count the same requests (counters are per operation and
 * principal), so only the stricter one can ever bite: keep it, and keep one counter.
 */
function strictestPerWindow(windows: RateLimitWindowPolicy[]): RateLimitWindowPolicy[] {
  const byLength = new Map<number, RateLimitWindowPolicy>();
  for (const window of windows) {
    const kept = byLength.get(window.windowMs);
    if (!kept || window.limit < kept.limit) byLength.set(window.windowMs, window);
  }
  return [...byLength.values()].sort((a, b) => a.windowMs - b.windowMs);
}

function planWindows(plan: ConsumerPlan): RateLimitWindowPolicy[] {
  return plan.limits.flatMap((limit) => toWindow(limit.limit, limit.window) ?? []);
}

/**
 * Which limits apply to one call of an operation:
 * - `x-rate-limit: <plan>` -> that plan's windows, unless the principal carries its own plan
 *   (partner clients), which then replaces it;
 * - `x-rate-limit: { limit, window }` -> always enforced, plus the principal's own plan if any;
 * - a principal plan governance.yaml does not know is ignored (reported as `unknownPlan`) so a
 *   stale token falls back to the limits the API owner chose instead of going unlimited.
 */
export function resolveRateLimitPolicy(
  rateLimit: ContractOperation['rateLimit'],
  principalPlan: string | undefined,
  plans: ReadonlyMap<string, ConsumerPlan>,
): RateLimitPolicy {
  const own = principalPlan === undefined ? undefined : plans.get(principalPlan);
  const unknownPlan = principalPlan !== undefined && !own ? { unknownPlan: principalPlan } : {};
  if (rateLimit === undefined) return { windows: [], ...unknownPlan };
  if (typeof rateLimit === 'string') {
    const plan = own ?? plans.get(rateLimit);
    if (!plan) return { windows: [], ...unknownPlan };
    return { windows: strictestPerWindow(planWindows(plan)), plan: plan.name, ...unknownPlan };
  }
  const explicit = toWindow(rateLimit.limit, rateLimit.window);
  return {
    windows: strictestPerWindow([
      ...(explicit ? [explicit] : []),
      ...(own ? planWindows(own) : []),
    ]),
    ...(own ? { plan: own.name } : {}),
    ...unknownPlan,
  };
}
