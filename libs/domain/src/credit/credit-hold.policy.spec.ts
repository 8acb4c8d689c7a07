import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import type { CreditPosition } from './credit-exposure.calculator';
import {
  type CreditCheckInput,
  type CreditDecision,
  type CustomerCreditStatus,
  decideCredit,
} from './credit-hold.policy';

const d = (value: string) => new Decimal(value);
const position = (overrides: Partial<CreditPosition> = {}): CreditPosition => ({
  creditLimit: d('10000'),
  openReceivables: d('4000'),
  openOrders: d('2500'),
  shippedNotInvoiced: d('500'),
  overdue: [],
  oldestOverdueDays: 0,
  ...overrides,
});
const check = (
  orderTotal: string,
  overrides: Partial<CreditPosition> = {},
  customerStatus: CustomerCreditStatus = 'active',
  overdueDaysLimit = 30,
): CreditDecision =>
  decideCredit({
    customerStatus,
    position: position(overrides),
    orderTotal: d(orderTotal),
    overdueDaysLimit,
  });
const reasonsOf = (decision: CreditDecision) =>
  decision.outcome === 'hold' ? decision.reasons : decision.outcome;
const held = (decision: CreditDecision) => {
  if (decision.outcome !== 'hold') throw new Error(`expected a hold, got ${decision.outcome}`);
  return decision;
};

