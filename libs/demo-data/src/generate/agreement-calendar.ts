import { addDays, endOfMonth, parseCalendarDate } from '@o2c/domain';

/**
 * Dates around `asOf`, by day offset. Agreements start on the first and end on the last day
 * of a month, as contracts usually do. Cached: a 250,000-agreement load uses a few hundred
 * distinct dates.
 */
export class AgreementCalendar {
  private readonly days = new Map<number, string>();
  private readonly monthEnds = new Map<string, string>();

  constructor(private readonly asOf: string) {
    parseCalendarDate(asOf, 'asOf');
  }

  day(offset: number): string {
    let date = this.days.get(offset);
    if (date === undefined) {
      date = addDays(this.asOf, offset, 'asOf');
      this.days.set(offset, date);
    }
    return date;
  }

  monthStart(offset: number): string {
    return `${this.day(offset).slice(0, 8)}01`;
  }

  monthEnd(offset: number): string {
    const day = this.day(offset);
    let end = this.monthEnds.get(day);
    if (end === undefined) {
      end = endOfMonth(day, 'asOf');
      this.monthEnds.set(day, end);
    }
    return end;
  }
}
