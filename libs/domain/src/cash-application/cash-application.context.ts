import type { Decimal } from '../decimal/decimal';
import { formatAmount, moneyOf } from '../money/money';
import type { WorkingInvoice } from './working-invoice';
import type {
  CashApplicationPolicy,
  CashEvidence,
  CashMatchRule,
  CustomerCashProfile,
  PaymentToApply,
  RemittanceAdviceLine,
  SettlementKind,
} from './cash-application.types';
import { earnedDiscountOn, settleInvoice } from './invoice-settlement';
import type { ReferenceCandidate } from './open-invoice.index';
import type { OpenInvoiceIndex } from './open-invoice.index';
import type { PaymentLedger, Proposal } from './payment-ledger';

/** What every step of the engine works with for one payment of an identified customer. */
export interface EngineContext {
  readonly payment: PaymentToApply;
  readonly customer: CustomerCashProfile;
  readonly policy: CashApplicationPolicy;
  /** Oldest first, every currency (a reference to another currency's invoice is reported). */
  readonly invoices: readonly WorkingInvoice[];
  readonly index: OpenInvoiceIndex;
  readonly ledger: PaymentLedger;
  /** The value date less the customer's grace days: early-payment discounts are judged on it. */
  readonly discountJudgedOn: string;
}

export function showAmount(context: { payment: PaymentToApply }, amount: Decimal): string {
  return formatAmount(moneyOf(amount, context.payment.currency));
}

/** Where the cash offered for an invoice came from, which decides how much it proves. */
export type OfferSource =
  /** The payer stated the amount for this invoice. */
  | 'stated'
  /** The payer stated more than the payment had left; it was cut to what remained. */
  | 'capped'
  /** No amount was stated; the engine inferred it from the payment. */
  | 'inferred';

export interface ProposalRequest {
  readonly invoice: WorkingInvoice;
  readonly offered: Decimal;
  readonly offerSource: OfferSource;
  readonly rule: CashMatchRule;
  readonly line: RemittanceAdviceLine | null;
  /** The reference match, or null when the invoice was found by amount. */
  readonly match: ReferenceCandidate | null;
  readonly written: string | null;
  /** The confidence of the way the invoice was found, before the amounts are weighed. */
  readonly matchConfidence?: number;
  readonly matchReason: string;
  readonly extraEvidence?: CashEvidence;
}

/**
 * Settles the invoice with the offered cash and scores the result. Exact references keep the
 * settlement's own confidence; fuzzy ones blend how closely the reference spells the number
 * (60 %) with how well the amount agrees with the balance (40 %), so a transposed digit with
 * the exact balance clears the default threshold and one with a partial amount does not.
 */
export function buildProposal(context: EngineContext, request: ProposalRequest): Proposal {
  const { invoice, line } = request;
  const plan = settleInvoice({
    invoice,
    balance: context.ledger.balanceOf(invoice),
    offered: request.offered,
    valueDate: context.payment.valueDate,
    customer: context.customer,
    discountTaken: line?.discountTaken ?? null,
    adjustmentAmount: line?.adjustmentAmount ?? null,
    adjustmentReasonCode: line?.adjustmentReasonCode ?? null,
    adjustmentText: line?.freeText ?? null,
  });
  const fuzzy = request.match !== null && request.match.editKind !== 'exact';
  let confidence = fuzzy
    ? 0.6 * (request.match?.similarity ?? 0) + 0.4 * amountAgreement(plan.kind, request.offerSource)
    : plan.confidence * (request.matchConfidence ?? 1);
  const reasons = [request.matchReason, ...plan.reasons];
  const explained = ['full', 'early-payment-discount', 'write-off', 'discount-and-write-off'];
  if (request.offerSource !== 'stated' && !explained.includes(plan.kind)) {
    confidence = Math.min(confidence, 0.7);
    reasons.push(
      request.offerSource === 'capped'
        ? 'The remittance lines add up to more than the payment; this invoice got what remained'
        : 'No amount was stated for this invoice; the cash left was allotted oldest invoice first',
    );
  }
  const evidence: CashEvidence = {
    ...(request.written === null ? {} : { reference: request.written }),
    ...(request.match === null
      ? {}
      : {
          matchedInvoiceNumber: invoice.invoiceNumber,
          editKind: request.match.editKind === 'exact' ? undefined : request.match.editKind,
          editDistance: request.match.distance,
        }),
    ...plan.evidence,
    ...request.extraEvidence,
  };
  return {
    invoice,
    plan,
    rule: request.rule,
    confidence,
    reasons,
    evidence: dropUndefined(evidence),
    lineNumber: line?.lineNumber ?? null,
  };
}

/** How strongly the amount confirms a fuzzy reference, by how it settles the balance. */
function amountAgreement(kind: SettlementKind, source: OfferSource): number {
  if (source !== 'stated') return kind === 'full' ? 0.8 : 0.5;
  switch (kind) {
    case 'full':
      return 1;
    case 'early-payment-discount':
      return 0.95;
    case 'write-off':
    case 'discount-and-write-off':
      return 0.85;
    case 'short-payment':
      return 0.6;
    case 'partial-payment':
      return 0.4;
    case 'overpaid':
      return 0.3;
  }
}

/** Plain sentence naming how a reference led to the invoice. */
export function describeMatch(written: string, candidate: ReferenceCandidate): string {
  const number = candidate.invoice.invoiceNumber;
  switch (candidate.editKind) {
    case 'exact':
      return `Reference "${written}" is invoice ${number} (case, separators, prefix and leading zeros ignored)`;
    case 'ocr':
      return `Reference "${written}" reads as invoice ${number} once OCR look-alike characters are repaired`;
    case 'transposition':
      return `Reference "${written}" is invoice ${number} with two adjacent digits swapped`;
    case 'edit':
      return `Reference "${written}" is ${candidate.distance} edit${candidate.distance === 1 ? '' : 's'} away from invoice ${number}`;
  }
}

function dropUndefined(evidence: CashEvidence): CashEvidence {
  return Object.fromEntries(Object.entries(evidence).filter(([, value]) => value !== undefined));
}

/** The early-payment discount paying `balance` on the value date earns (grace days included). */
export function earnedDiscount(
  context: EngineContext,
  invoice: WorkingInvoice,
  balance: Decimal,
): Decimal {
  return earnedDiscountOn(invoice, balance, context.discountJudgedOn);
}