describe('decideCredit', () => {
  it('passes an order within the limit (exposure 7000 + 2000)', () => {
    const decision = check('2000');
    expect(decision.outcome).toBe('pass');
    if (decision.outcome === 'pass') expect(decision.exposureAfter.toString()).toBe('9000');
  });

  it('passes an order that reaches the limit exactly', () => {
    expect(check('3000').outcome).toBe('pass');
  });

  it('holds an order one cent over the limit, with the evidence', () => {
    const decision = held(check('3000.01'));
    expect(decision.reasons).toEqual(['CREDIT.LIMIT_EXCEEDED']);
    expect(decision.exposureAfter.toString()).toBe('10000.01');
    expect(decision.overrun.toString()).toBe('0.01');
    expect(decision.overrunPercent.toString()).toBe('0'); // 0.0001 % rounds to 0.00
    const { evidence } = decision;
    expect({
      creditLimit: evidence.creditLimit.toString(),
      exposureBefore: evidence.exposureBefore.toString(),
      orderTotal: evidence.orderTotal.toString(),
      exposureAfter: evidence.exposureAfter.toString(),
      overrun: evidence.overrun.toString(),
      overrunPercent: evidence.overrunPercent.toString(),
      overdue: evidence.overdue,
      oldestOverdueDays: evidence.oldestOverdueDays,
      overdueDaysLimit: evidence.overdueDaysLimit,
    }).toEqual({
      creditLimit: '10000',
      exposureBefore: '7000',
      orderTotal: '3000.01',
      exposureAfter: '10000.01',
      overrun: '0.01',
      overrunPercent: '0',
      overdue: [],
      oldestOverdueDays: 0,
      overdueDaysLimit: 30,
    });
  });

  it.each([
    ['4000', '10'], // overrun 1000 of 10000
    ['3999.99', '10'], // 9.9999 % rounds half up to 10.00
    ['3999.40', '9.99'], // 9.994 %
    ['3999.50', '10'], // 9.995 % rounds up
    ['5500', '25'],
    ['33000', '300'],
  ])('an order of %s overruns by %s %%', (orderTotal, percent) => {
    expect(held(check(orderTotal)).overrunPercent.toString()).toBe(percent);
  });

  describe('a zero credit limit', () => {
    const none = {
      creditLimit: d('0'),
      openReceivables: d('0'),
      openOrders: d('0'),
      shippedNotInvoiced: d('0'),
    };

    it('passes an order of zero value', () => {
      expect(check('0', none).outcome).toBe('pass');
    });

    it('holds any order with a value at 100 % overrun', () => {
      const decision = held(check('0.01', none));
      expect(decision.reasons).toEqual(['CREDIT.LIMIT_EXCEEDED']);
      expect(decision.overrun.toString()).toBe('0.01');
      expect(decision.overrunPercent.toString()).toBe('100');
    });

    it('holds a zero-value order when exposure already exists', () => {
      expect(reasonsOf(check('0', { ...none, openOrders: d('5') }))).toEqual([
        'CREDIT.LIMIT_EXCEEDED',
      ]);
    });
  });

  it('lets a credit balance absorb an order', () => {
    expect(check('5000', { openReceivables: d('-2000') }).outcome).toBe('pass');
  });

  describe('overdue receivables', () => {
    const overdue = { overdue: [{ bucket: '31-60' as const, amount: d('1200') }] };

    it('passes when the oldest overdue invoice is exactly at the limit', () => {
      expect(check('100', { ...overdue, oldestOverdueDays: 30 }).outcome).toBe('pass');
    });

    it('holds one day past the limit, with the aging in the evidence', () => {
      const decision = held(check('100', { ...overdue, oldestOverdueDays: 31 }));
      expect(decision.reasons).toEqual(['CREDIT.OVERDUE_RECEIVABLES']);
      expect(decision.overrun.toString()).toBe('0');
      expect(decision.overrunPercent.toString()).toBe('0');
      expect(decision.evidence.overdue.map((b) => [b.bucket, b.amount.toString()])).toEqual([
        ['31-60', '1200'],
      ]);
      expect(decision.evidence.oldestOverdueDays).toBe(31);
    });

    it('holds any overdue invoice when the limit is zero days', () => {
      expect(check('1', { oldestOverdueDays: 0 }, 'active', 0).outcome).toBe('pass');
      expect(reasonsOf(check('1', { oldestOverdueDays: 1 }, 'active', 0))).toEqual([
        'CREDIT.OVERDUE_RECEIVABLES',
      ]);
    });

    it('copies the buckets so the evidence cannot alias the input', () => {
      const input = { ...overdue, oldestOverdueDays: 45 };
      const decision = held(check('1', input));
      expect(decision.evidence.overdue).not.toBe(input.overdue);
      expect(decision.evidence.overdue[0]).not.toBe(input.overdue[0]);
    });
  });

  describe('customer status', () => {
    it('rejects a blocked customer whatever the figures', () => {
      expect(check('0', {}, 'blocked')).toEqual({ outcome: 'reject', reason: 'CUSTOMER.BLOCKED' });
      expect(check('999999', { oldestOverdueDays: 400 }, 'blocked')).toEqual({
        outcome: 'reject',
        reason: 'CUSTOMER.BLOCKED',
      });
    });

    it('holds every order of an account on credit hold, even within the limit', () => {
      const decision = held(check('1', {}, 'credit_hold'));
      expect(decision.reasons).toEqual(['CREDIT.ACCOUNT_ON_HOLD']);
      expect(decision.overrun.toString()).toBe('0');
    });

    it('lists every reason at once, in a stable order', () => {
      expect(reasonsOf(check('5000', { oldestOverdueDays: 95 }, 'credit_hold'))).toEqual([
        'CREDIT.LIMIT_EXCEEDED',
        'CREDIT.OVERDUE_RECEIVABLES',
        'CREDIT.ACCOUNT_ON_HOLD',
      ]);
    });
  });

  it('holds exactly when exposure after exceeds the limit or overdue exceeds its limit (property)', () => {
    const cents = fc.integer({ min: 0, max: 100_000_000 }).map((v) => new Decimal(v).div(100));
    fc.assert(
      fc.property(
        cents,
        cents,
        cents,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 120 }),
        (creditLimit, openOrders, orderTotal, oldest, limitDays) => {
          const decision = decideCredit({
            customerStatus: 'active',
            position: position({ creditLimit, openOrders, oldestOverdueDays: oldest }),
            orderTotal,
            overdueDaysLimit: limitDays,
          });
          const after = new Decimal(4500).plus(openOrders).plus(orderTotal);
          const shouldHold = after.greaterThan(creditLimit) || oldest > limitDays;
          expect(decision.outcome).toBe(shouldHold ? 'hold' : 'pass');
          expect(decision.outcome !== 'reject' && decision.exposureAfter.equals(after)).toBe(true);
          if (decision.outcome === 'hold') {
            expect(decision.overrun.equals(Decimal.max(0, after.minus(creditLimit)))).toBe(true);
            expect(decision.overrunPercent.isNegative()).toBe(false);
            expect(decision.overrunPercent.decimalPlaces()).toBeLessThanOrEqual(2);
          }
        },
      ),
    );
  });

  describe('rejects bad input, naming the field', () => {
    const base: CreditCheckInput = {
      customerStatus: 'active',
      position: position(),
      orderTotal: d('1'),
      overdueDaysLimit: 30,
    };

    it.each([
      [{ ...base, orderTotal: d('-1') }, DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'orderTotal'],
      [{ ...base, overdueDaysLimit: -1 }, DomainErrorCode.CREDIT_INVALID_INPUT, 'overdueDaysLimit'],
      [
        { ...base, overdueDaysLimit: 2.5 },
        DomainErrorCode.CREDIT_INVALID_INPUT,
        'overdueDaysLimit',
      ],
      [
        { ...base, customerStatus: 'suspended' as CustomerCreditStatus },
        DomainErrorCode.CREDIT_INVALID_INPUT,
        'customerStatus',
      ],
      [
        { ...base, position: position({ creditLimit: d('-100') }) },
        DomainErrorCode.CREDIT_INVALID_INPUT,
        'position.creditLimit',
      ],
    ])('%#', (input, code, field) => {
      const error = captureDomainError(() => decideCredit(input));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
    });

    it('validates a blocked customer’s input too, so bad data never hides behind a rejection', () => {
      const error = captureDomainError(() =>
        decideCredit({ ...base, customerStatus: 'blocked', orderTotal: d('NaN') }),
      );
      expect(error.field).toBe('orderTotal');
    });
  });
});
