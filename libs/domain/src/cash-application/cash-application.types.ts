import type { Decimal } from '../decimal/decimal';
import type { CurrencyCode } from '../money/currency.table';

/**
 * How an invoice was found for (part of) a payment. Stored with every application so a person
 * can see why the cash went where it went.
 */
export const CASH_MATCH_RULES = [
  /** The payer's reference equals the invoice number once case, separators and zeros go. */
  'exact-invoice-number',
  /** A reference close to an invoice number (OCR noise, transposed or missing digits). */
  'fuzzy-invoice-number',
  /** An invoice number found in the payment's free text rather than a structured line. */
  'free-text-invoice-number',
  /** No reference: the only open invoice whose balance equals the amount. */
  'single-open-invoice-amount',
  /** No reference: the only open invoice whose balance less its earned discount equals it. */
  'discounted-open-invoice-amount',
  /** No reference: open invoices (oldest first) that sum exactly to the amount. */
  'open-invoice-combination',
  /** Cash left after every referenced invoice was settled: credit on the customer's account. */
  'overpayment-on-account',
  /** Nothing explains the cash: it waits for a person. */
  'no-match',
  /** The payer is not a known customer: nothing can be applied automatically. */
  'unidentified-payer',
] as const;
export type CashMatchRule = (typeof CASH_MATCH_RULES)[number];

/** How the amount paid on an invoice reconciles with its open balance. */
export const SETTLEMENT_KINDS = [
  'full',
  'early-payment-discount',
  'write-off',
  'discount-and-write-off',
  'partial-payment',
  'short-payment',
  'overpaid',
] as const;
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];

