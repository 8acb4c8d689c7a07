import { Decimal as GlobalDecimal } from 'decimal.js';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  agingBucket,
  type AgingBucket,
  creditExposure,
  type CreditPosition,
} from './credit-exposure.calculator';

const d = (value: string) => new Decimal(value);
const position = (overrides: Partial<CreditPosition> = {}): CreditPosition => ({
  creditLimit: d('10000'),
  openReceivables: d('2500.50'),
  openOrders: d('1200'),
  shippedNotInvoiced: d('300.25'),
  overdue: [],
  oldestOverdueDays: 0,
  ...overrides,
});

describe('creditExposure', () => {
  it('adds open receivables, open orders and shipped-not-invoiced', () => {
    expect(creditExposure(position()).toString()).toBe('4000.75');
  });

  it('ignores the limit and the overdue detail', () => {
    const withOverdue = position({
      creditLimit: d('0'),
      overdue: [{ bucket: '>90', amount: d('999') }],
      oldestOverdueDays: 120,
    });
    expect(creditExposure(withOverdue).toString()).toBe('4000.75');
  });

  it('is zero for a new customer', () => {
    const fresh = position({
      openReceivables: d('0'),
      openOrders: d('0'),
      shippedNotInvoiced: d('0'),
    });
    expect(creditExposure(fresh).toString()).toBe('0');
  });

  it('nets a credit balance (unapplied cash) against the other exposure', () => {
    expect(creditExposure(position({ openReceivables: d('-1500') })).toString()).toBe('0.25');
  });

  it('works on the domain clone whatever Decimal it is given', () => {
    const exposure = creditExposure(position({ openOrders: new GlobalDecimal('0.1') }));
    expect(exposure).toBeInstanceOf(Decimal);
    expect(exposure.toString()).toBe('2800.85');
  });

  it.each([
    [{ creditLimit: d('-1') }, 'position.creditLimit'],
    [{ openReceivables: d('NaN') }, 'position.openReceivables'],
    [{ openOrders: d('-0.01') }, 'position.openOrders'],
    [{ shippedNotInvoiced: d('Infinity') }, 'position.shippedNotInvoiced'],
    [{ overdue: [{ bucket: '1-30' as const, amount: d('-5') }] }, 'position.overdue[0].amount'],
    [
      { overdue: [{ bucket: '0-30' as AgingBucket, amount: d('5') }] },
      'position.overdue[0].bucket',
    ],
    [{ oldestOverdueDays: 1.5 }, 'position.oldestOverdueDays'],
    [{ oldestOverdueDays: Number.NaN }, 'position.oldestOverdueDays'],
  ])('rejects bad input %#, naming %s', (overrides, field) => {
    const error = captureDomainError(() => creditExposure(position(overrides)));
    expect(error.code).toBe(DomainErrorCode.CREDIT_INVALID_INPUT);
    expect(error.field).toBe(field);
  });
});

describe('agingBucket', () => {
  it.each([
    [-30, 'current'],
    [-1, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '>90'],
    [3650, '>90'],
  ])('%i days overdue is %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s days', (days) => {
    const error = captureDomainError(() => agingBucket(days));
    expect(error.code).toBe(DomainErrorCode.CREDIT_INVALID_INPUT);
    expect(error.field).toBe('daysOverdue');
  });
});
