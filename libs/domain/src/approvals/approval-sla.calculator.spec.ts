import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { slaDueAt } from './approval-sla.calculator';

describe('slaDueAt', () => {
  it.each([
    ['2026-03-10T09:00:00Z', 4, '2026-03-10T13:00:00.000Z'],
    ['2026-03-10T22:30:00Z', 4, '2026-03-11T02:30:00.000Z'], // across midnight
    ['2026-01-31T20:00:00.000Z', 8, '2026-02-01T04:00:00.000Z'], // month end
    ['2026-04-30T23:59:59.999Z', 1, '2026-05-01T00:59:59.999Z'], // 30-day month end
    ['2026-02-28T12:00:00Z', 24, '2026-03-01T12:00:00.000Z'], // February, common year
    ['2028-02-28T12:00:00Z', 24, '2028-02-29T12:00:00.000Z'], // leap day
    ['2026-12-31T18:00:00Z', 8, '2027-01-01T02:00:00.000Z'], // year end
    ['2026-03-01T00:00:00Z', 720, '2026-03-31T00:00:00.000Z'], // the longest SLA, 30 days
  ])('%s + %i h is %s', (openedAt, hours, due) => {
    expect(slaDueAt(openedAt, hours)).toBe(due);
  });

  it('answers in UTC whatever zone the opening time was given in', () => {
    // 23:30 in New York (-05:00) on Jan 31 is 04:30Z on Feb 1.
    expect(slaDueAt('2026-01-31T23:30:00-05:00', 4)).toBe('2026-02-01T08:30:00.000Z');
    // 00:30 in Berlin (+01:00) on Mar 1 is still Feb 28 in UTC.
    expect(slaDueAt('2026-03-01T00:30:00+01:00', 4)).toBe('2026-03-01T03:30:00.000Z');
    expect(slaDueAt('2026-06-15T12:00:00+05:45', 1)).toBe('2026-06-15T07:15:00.000Z');
  });

  it('counts calendar hours across a daylight-saving change', () => {
    // US clocks spring forward on 2026-03-08; 24 elapsed hours, shown in UTC.
    expect(slaDueAt('2026-03-07T12:00:00-05:00', 24)).toBe('2026-03-08T17:00:00.000Z');
  });

  it('accepts times without seconds and with long fractions (cut to milliseconds)', () => {
    expect(slaDueAt('2026-03-10T09:00Z', 1)).toBe('2026-03-10T10:00:00.000Z');
    expect(slaDueAt('2026-03-10T09:00:00.1Z', 1)).toBe('2026-03-10T10:00:00.100Z');
    expect(slaDueAt('2026-03-10T09:00:00.123999999Z', 1)).toBe('2026-03-10T10:00:00.123Z');
  });

  it('accepts fractional hours', () => {
    expect(slaDueAt('2026-03-10T23:45:00Z', 0.5)).toBe('2026-03-11T00:15:00.000Z');
  });

  it.each([
    '2026-02-30T10:00:00Z',
    '2026-03-10T24:00:00Z',
    '2026-03-10T10:60:00Z',
    '2026-03-10T10:00:60Z',
    '2026-03-10T10:00:00',
    '2026-03-10 10:00:00Z',
    '2026-03-10T10:00:00z',
    '2026-03-10T10:00:00+24:00',
    '2026-03-10T10:00:00+0100',
    '2026-03-10',
    '',
  ])('rejects the opening time %p', (openedAt) => {
    const error = captureDomainError(() => slaDueAt(openedAt, 4));
    expect(error.code).toBe(DomainErrorCode.TIME_INVALID);
    expect(error.field).toBe('openedAt');
  });

  it('rejects a non-string opening time passed around the types', () => {
    const openedAt = new Date() as unknown as string;
    expect(captureDomainError(() => slaDueAt(openedAt, 4)).field).toBe('openedAt');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p hours', (hours) => {
    const error = captureDomainError(() => slaDueAt('2026-03-10T10:00:00Z', hours));
    expect(error.code).toBe(DomainErrorCode.ROUTING_INVALID_RULE);
    expect(error.field).toBe('slaHours');
  });

  it('rejects a due time beyond year 9999', () => {
    const error = captureDomainError(() => slaDueAt('9999-12-31T20:00:00Z', 8));
    expect(error.code).toBe(DomainErrorCode.TIME_INVALID);
  });
});
