import { Decimal } from '../decimal/decimal';
import type { ReviewReason } from './cash-application.types';

/** The role whose people work the cash-application queue. */
export const CASH_APPLICATION_ROLE = 'cash-applier';

/** Hours until a review is overdue: cash should be on the ledger within a day of arriving. */
export const CASH_REVIEW_SLA_HOURS = 24;
/** Finding out who paid means calling banks and customers: two days. */
export const UNIDENTIFIED_PAYER_SLA_HOURS = 48;

export interface CashReviewRouting {
  readonly role: string;
  /** 1 is the most urgent. */
  readonly priority: number;
  readonly slaHours: number;
}

/** Amounts (in the payment currency) from which a review is more urgent, largest first. */
const PRIORITY_BANDS: readonly (readonly [Decimal, number])[] = [
  [new Decimal(100_000), 1],
  [new Decimal(25_000), 2],
  [new Decimal(100), 3],
];
const SMALL_AMOUNT_PRIORITY = 4;

/**
 * Who works cash that waits for a person, how urgently and by when: the larger the cash in
 * review, the more it weighs on receivables and on customers' credit (a held order may wait
 * for it), so the higher its priority; an unknown payer is at least priority 2, since nothing
 * of it can be applied until someone finds out who paid. The bands are amounts of the payment
 * currency, not converted: a distributor's receivables are mostly in one currency.
 */
export function routeCashReview(
  amountInReview: Decimal,
  reasons: readonly ReviewReason[],
): CashReviewRouting {
  const unidentified = reasons.includes('unidentified-payer');
  const band = PRIORITY_BANDS.find(([from]) => amountInReview.greaterThanOrEqualTo(from));
  const byAmount = band === undefined ? SMALL_AMOUNT_PRIORITY : band[1];
  return {
    role: CASH_APPLICATION_ROLE,
    priority: unidentified ? Math.min(byAmount, 2) : byAmount,
    slaHours: unidentified ? UNIDENTIFIED_PAYER_SLA_HOURS : CASH_REVIEW_SLA_HOURS,
  };
}
