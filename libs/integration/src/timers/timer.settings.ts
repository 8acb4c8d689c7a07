import type { Environment } from '@o2c/config';

export interface TimerSettings {
  /** Pause between rounds of the timers. */
  readonly intervalMs: number;
  /** Rows claimed per transaction. */
  readonly batchSize: number;
  /** Ages (hours) of an open hold at which reminders 1, 2, 3... go out. */
  readonly holdReminderHours: readonly number[];
}

export const TIMER_SETTINGS = Symbol('TIMER_SETTINGS');

export function timerSettings(environment: Environment): TimerSettings {
  return {
    intervalMs: environment.TIMER_INTERVAL_MS,
    batchSize: environment.TIMER_BATCH_SIZE,
    holdReminderHours: environment.HOLD_REMINDER_HOURS,
  };
}
