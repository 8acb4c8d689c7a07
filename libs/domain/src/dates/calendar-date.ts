/**
 * Plain calendar dates as 'YYYY-MM-DD' strings: invoice and due dates have no time of day and
 * no time zone. Arithmetic runs on UTC midnights so daylight-saving shifts cannot move a date.
 * Nothing here reads the clock.
 */
import { DomainError, DomainErrorCode } from '../errors/domain-error';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch of a UTC midnight; years 0001-9999 only. */
type UtcMidnight = number;

export function isCalendarDate(text: unknown): text is string {
  return toUtcMidnight(text) !== undefined;
}

/** Returns `text` unchanged when it is a real date ('2026-02-30' is not), else DATE.INVALID. */
export function parseCalendarDate(text: unknown, field = 'date'): string {
  if (!isCalendarDate(text)) throw invalidDate(field);
  return text;
}

export function addDays(date: string, days: number, field = 'date'): string {
  if (!Number.isInteger(days)) {
    throw new DomainError(DomainErrorCode.DATE_INVALID, 'Days must be a whole number', field);
  }
  return fromUtcMidnight(parsed(date, field) + days * MS_PER_DAY, field);
}

/** The last day of the month `date` falls in, e.g. 2028-02-10 -> 2028-02-29. */
export function endOfMonth(date: string, field = 'date'): string {
  const day = new Date(parsed(date, field));
  // Day 0 of the next month is the last day of this one; this also rolls December into January.
  const last = new Date(0);
  last.setUTCFullYear(day.getUTCFullYear(), day.getUTCMonth() + 1, 0);
  return fromUtcMidnight(last.getTime(), field);
}

/** Whole days from `from` to `to`: positive when `to` is later, e.g. 2026-01-31 -> 2026-03-01 is 29. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parsed(to, 'to') - parsed(from, 'from')) / MS_PER_DAY);
}

/** Negative, zero or positive like a comparator; valid dates compare as strings. */
export function compareDates(a: string, b: string): number {
  const difference = parsed(a, 'a') - parsed(b, 'b');
  return Math.sign(difference);
}

function parsed(date: string, field: string): UtcMidnight {
  const time = toUtcMidnight(date);
  if (time === undefined) throw invalidDate(field);
  return time;
}

function toUtcMidnight(text: unknown): UtcMidnight | undefined {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // JS silently rolls 02-30 over into March; a round trip that changes the date is invalid.
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() : undefined;
}

function fromUtcMidnight(time: UtcMidnight, field: string): string {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    throw new DomainError(DomainErrorCode.DATE_INVALID, 'Date is out of range', field);
  }
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function invalidDate(field: string): DomainError {
  return new DomainError(
    DomainErrorCode.DATE_INVALID,
    `${field} must be a calendar date formatted YYYY-MM-DD`,
    field,
  );
}
