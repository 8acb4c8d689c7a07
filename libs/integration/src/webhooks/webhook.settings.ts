import { type Environment, ENVIRONMENT } from '@o2c/config';
import {
  assertRetrySchedule,
  type CircuitPolicy,
  type EndpointAddressPolicy,
  type RetrySchedule,
} from '@o2c/domain';

export interface WebhookSettings {
  readonly timeoutMs: number;
  readonly schedule: RetrySchedule;
  readonly circuit: CircuitPolicy;
  readonly addressPolicy: EndpointAddressPolicy;
  readonly secretOverlapHours: number;
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  /** How long a claimed delivery is the dispatcher's: the attempt, then recording it. */
  readonly leaseMs: number;
}

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/** Time a dispatcher may take to record an attempt after its timeout before another may retry. */
const RECORDING_MARGIN_MS = 30_000;

/** The webhook settings of the environment; a schedule that cannot work stops the start. */
export function webhookSettings(environment: Environment): WebhookSettings {
  const schedule: RetrySchedule = {
    initialDelayMs: environment.WEBHOOK_RETRY_INITIAL_DELAY_MS,
    multiplier: environment.WEBHOOK_RETRY_MULTIPLIER,
    maxDelayMs: environment.WEBHOOK_RETRY_MAX_DELAY_MS,
    jitterRatio: environment.WEBHOOK_RETRY_JITTER_RATIO,
    windowMs: environment.WEBHOOK_RETRY_WINDOW_SECONDS * 1000,
  };
  try {
    assertRetrySchedule(schedule);
  } catch (error) {
    throw new Error(
      `WEBHOOK_RETRY_* settings: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const leaseMs = environment.WEBHOOK_TIMEOUT_MS + RECORDING_MARGIN_MS;
  return {
    timeoutMs: environment.WEBHOOK_TIMEOUT_MS,
    schedule,
    circuit: {
      failureThreshold: environment.WEBHOOK_CIRCUIT_FAILURE_THRESHOLD,
      cooldownMs: environment.WEBHOOK_CIRCUIT_COOLDOWN_MS,
      probeLeaseMs: leaseMs,
    },
    addressPolicy: {
      allowInsecureHttp: environment.WEBHOOK_ALLOW_INSECURE_HTTP,
      allowPrivateAddresses: environment.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    },
    secretOverlapHours: environment.WEBHOOK_SECRET_OVERLAP_HOURS,
    concurrency: environment.WEBHOOK_CONCURRENCY,
    pollIntervalMs: environment.WEBHOOK_POLL_INTERVAL_MS,
    leaseMs,
  };
}

/** Provides WEBHOOK_SETTINGS from the validated environment. */
export const webhookSettingsProvider = {
  provide: WEBHOOK_SETTINGS,
  useFactory: (environment: Environment): WebhookSettings => webhookSettings(environment),
  inject: [ENVIRONMENT],
};
