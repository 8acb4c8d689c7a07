import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { holdReminderDue } from './hold-reminder.policy';

const OPENED = '2026-03-02T08:00:00Z';
const LEVELS = [24, 72, 168];
const after = (hours: number) => new Date(Date.parse(OPENED) + hours * 3_600_000).toISOString();

describe('holdReminderDue', () => {
  it('sends nothing before the first threshold', () => {
    expect(holdReminderDue(OPENED, after(23.99), LEVELS, 0)).toBeUndefined();
  });

  it('sends level 1 once the first threshold is reached, with the age in whole hours', () => {
    expect(holdReminderDue(OPENED, after(24), LEVELS, 0)).toEqual({ level: 1, ageHours: 24 });
    expect(holdReminderDue(OPENED, after(30.5), LEVELS, 0)).toEqual({ level: 1, ageHours: 30 });
  });

  it('never sends a level twice', () => {
    expect(holdReminderDue(OPENED, after(71), LEVELS, 1)).toBeUndefined();
    expect(holdReminderDue(OPENED, after(72), LEVELS, 1)).toEqual({ level: 2, ageHours: 72 });
    expect(holdReminderDue(OPENED, after(1000), LEVELS, 3)).toBeUndefined();
  });

  it('jumps to the highest level reached instead of sending each missed one', () => {
    expect(holdReminderDue(OPENED, after(200), LEVELS, 0)).toEqual({ level: 3, ageHours: 200 });
  });

  it('sends nothing without thresholds, or for a hold opened in the future', () => {
    expect(holdReminderDue(OPENED, after(500), [], 0)).toBeUndefined();
    expect(holdReminderDue(OPENED, after(-5), LEVELS, 0)).toBeUndefined();
  });

  it('accepts fractional thresholds', () => {
    expect(holdReminderDue(OPENED, after(0.5), [0.5], 0)).toEqual({ level: 1, ageHours: 0 });
  });

  it('refuses times that are not ISO 8601 with a zone', () => {
    const badOpening = captureDomainError(() => holdReminderDue('2026-03-02', after(1), LEVELS, 0));
    expect([badOpening.code, badOpening.field]).toEqual([DomainErrorCode.TIME_INVALID, 'openedAt']);
    const badNow = captureDomainError(() => holdReminderDue(OPENED, 'tomorrow', LEVELS, 0));
    expect([badNow.code, badNow.field]).toEqual([DomainErrorCode.TIME_INVALID, 'now']);
  });
});
