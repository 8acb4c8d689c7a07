import type { Environment } from '@o2c/config';
import type { RetrySchedule } from '@o2c/domain';

export interface OutboxRelaySettings {
  /** Messages claimed per transaction. */
  readonly batchSize: number;
  /** Pause between polls when the last batch was not full. */
  readonly pollIntervalMs: number;
  /** Failed attempts after which a message is 'dead'. */
  readonly maxAttempts: number;
  /** Exponential backoff with jitter between attempts (the window is not used: attempts are). */
  readonly backoff: RetrySchedule;
}

export const OUTBOX_RELAY_SETTINGS = Symbol('OUTBOX_RELAY_SETTINGS');

export function outboxRelaySettings(environment: Environment): OutboxRelaySettings {
  return {
    batchSize: environment.OUTBOX_BATCH_SIZE,
    pollIntervalMs: environment.OUTBOX_POLL_INTERVAL_MS,
    maxAttempts: environment.OUTBOX_MAX_ATTEMPTS,
    backoff: {
      initialDelayMs: environment.OUTBOX_RETRY_BASE_MS,
      multiplier: 2,
      maxDelayMs: Math.max(environment.OUTBOX_RETRY_MAX_MS, environment.OUTBOX_RETRY_BASE_MS),
      jitterRatio: 0.25,
      windowMs: Number.MAX_SAFE_INTEGER,
    },
  };
}
