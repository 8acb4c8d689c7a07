import { addDays } from '../dates/calendar-date';
import { Decimal } from '../decimal/decimal';
import { type CurrencyCode, minorUnits } from '../money/currency.table';
import { formatAmount, moneyOf, roundMoney } from '../money/money';
import { earlyPaymentDiscount } from '../payment-terms/early-payment-discount.policy';
import type { WorkingInvoice } from './working-invoice';
import type {
  CashEvidence,
  CustomerCashProfile,
  SettlementKind,
  WriteOffTolerance,
} from './cash-application.types';
import {
  deductionCategory,
  type DeductionCategory,
  UNEARNED_DISCOUNT_CODE,
} from './deduction-category.mapper';

/** What the payer put against one invoice. */
export interface SettlementRequest {
  readonly invoice: WorkingInvoice;
  /** The invoice's open balance now (earlier applications of this payment included). */
  readonly balance: Decimal;
  /** Cash offered for this invoice, not negative and never more than the payment has left. */
  readonly offered: Decimal;
  readonly valueDate: string;
  readonly customer: CustomerCashProfile;
  readonly discountTaken: Decimal | null;
  readonly adjustmentAmount: Decimal | null;
  readonly adjustmentReasonCode: string | null;
  readonly adjustmentText: string | null;
}

/** How the offered cash settles the invoice; cash + discount + writeOff + deduction <= balance. */
export interface SettlementPlan {
  readonly kind: SettlementKind;
  readonly cash: Decimal;
  readonly discount: Decimal;
  readonly writeOff: Decimal;
  /** Short payment beyond tolerance: stays open on the invoice, disputed. */
  readonly deduction: Decimal;
  readonly deductionCategory: DeductionCategory | null;
  readonly deductionReasonCode: string | null;
  /** Offered beyond the balance: goes back to the payment's unapplied cash. */
  readonly excess: Decimal;
  /** How well the amounts reconcile, 0..1. */
  readonly confidence: number;
  readonly reasons: readonly string[];
  readonly evidence: CashEvidence;
}

const ZERO = new Decimal(0);

/**
 * Reconciles the cash offered for an invoice with its open balance, in this order:
 * paid in full (any excess returns to the payment); an earned early-payment discount (judged
 * on the value date less the customer's grace days, on the balance being settled); a
 * remaining difference within the write-off tolerance; beyond it, a deduction when the payer
 * gave a reason (an adjustment, a reason code, or a discount taken beyond the one earned),
 * otherwise a partial payment that leaves the rest open. The discount is granted only when the
 * invoice ends settled (or disputed): a partial payment earns none yet.
 */
export function settleInvoice(request: SettlementRequest): SettlementPlan {
  const { invoice, balance, offered } = request;
  const currency = invoice.currency;
  const show = (amount: Decimal) => formatAmount(moneyOf(amount, currency));
  const base: CashEvidence = { amountPaid: show(offered), openBalance: show(balance) };

  if (offered.greaterThanOrEqualTo(balance)) {
    const excess = offered.minus(balance);
    const overpaid = excess.greaterThan(0);
    return plan(overpaid ? 'overpaid' : 'full', balance, {
      excess,
      confidence: overpaid ? 0.95 : 1,
      reasons: overpaid
        ? [
            `Paid ${show(offered)} against an open balance of ${show(balance)}; the excess ${show(excess)} stays unapplied`,
          ]
        : [`Paid ${show(offered)}, the open balance exactly`],
      evidence: { ...base, difference: show(excess.negated()) },
    });
  }

  const shortfall = balance.minus(offered);
  const earned = earnedDiscountOn(invoice, balance, discountJudgedOn(request));
  const discount = Decimal.min(earned, shortfall);
  const rest = shortfall.minus(discount);
  const limit = writeOffLimit(request.customer.writeOffTolerance, balance, currency);
  const taken = request.discountTaken ?? ZERO;
  // What the payer took beyond the earned discount (all of it when nothing was earned).
  const unearnedTaken = taken.greaterThan(earned) ? taken.minus(earned) : ZERO;
  const evidence: CashEvidence = {
    ...base,
    difference: show(shortfall),
    discountEarned: show(earned),
    discountDeadline: invoice.discountDeadline,
    discountTaken: show(taken),
    ...(unearnedTaken.isZero() ? {} : { discountUnearned: show(unearnedTaken) }),
    writeOffLimit: show(limit),
    ...(request.adjustmentAmount === null
      ? {}
      : { adjustmentAmount: show(request.adjustmentAmount) }),
    adjustmentReasonCode: request.adjustmentReasonCode,
  };
  const discountReason = `Early-payment discount ${show(discount)} earned under ${invoice.terms.code}`;

  if (rest.isZero()) {
    const claimedOther = request.discountTaken !== null && !taken.equals(discount);
    return plan('early-payment-discount', offered, {
      discount,
      confidence: claimedOther ? 0.95 : 0.98,
      reasons: [discountReason, `paid ${show(offered)} on ${request.valueDate}`],
      evidence,
    });
  }
  const reasons = [
    ...(discount.greaterThan(0) ? [discountReason] : []),
    ...(unearnedTaken.isZero()
      ? []
      : [
          `Discount taken ${show(taken)} is more than the ${show(earned)} earned under ${invoice.terms.code}: ${show(unearnedTaken)} unearned`,
        ]),
  ];
  if (rest.lessThanOrEqualTo(limit)) {
    return plan(discount.greaterThan(0) ? 'discount-and-write-off' : 'write-off', offered, {
      discount,
      writeOff: rest,
      confidence: 0.95,
      reasons: [
        ...reasons,
        `Difference ${show(rest)} is within the write-off tolerance of ${show(limit)}`,
      ],
      evidence,
    });
  }
  // A discount taken beyond the earned one is a terms dispute whether none or part of it was
  // earned, when it is what the payer is short: the earned part is granted, the excess is the
  // deduction. Short by more than that, the payment is a partial one (as when nothing was
  // earned and the shortfall is not the terms' discount).
  const unearned =
    (unearnedTaken.greaterThan(0) && rest.equals(unearnedTaken)) ||
    (earned.isZero() && looksLikeTermsDiscount(request, rest));
  const gaveReason =
    (request.adjustmentAmount !== null && request.adjustmentAmount.greaterThan(0)) ||
    (request.adjustmentReasonCode ?? '').trim() !== '';
  if (gaveReason || unearned) {
    const code = gaveReason ? request.adjustmentReasonCode : UNEARNED_DISCOUNT_CODE;
    const category = deductionCategory(code, request.adjustmentText);
    return plan('short-payment', offered, {
      discount,
      deduction: rest,
      deductionCategory: category,
      deductionReasonCode: code,
      confidence: 0.95,
      reasons: [
        ...reasons,
        `Short by ${show(rest)}, beyond the write-off tolerance of ${show(limit)}: deduction (${category.category}: ${category.description})`,
      ],
      evidence,
    });
  }
  // A discount is earned by settling the invoice; a partial payment settles nothing yet.
  return plan('partial-payment', offered, {
    confidence: 0.95,
    reasons: [
      `Partial payment: ${show(shortfall)} stays open (beyond the write-off tolerance of ${show(limit)}, no deduction reason given)`,
    ],
    evidence,
  });
}

