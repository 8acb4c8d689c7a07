import {
  type CashApplicationPolicy,
  type CashApplicationResult,
  type CurrencyCode,
  type DeductionDecision,
  Decimal,
  decideCashApplication,
  OpenInvoiceLedger,
  type PaymentToApply,
  type RemittanceAdviceLine,
  type ReviewDecision,
} from '@o2c/domain';
import {
  cashProfileFor,
  type LineInHand,
  type PaymentInHand,
  type StoredCashProfile,
} from '../ledger/cash-inputs.repository';
import { remittanceText } from '../intake/remittance-text';
import type { PlannedApplication } from './planned-cash';

/** apply: write what clears the threshold; suggest: a person decides everything (after a reversal). */
export type EngineMode = 'apply' | 'suggest';

/** What the engine made of one payment, ready to be written. */
export interface PaymentDecision {
  readonly payment: PaymentInHand;
  readonly result: CashApplicationResult;
  readonly applications: PlannedApplication[];
  readonly deductions: DeductionDecision[];
  readonly onAccount: Decimal;
  /** Cash for the work queue (in suggest mode: every proposal, each for a person to confirm). */
  readonly reviews: ReviewDecision[];
}

export interface EngineInputs {
  /** In the order they are to be decided (several payments of a customer, one after another). */
  readonly payments: readonly PaymentInHand[];
  readonly openInvoices: ReadonlyMap<string, OpenInvoiceLedger>;
  readonly profiles: ReadonlyMap<string, StoredCashProfile>;
  /** Candidate invoices (of any customer) for payers nobody recognised. */
  readonly candidates: ReadonlyMap<string, OpenInvoiceLedger>;
  /** Printed numbers of invoices that lines name by id. */
  readonly invoiceNumbers: ReadonlyMap<string, string>;
  readonly mode: EngineMode;
  readonly policy: CashApplicationPolicy;
}

/** Document kinds whose number may be one of our invoice numbers. */
const OUR_DOCUMENTS = new Set(['invoice', 'credit-note', 'debit-note']);

/**
 * Decides payments with the cash-application engine against their customers' open invoices,
 * each against the balances the previous left (the ledger moves forward only in apply mode,
 * where the decisions will be written). The cash decided is what waits in review: a payment
 * partly applied before is decided for the rest, with the lines not yet applied.
 */
export function decidePayments(inputs: EngineInputs): PaymentDecision[] {
  const ledgers = new Map(inputs.openInvoices);
  const decisions: PaymentDecision[] = [];
  for (const payment of inputs.payments) {
    const cash = payment.unapplied.minus(payment.onAccount);
    if (!cash.greaterThan(0)) continue;
    const toApply = paymentToApply(payment, cash, inputs.invoiceNumbers);
    const customerId = payment.customerId;
    const ledger =
      customerId === null
        ? (inputs.candidates.get(payment.id) ?? OpenInvoiceLedger.of([], null))
        : (ledgers.get(customerId) ?? OpenInvoiceLedger.of([], customerId));
    const stored = customerId === null ? undefined : inputs.profiles.get(customerId);
    const result = decideCashApplication(
      {
        payment: toApply,
        customer:
          customerId === null
            ? null
            : cashProfileFor(
                stored ?? emptyProfile(customerId, payment.currency),
                payment.currency,
              ),
        openInvoices: ledger,
      },
      inputs.policy,
    );
    if (customerId !== null && inputs.mode === 'apply') {
      ledgers.set(customerId, ledger.afterApplying(result));
    }
    decisions.push(toPaymentDecision(payment, result, inputs.mode));
  }
  return decisions;
}

function emptyProfile(customerId: string, currency: string): StoredCashProfile {
  return { customerId, currency, absolute: new Decimal(0), percent: new Decimal(0), graceDays: 0 };
}

