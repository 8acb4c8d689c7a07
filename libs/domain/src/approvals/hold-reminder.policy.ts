import { parseIsoTime } from './approval-sla.calculator';

const MS_PER_HOUR = 3_600_000;

/** A reminder to send about a hold that has waited too long. */
export interface HoldReminder {
  /** 1 for the first threshold passed, 2 for the second... */
  readonly level: number;
  /** Whole hours the hold has been open. */
  readonly ageHours: number;
}

/**
 * Whether an open hold is due a reminder: its age has passed more reminder thresholds
 * (`reminderHours`, ascending, e.g. 24, 72, 168) than reminders were sent (`sentLevel`). A
 * hold that passed several thresholds while nobody looked (the worker was stopped) gets one
 * reminder at the highest level reached, not one per level; a level is never sent twice.
 * `now` is the caller's clock reading.
 */
export function holdReminderDue(
  openedAt: string,
  now: string,
  reminderHours: readonly number[],
  sentLevel: number,
): HoldReminder | undefined {
  const ageMs = parseIsoTime(now, 'now') - parseIsoTime(openedAt, 'openedAt');
  const level = reminderHours.filter((hours) => ageMs >= hours * MS_PER_HOUR).length;
  if (level <= sentLevel) return undefined;
  return { level, ageHours: Math.floor(ageMs / MS_PER_HOUR) };
}