export const DISPUTE_CATEGORIES = [
  'pricing',
  'shortage',
  'damage',
  'returns',
  'promotion',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

/** Why cash went to the cash-application work queue instead of being applied. */
export const REVIEW_REASONS = [
  'unidentified-payer',
  'below-threshold',
  'ambiguous',
  'no-match',
  'invoice-already-settled',
  'currency-mismatch',
  'exceeds-payment',
  'credit-memo-netting',
  'search-budget-exhausted',
  'unexplained-remainder',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** An invoice of the customer with what is still owed on it (now, not at issue). */
export interface OpenInvoice {
  readonly invoiceId: string;
  /** As printed and as customers quote it, e.g. 'INV-00001234'. */
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly currency: CurrencyCode;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly total: Decimal;
  /** Zero is allowed: a reference to a settled invoice is reported, not matched. */
  readonly openBalance: Decimal;
  /** Terms code copied onto the invoice, e.g. '2/10 NET30'; decides the discount earned. */
  readonly paymentTerms: string;
}

/**
 * An open invoice as the database reads it: amounts as decimal text (e.g. '1250.50'), the
 * currency not yet checked. A ledger built from these builds Decimals only for the invoices
 * the engine computes with.
 */
export interface OpenInvoiceRow {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly currency: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly total: string;
  readonly openBalance: string;
  readonly paymentTerms: string;
}

/** One line of the payer's remittance advice, already in the payment's currency. */
export interface RemittanceAdviceLine {
  readonly lineNumber: number;
  /** The invoice number as the payer wrote it. */
  readonly reference: string | null;
  /** Cash the payer says this line settles; negative for a credit memo they net. */
  readonly amountPaid: Decimal | null;
  readonly discountTaken: Decimal | null;
  /** What the payer deducted on purpose (a short payment), positive; with its reason. */
  readonly adjustmentAmount: Decimal | null;
  readonly adjustmentReasonCode: string | null;
  readonly freeText: string | null;
}

export interface PaymentToApply {
  readonly paymentId: string;
  /** Positive, with at most the currency's minor units. */
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
  /** The day the money was received; early-payment discounts are judged on it. */
  readonly valueDate: string;
  readonly lines: readonly RemittanceAdviceLine[];
  /** Unstructured remittance text of the payment (bank narrative, e-mail advice...). */
  readonly freeText: readonly string[];
}

/** Small differences the customer's account may absorb; both limits apply (the smaller wins). */
export interface WriteOffTolerance {
  /** In the payment currency; zero disables write-offs. */
  readonly absolute: Decimal;
  /** Of the invoice's open balance, 0..100; zero disables write-offs. */
  readonly percent: Decimal;
}

export interface CustomerCashProfile {
  readonly customerId: string;
  readonly writeOffTolerance: WriteOffTolerance;
  /** Days after the discount deadline a payment still earns the discount (mail float). */
  readonly discountGraceDays: number;
}

export interface CashApplicationPolicy {
  /** Proposals at or above this confidence are applied without a person (0..1). */
  readonly autoApplyThreshold: number;
  /** Most invoices the no-reference combination search may combine. */
  readonly maxCombinationSize: number;
  /** Most search nodes per payment, so no input can make the search blow up. */
  readonly combinationNodeBudget: number;
  /** Suggestions kept on a work-queue proposal, best first. */
  readonly maxSuggestions: number;
}

/** Everything the decision was taken on, as display/JSON-ready strings and numbers. */
export interface CashEvidence {
  readonly reference?: string;
  readonly referenceNormalised?: string;
  readonly matchedInvoiceNumber?: string;
  readonly editDistance?: number;
  readonly editKind?: 'ocr' | 'transposition' | 'edit';
  readonly amountPaid?: string;
  readonly openBalance?: string;
  readonly difference?: string;
  readonly discountEarned?: string;
  readonly discountDeadline?: string | null;
  readonly discountTaken?: string;
  /** The part of the discount taken that the terms did not earn; only when there is one. */
  readonly discountUnearned?: string;
  readonly writeOffLimit?: string;
  readonly adjustmentAmount?: string;
  readonly adjustmentReasonCode?: string | null;
  readonly invoiceNumbers?: readonly string[];
  readonly combinationNodesVisited?: number;
  readonly combinationNodeBudget?: number;
  readonly candidatesConsidered?: number;
}

interface DecisionBase {
  readonly rule: CashMatchRule;
  /** 0..1, four decimals. */
  readonly confidence: number;
  /** Plain sentences, most important first. */
  readonly reasons: readonly string[];
  readonly evidence: CashEvidence;
  /** The remittance line this decision came from, if any. */
  readonly lineNumber: number | null;
}

/** Cash from the payment applied to an invoice, which it settles by amount + discount + writeOff. */
export interface ApplyDecision extends DecisionBase {
  readonly kind: 'apply';
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly settlement: SettlementKind;
  readonly amount: Decimal;
  readonly discount: Decimal;
  readonly writeOff: Decimal;
  readonly openBalanceBefore: Decimal;
  readonly openBalanceAfter: Decimal;
}

/** A short payment beyond tolerance: the amount stays open on the invoice as a dispute. */
export interface DeductionDecision extends DecisionBase {
  readonly kind: 'deduction';
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly amount: Decimal;
  readonly category: DisputeCategory;
  readonly reasonCode: string | null;
}

/** Cash kept as unapplied credit on the customer's account. */
export interface OnAccountDecision extends DecisionBase {
  readonly kind: 'on-account';
  readonly amount: Decimal;
}

/** A proposal a person could accept: what it would apply and why. */
export interface Suggestion {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly amount: Decimal;
  readonly discount: Decimal;
  readonly writeOff: Decimal;
  readonly rule: CashMatchRule;
  readonly confidence: number;
  readonly reasons: readonly string[];
}

/** Cash waiting in the cash-application work queue, with ranked suggestions. */
export interface ReviewDecision extends DecisionBase {
  readonly kind: 'review';
  readonly amount: Decimal;
  readonly reviewReason: ReviewReason;
  readonly suggestions: readonly Suggestion[];
}

export type CashDecision = ApplyDecision | DeductionDecision | OnAccountDecision | ReviewDecision;

export type CashApplicationOutcome =
  | 'applied'
  | 'applied-with-credit'
  | 'on-account'
  | 'partially-applied'
  | 'needs-review'
  | 'unidentified-payer';

export interface CashApplicationTotals {
  readonly payment: Decimal;
  /** Cash applied to invoices. */
  readonly applied: Decimal;
  readonly discounts: Decimal;
  readonly writeOffs: Decimal;
  /** Disputed short payments (not cash: they stay open on the invoices). */
  readonly deductions: Decimal;
  readonly onAccount: Decimal;
  readonly inReview: Decimal;
}

/** applied + onAccount + inReview always equals the payment. */
export interface CashApplicationResult {
  readonly paymentId: string;
  readonly currency: CurrencyCode;
  readonly outcome: CashApplicationOutcome;
  readonly decisions: readonly CashDecision[];
  readonly totals: CashApplicationTotals;
}