/** The day discounts are judged on: the value date less the customer's grace days. */
export function discountJudgedOn(
  request: Pick<SettlementRequest, 'valueDate' | 'customer'>,
): string {
  return addDays(request.valueDate, -request.customer.discountGraceDays, 'valueDate');
}

/**
 * The early-payment discount paying `balance` on `judgedOn` earns, by the payment-terms rule
 * (percent of the balance settled, rounded once); zero without calling it when the invoice's
 * deadline has passed ('YYYY-MM-DD' dates compare as text).
 */
export function earnedDiscountOn(
  invoice: WorkingInvoice,
  balance: Decimal,
  judgedOn: string,
): Decimal {
  if (invoice.discountDeadline === null || invoice.discountDeadline < judgedOn) return ZERO;
  return earlyPaymentDiscount(
    invoice.terms,
    moneyOf(balance, invoice.currency),
    invoice.issueDate,
    judgedOn,
  ).amount;
}

/**
 * The largest difference the customer's account may absorb on this balance: the smaller of
 * the absolute amount and the percent of the balance, rounded down to the currency's minor
 * unit so the limit itself is never exceeded. Zero in either disables write-offs.
 */
export function writeOffLimit(
  tolerance: WriteOffTolerance,
  balance: Decimal,
  currency: CurrencyCode,
): Decimal {
  const ofBalance = balance.times(tolerance.percent).div(100);
  const limit = Decimal.min(tolerance.absolute, ofBalance);
  return limit.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN);
}

/** A shortfall equal to what the terms' discount would have been had it still applied. */
function looksLikeTermsDiscount(request: SettlementRequest, rest: Decimal): boolean {
  const terms = request.invoice.terms;
  if (terms.kind !== 'NET' && terms.kind !== 'EOM') return false;
  if (terms.discount === null) return false;
  const wouldBe = request.balance.times(terms.discount.percent).div(100);
  return roundMoney(moneyOf(wouldBe, request.invoice.currency)).amount.equals(rest);
}

interface PlanParts {
  readonly discount?: Decimal;
  readonly writeOff?: Decimal;
  readonly deduction?: Decimal;
  readonly deductionCategory?: DeductionCategory;
  readonly deductionReasonCode?: string | null;
  readonly excess?: Decimal;
  readonly confidence: number;
  readonly reasons: readonly string[];
  readonly evidence: CashEvidence;
}

function plan(kind: SettlementKind, cash: Decimal, parts: PlanParts): SettlementPlan {
  return {
    kind,
    cash,
    discount: parts.discount ?? ZERO,
    writeOff: parts.writeOff ?? ZERO,
    deduction: parts.deduction ?? ZERO,
    deductionCategory: parts.deductionCategory ?? null,
    deductionReasonCode: parts.deductionReasonCode ?? null,
    excess: parts.excess ?? ZERO,
    confidence: parts.confidence,
    reasons: parts.reasons,
    evidence: parts.evidence,
  };
}
