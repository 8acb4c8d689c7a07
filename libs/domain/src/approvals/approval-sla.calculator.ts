import { isCalendarDate } from '../dates/calendar-date';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** ISO 8601 date and time with a zone: seconds and their fraction optional, `Z` or `±hh:mm`. */
const ISO_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const MS_PER_HOUR = 3_600_000;

/**
 * When a task opened at `openedAt` becomes overdue: `slaHours` calendar hours later, as an ISO
 * UTC time (`2026-02-01T02:00:00.000Z`). Calendar hours, not business hours: holds block
 * shipments around the clock, and a business calendar would be policy data of its own.
 * `openedAt` is the caller's clock reading; the domain never reads the clock.
 */
export function slaDueAt(openedAt: string, slaHours: number): string {
  const opened = parseIsoTime(openedAt, 'openedAt');
  if (!Number.isFinite(slaHours) || slaHours <= 0) {
    throw new DomainError(
      DomainErrorCode.ROUTING_INVALID_RULE,
      'slaHours must be a number of hours above zero',
      'slaHours',
    );
  }
  const due = new Date(opened + Math.round(slaHours * MS_PER_HOUR));
  if (due.getUTCFullYear() > 9999) {
    throw new DomainError(DomainErrorCode.TIME_INVALID, 'The due time is out of range', 'slaHours');
  }
  return due.toISOString();
}

/**
 * Milliseconds since the epoch of an ISO 8601 time with a zone. Stricter than Date.parse,
 * which rolls 2026-02-30 into March, accepts 24:00 and guesses a zone when none is given.
 */
export function parseIsoTime(text: unknown, field: string): number {
  const match = typeof text === 'string' ? ISO_TIME.exec(text) : null;
  if (match === null || !isCalendarDate(match[1])) throw invalidTime(field);
  const [hours, minutes, seconds] = [match[2], match[3], match[4] ?? '0'].map(Number);
  const offsetHours = Number(match[8] ?? 0);
  const offsetMinutes = Number(match[9] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59 || offsetHours > 23 || offsetMinutes > 59) {
    throw invalidTime(field);
  }
  const [year, month, day] = match[1].split('-').map(Number);
  const time = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  time.setUTCFullYear(year, month - 1, day);
  // Digits, not float arithmetic: sub-millisecond digits are cut, never rounded into the next.
  const milliseconds = Number((match[5] ?? '').padEnd(3, '0').slice(0, 3));
  time.setUTCHours(hours, minutes, seconds, milliseconds);
  const offset = (match[7] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return time.getTime() - offset * 60_000;
}

function invalidTime(field: string): DomainError {
  return new DomainError(
    DomainErrorCode.TIME_INVALID,
    `${field} must be an ISO 8601 time with a zone, such as 2026-03-31T17:45:00Z`,
    field,
  );
}
