import fc from 'fast-check';
import { DomainErrorCode } from '../errors/domain-error';
import {
  addDays,
  compareDates,
  daysBetween,
  endOfMonth,
  isCalendarDate,
  parseCalendarDate,
} from './calendar-date';
import { captureDomainError } from '../testing/domain-error.capture';

const invalid = (field: string) => ({ code: DomainErrorCode.DATE_INVALID, field });

describe('parseCalendarDate / isCalendarDate', () => {
  it.each([
    '2026-01-31',
    '2026-02-28',
    '2028-02-29',
    '2000-02-29',
    '2026-12-31',
    '0001-01-01',
    '9999-12-31',
    '0050-06-15',
  ])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
    expect(parseCalendarDate(text)).toBe(text);
  });

  it.each([
    '2026-02-29',
    '2026-02-30',
    '1900-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '0000-01-01',
    '2026-1-5',
    '26-01-05',
    '2026/01/05',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '2026-01-05\n',
    '',
    '+02026-01-05',
  ])('rejects %p', (text) => {
    expect(isCalendarDate(text)).toBe(false);
    expect(captureDomainError(() => parseCalendarDate(text, 'invoiceDate'))).toMatchObject(
      invalid('invoiceDate'),
    );
  });

  it.each([20260105, null, undefined, new Date(0)])('rejects the non-string %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
    expect(captureDomainError(() => parseCalendarDate(value))).toMatchObject(invalid('date'));
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-01', 30, '2026-01-31'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-15', 30, '2027-01-14'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-08', 1, '2026-03-09'], // US daylight-saving start
    ['2026-10-25', 1, '2026-10-26'], // EU daylight-saving end
    ['2026-06-15', 0, '2026-06-15'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects invalid input and results outside years 1-9999', () => {
    expect(captureDomainError(() => addDays('2026-02-30', 1, 'invoiceDate'))).toMatchObject(
      invalid('invoiceDate'),
    );
    expect(captureDomainError(() => addDays('2026-01-01', 1.5))).toMatchObject(invalid('date'));
    expect(captureDomainError(() => addDays('9999-12-31', 1))).toMatchObject(invalid('date'));
    expect(captureDomainError(() => addDays('0001-01-01', -1))).toMatchObject(invalid('date'));
    expect(captureDomainError(() => addDays('2026-01-01', 1e12))).toMatchObject(invalid('date'));
  });

  it('is reversible and moves forward in order', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -2000, max: 2000 }),
        (instant, days) => {
          const date = instant.toISOString().slice(0, 10);
          const moved = addDays(date, days);
          expect(addDays(moved, -days)).toBe(date);
          expect(compareDates(moved, date)).toBe(Math.sign(days));
        },
      ),
    );
  });
});

describe('endOfMonth', () => {
  it.each([
    ['2026-01-01', '2026-01-31'],
    ['2026-01-31', '2026-01-31'],
    ['2026-02-10', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2000-02-01', '2000-02-29'],
    ['2100-02-01', '2100-02-28'],
    ['2026-04-15', '2026-04-30'],
    ['2026-12-05', '2026-12-31'],
    ['0050-02-03', '0050-02-28'],
  ])('%s -> %s', (date, expected) => {
    expect(endOfMonth(date)).toBe(expected);
  });

  it('rejects invalid dates', () => {
    expect(captureDomainError(() => endOfMonth('2026-02-29', 'invoiceDate'))).toMatchObject(
      invalid('invoiceDate'),
    );
  });
});

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(compareDates('2026-05-05', '2026-05-05')).toBe(0);
    expect(captureDomainError(() => compareDates('2026-05-05', '2026-05-32'))).toMatchObject(
      invalid('b'),
    );
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-31', '2026-03-01', 29],
    ['2028-01-31', '2028-03-01', 30], // leap year
    ['2026-03-01', '2026-01-31', -29],
    ['2026-05-05', '2026-05-05', 0],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-03-28', '2026-03-30', 2], // across a daylight-saving change in Europe: still whole days
  ])('%s -> %s is %d days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('is the inverse of addDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), (days) => {
        expect(daysBetween('2026-06-15', addDays('2026-06-15', days))).toBe(days);
      }),
    );
  });

  it('names the invalid date', () => {
    expect(captureDomainError(() => daysBetween('2026-02-30', '2026-03-01'))).toMatchObject(
      invalid('from'),
    );
    expect(captureDomainError(() => daysBetween('2026-02-01', 'soon'))).toMatchObject(
      invalid('to'),
    );
  });
});
