import type { Decimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { finiteDecimal, nonNegativeDecimal } from '../errors/decimal-input.guard';

export const AGING_BUCKETS = ['1-30', '31-60', '61-90', '>90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Open receivables past their due date, by days overdue. */
export interface OverdueBucket {
  readonly bucket: AgingBucket;
  readonly amount: Decimal;
}

/** A customer's credit standing in the order currency, as read before deciding an order. */
export interface CreditPosition {
  /** Zero means every order with a value needs a credit decision by a person. */
  readonly creditLimit: Decimal;
  /** Invoiced, not yet paid. May be negative when unapplied cash exceeds open invoices. */
  readonly openReceivables: Decimal;
  /** Open orders (held ones too) not yet invoiced, excluding the one being decided. */
  readonly openOrders: Decimal;
  readonly shippedNotInvoiced: Decimal;
  readonly overdue: readonly OverdueBucket[];
  /** Days the oldest overdue invoice is past due; 0 or less when nothing is overdue. */
  readonly oldestOverdueDays: number;
}

const CREDIT_INPUT = {
  invalid: DomainErrorCode.CREDIT_INVALID_INPUT,
  negative: DomainErrorCode.CREDIT_INVALID_INPUT,
};

/** What the customer owes or has committed to: open receivables + open orders + shipped. */
export function creditExposure(position: CreditPosition): Decimal {
  return checkedPosition(position).exposure;
}

/** The aging bucket of an invoice `daysOverdue` days past due; 'current' when not past due. */
export function agingBucket(daysOverdue: number): AgingBucket | 'current' {
  const days = wholeDays(daysOverdue, 'daysOverdue');
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '>90';
}

/** The position re-homed on the domain Decimal, every field checked, and its exposure. */
export function checkedPosition(
  position: CreditPosition,
  path = 'position',
): CreditPosition & { readonly exposure: Decimal } {
  const field = (name: string) => `${path}.${name}`;
  const openReceivables = finiteDecimal(
    position.openReceivables,
    field('openReceivables'),
    DomainErrorCode.CREDIT_INVALID_INPUT,
  );
  const openOrders = nonNegativeDecimal(position.openOrders, field('openOrders'), CREDIT_INPUT);
  const shippedNotInvoiced = nonNegativeDecimal(
    position.shippedNotInvoiced,
    field('shippedNotInvoiced'),
    CREDIT_INPUT,
  );
  const overdue = position.overdue.map((bucket, index) => {
    if (!(AGING_BUCKETS as readonly string[]).includes(bucket.bucket)) {
      throw new DomainError(
        DomainErrorCode.CREDIT_INVALID_INPUT,
        `${field(`overdue[${index}].bucket`)} must be one of ${AGING_BUCKETS.join(', ')}`,
        field(`overdue[${index}].bucket`),
      );
    }
    const amount = nonNegativeDecimal(
      bucket.amount,
      field(`overdue[${index}].amount`),
      CREDIT_INPUT,
    );
    return { bucket: bucket.bucket, amount };
  });
  return {
    creditLimit: nonNegativeDecimal(position.creditLimit, field('creditLimit'), CREDIT_INPUT),
    openReceivables,
    openOrders,
    shippedNotInvoiced,
    overdue,
    oldestOverdueDays: wholeDays(position.oldestOverdueDays, field('oldestOverdueDays')),
    exposure: openReceivables.plus(openOrders).plus(shippedNotInvoiced),
  };
}

export function wholeDays(days: number, field: string): number {
  if (!Number.isSafeInteger(days)) {
    throw new DomainError(
      DomainErrorCode.CREDIT_INVALID_INPUT,
      `${field} must be a whole number of days`,
      field,
    );
  }
  return days;
}