function paymentToApply(
  payment: PaymentInHand,
  cash: Decimal,
  invoiceNumbers: ReadonlyMap<string, string>,
): PaymentToApply {
  return {
    paymentId: payment.id,
    amount: cash,
    currency: payment.currency as CurrencyCode,
    valueDate: payment.valueDate,
    lines: payment.lines
      .filter((line) => !line.applied)
      .map((line) => adviceLine(line, invoiceNumbers)),
    freeText: remittanceText(payment.freeText, payment.payerEvidence),
  };
}

function adviceLine(line: LineInHand, invoiceNumbers: ReadonlyMap<string, string>) {
  const named = line.invoiceId === null ? undefined : invoiceNumbers.get(line.invoiceId);
  const reference = OUR_DOCUMENTS.has(line.referenceKind) ? (named ?? line.invoiceReference) : null;
  const positive = (value: string) =>
    new Decimal(value).greaterThan(0) ? new Decimal(value) : null;
  const advice: RemittanceAdviceLine = {
    lineNumber: line.lineNumber,
    reference,
    amountPaid: line.amountStated ? new Decimal(line.amount) : null,
    discountTaken: positive(line.discountTaken),
    adjustmentAmount: positive(line.adjustmentAmount),
    adjustmentReasonCode: line.adjustmentReasonCode,
    freeText: line.freeText,
  };
  return advice;
}

function toPaymentDecision(
  payment: PaymentInHand,
  result: CashApplicationResult,
  mode: EngineMode,
): PaymentDecision {
  const lineIds = new Map(payment.lines.map((line) => [line.lineNumber, line.id]));
  const applications: PlannedApplication[] = [];
  const deductions: DeductionDecision[] = [];
  const reviews: ReviewDecision[] = [];
  let onAccount = new Decimal(0);
  for (const decision of result.decisions) {
    switch (decision.kind) {
      case 'apply':
        if (mode === 'suggest') {
          reviews.push(proposalForConfirmation(decision, payment.customerId));
          break;
        }
        applications.push({
          paymentId: payment.id,
          customerId: payment.customerId ?? '',
          currency: payment.currency,
          invoiceId: decision.invoiceId,
          invoiceNumber: decision.invoiceNumber,
          remittanceLineId:
            decision.lineNumber === null ? null : (lineIds.get(decision.lineNumber) ?? null),
          amount: decision.amount,
          discount: decision.discount,
          writeOff: decision.writeOff,
          rule: decision.rule,
          settlement: decision.settlement,
          confidence: decision.confidence,
          reasons: decision.reasons,
          evidence: decision.evidence,
          origin: 'automatic',
          taskId: null,
        });
        break;
      case 'deduction':
        if (mode === 'apply') deductions.push(decision);
        break;
      case 'on-account':
        if (mode === 'apply') onAccount = onAccount.plus(decision.amount);
        else
          reviews.push({
            kind: 'review',
            amount: decision.amount,
            reviewReason: 'unexplained-remainder',
            suggestions: [],
            rule: decision.rule,
            confidence: decision.confidence,
            reasons: [
              ...decision.reasons,
              'Resolve the task with remainder "on-account" to keep it',
            ],
            evidence: decision.evidence,
            lineNumber: null,
          });
        break;
      case 'review':
        reviews.push(decision);
        break;
    }
  }
  return { payment, result, applications, deductions, onAccount, reviews };
}

/** An application the engine would make, put to a person instead. */
function proposalForConfirmation(
  decision: Extract<CashApplicationResult['decisions'][number], { kind: 'apply' }>,
  customerId: string | null,
): ReviewDecision {
  return {
    kind: 'review',
    amount: decision.amount,
    reviewReason: 'below-threshold',
    rule: decision.rule,
    confidence: decision.confidence,
    reasons: ['Proposed again after a reversal: a person confirms it', ...decision.reasons],
    evidence: decision.evidence,
    lineNumber: decision.lineNumber,
    suggestions: [
      {
        invoiceId: decision.invoiceId,
        invoiceNumber: decision.invoiceNumber,
        customerId: customerId ?? '',
        amount: decision.amount,
        discount: decision.discount,
        writeOff: decision.writeOff,
        rule: decision.rule,
        confidence: decision.confidence,
        reasons: decision.reasons,
      },
    ],
  };
}
