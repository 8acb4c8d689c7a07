import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  DEFAULT_DUNNING_LEVELS,
  type DunningLevel,
  dunningLevelFor,
  nextDunningNotice,
  renderDunningMessage,
  validateDunningLevels,
} from './dunning-level.policy';

describe('dunningLevelFor', () => {
  it.each([
    [-5, null],
    [0, null],
    [1, 'reminder'],
    [14, 'reminder'],
    [15, 'second-notice'],
    [29, 'second-notice'],
    [30, 'final-notice'],
    [59, 'final-notice'],
    [60, 'collections'],
    [400, 'collections'],
  ])('%d days overdue -> %s', (days, name) => {
    expect(dunningLevelFor(days)?.name ?? null).toBe(name);
  });

  it('rejects fractional days', () => {
    expect(captureDomainError(() => dunningLevelFor(1.5))).toMatchObject({
      code: DomainErrorCode.COLLECTIONS_INVALID_INPUT,
      field: 'daysOverdue',
    });
  });
});

describe('nextDunningNotice', () => {
  it.each([
    [10, 0, 1],
    [10, 1, null], // never twice for the same level
    [20, 1, 2],
    [45, 0, 3], // first seen deep overdue: the level reached, not every level below
    [45, 3, null],
    [90, 3, 4],
    [0, 0, null],
  ])('%d days overdue, last sent %d -> level %p', (days, last, expected) => {
    expect(nextDunningNotice(days, last)?.level ?? null).toBe(expected);
  });

  it('rejects a negative last level', () => {
    expect(captureDomainError(() => nextDunningNotice(10, -1))).toMatchObject({
      field: 'lastLevelSent',
    });
  });
});

describe('renderDunningMessage', () => {
  it('fills in the figures', () => {
    const text = renderDunningMessage(DEFAULT_DUNNING_LEVELS[1], {
      customerName: 'Acme Hardware',
      invoiceNumber: 'INV-00001234',
      amount: new Decimal('1250.5'),
      currency: 'USD',
      dueDate: '2026-05-31',
      daysOverdue: 16,
    });
    expect(text).toBe(
      'Dear Acme Hardware, invoice INV-00001234 for 1250.50 USD is now 16 days overdue. Please pay it or tell us what is holding it up.',
    );
  });

  it('leaves unknown placeholders as written', () => {
    const level: DunningLevel = {
      level: 1,
      name: 'x',
      minDaysOverdue: 1,
      message: '{nope} {amount}',
    };
    const text = renderDunningMessage(level, {
      customerName: '',
      invoiceNumber: '',
      amount: new Decimal(5),
      currency: 'JPY',
      dueDate: '',
      daysOverdue: 1,
    });
    expect(text).toBe('{nope} 5 JPY');
  });
});

describe('validateDunningLevels', () => {
  it('accepts the default ladder', () => {
    expect(() => validateDunningLevels(DEFAULT_DUNNING_LEVELS)).not.toThrow();
  });

  const step = (level: number, minDaysOverdue: number): DunningLevel => ({
    level,
    name: `l${level}`,
    minDaysOverdue,
    message: 'pay',
  });
  it.each([
    [[], 'levels'],
    [[step(2, 5)], 'levels[0].level'],
    [[step(1, 0)], 'levels[0].minDaysOverdue'],
    [[step(1, 10), step(2, 10)], 'levels[1].minDaysOverdue'],
    [[{ ...step(1, 1), message: ' ' }], 'levels[0]'],
  ])('rejects %j naming %s', (levels, field) => {
    expect(captureDomainError(() => validateDunningLevels(levels))).toMatchObject({ field });
  });
});
