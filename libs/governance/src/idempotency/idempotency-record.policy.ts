import type { IdempotencyStatus } from '@o2c/persistence';

/** What a request learns about the record already holding its key (clock read by the database). */
export interface HeldKey {
  requestHash: string;
  status: IdempotencyStatus;
  /** Past expires_at: the record is ignored, whatever it holds. */
  expired: boolean;
  /** In progress for longer than IDEMPOTENCY_LOCK_SECONDS: its process is presumed dead. */
  lockExpired: boolean;
}

/**
 * - `replay`: the same request completed; send its stored answer again.
 * - `key_reused`: the key belongs to another request (method, path or body differ): 422.
 * - `in_progress`: the same request is still running: 409, retry shortly.
 * - `take_over`: the record is expired, or its holder died; delete it and claim the key anew.
 */
export type HeldKeyVerdict = 'replay' | 'key_reused' | 'in_progress' | 'take_over';

export function verdictOnHeldKey(held: HeldKey, fingerprint: string): HeldKeyVerdict {
  if (held.expired) return 'take_over';
  // Checked before the status: another body is the client's mistake even while the first runs.
  if (held.requestHash !== fingerprint) return 'key_reused';
  if (held.status === 'completed') return 'replay';
  return held.lockExpired ? 'take_over' : 'in_progress';
}

/**
 * Deadlock and serialization failures (answered 409 "retry the request") invite the very retry
 * the key is for, so they release it like a 5xx would.
 */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

function isRetryableDatabaseFailure(error: unknown): boolean {
  const shape = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = shape?.driverError?.code ?? shape?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/**
 * What a failed handler leaves behind (Stripe's semantics): a 4xx is the answer to this request
 * and is stored for replay; a 5xx, a crash or a transient conflict releases the key so that the
 * client may retry it.
 */
export function outcomeOfFailure(status: number, error: unknown): 'store' | 'release' {
  return status >= 500 || isRetryableDatabaseFailure(error) ? 'release' : 'store';
}
