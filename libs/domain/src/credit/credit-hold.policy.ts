import { Decimal } from '../decimal/decimal';
import { AMOUNT_INPUT, nonNegativeDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import {
  checkedPosition,
  type CreditPosition,
  type OverdueBucket,
  wholeDays,
} from './credit-exposure.calculator';

export const CUSTOMER_CREDIT_STATUSES = ['active', 'credit_hold', 'blocked'] as const;
export type CustomerCreditStatus = (typeof CUSTOMER_CREDIT_STATUSES)[number];

export type CreditHoldReason =
  'CREDIT.LIMIT_EXCEEDED' | 'CREDIT.OVERDUE_RECEIVABLES' | 'CREDIT.ACCOUNT_ON_HOLD';

/** What the credit reviewer sees on the task: every figure the decision was taken on. */
export interface CreditEvidence {
  creditLimit: Decimal;
  exposureBefore: Decimal;
  orderTotal: Decimal;
  exposureAfter: Decimal;
  overrun: Decimal;
  overrunPercent: Decimal;
  overdue: OverdueBucket[];
  oldestOverdueDays: number;
  overdueDaysLimit: number;
}

export type CreditDecision =
  | { outcome: 'pass'; exposureAfter: Decimal }
  | {
      outcome: 'hold';
      reasons: CreditHoldReason[];
      exposureAfter: Decimal;
      overrun: Decimal;
      overrunPercent: Decimal;
      evidence: CreditEvidence;
    }
  | { outcome: 'reject'; reason: 'CUSTOMER.BLOCKED' };

export interface CreditCheckInput {
  readonly customerStatus: CustomerCreditStatus;
  readonly position: CreditPosition;
  /** The order being decided, in the credit limit's currency. */
  readonly orderTotal: Decimal;
  /** Oldest overdue invoice allowed, in days past due; beyond it the order is held. */
  readonly overdueDaysLimit: number;
}

/**
 * Does this order go on credit hold, and why. A blocked customer is rejected outright (no
 * person can approve trading with them); otherwise every applicable reason is listed so one
 * review settles them all:
 * - exposure after the order above the limit (reaching it exactly passes; a zero limit holds
 *   any order with a value);
 * - an invoice more than `overdueDaysLimit` days overdue (exactly at the limit passes);
 * - the account put on credit hold by the credit team.
 * The overrun percent is of the limit, rounded half up to 2 decimals; against a zero limit any
 * overrun counts as 100 % because it has no finite percent.
 */
export function decideCredit(input: CreditCheckInput): CreditDecision {
  if (!(CUSTOMER_CREDIT_STATUSES as readonly string[]).includes(input.customerStatus)) {
    throw new DomainError(
      DomainErrorCode.CREDIT_INVALID_INPUT,
      `customerStatus must be one of ${CUSTOMER_CREDIT_STATUSES.join(', ')}`,
      'customerStatus',
    );
  }
  const position = checkedPosition(input.position);
  const orderTotal = nonNegativeDecimal(input.orderTotal, 'orderTotal', AMOUNT_INPUT);
  const overdueDaysLimit = wholeDays(input.overdueDaysLimit, 'overdueDaysLimit');
  if (overdueDaysLimit < 0) {
    throw new DomainError(
      DomainErrorCode.CREDIT_INVALID_INPUT,
      'overdueDaysLimit must not be negative',
      'overdueDaysLimit',
    );
  }
  if (input.customerStatus === 'blocked') return { outcome: 'reject', reason: 'CUSTOMER.BLOCKED' };

  const { creditLimit } = position;
  const exposureAfter = position.exposure.plus(orderTotal);
  const overrun = Decimal.max(0, exposureAfter.minus(creditLimit));
  let overrunPercent = new Decimal(0);
  if (overrun.greaterThan(0)) {
    overrunPercent = creditLimit.isZero()
      ? new Decimal(100)
      : overrun.div(creditLimit).times(100).toDecimalPlaces(2);
  }

  const reasons: CreditHoldReason[] = [];
  if (exposureAfter.greaterThan(creditLimit)) reasons.push('CREDIT.LIMIT_EXCEEDED');
  if (position.oldestOverdueDays > overdueDaysLimit) reasons.push('CREDIT.OVERDUE_RECEIVABLES');
  if (input.customerStatus === 'credit_hold') reasons.push('CREDIT.ACCOUNT_ON_HOLD');
  if (reasons.length === 0) return { outcome: 'pass', exposureAfter };

  return {
    outcome: 'hold',
    reasons,
    exposureAfter,
    overrun,
    overrunPercent,
    evidence: {
      creditLimit,
      exposureBefore: position.exposure,
      orderTotal,
      exposureAfter,
      overrun,
      overrunPercent,
      overdue: position.overdue.map((bucket) => ({ ...bucket })),
      oldestOverdueDays: position.oldestOverdueDays,
      overdueDaysLimit,
    },
  };
}
