import { Decimal } from '../decimal/decimal';
import type { WorkingInvoice } from './working-invoice';
import type {
  CashApplicationPolicy,
  CashDecision,
  CashEvidence,
  CashMatchRule,
  ReviewReason,
  Suggestion,
} from './cash-application.types';
import type { SettlementPlan } from './invoice-settlement';
import { minorUnitsOf } from '../money/minor-units';
import type { OpenInvoiceLedger } from './open-invoice.ledger';

/** A settlement the engine would make, before the auto-apply threshold decides its fate. */
export interface Proposal {
  readonly invoice: WorkingInvoice;
  readonly plan: SettlementPlan;
  readonly rule: CashMatchRule;
  readonly confidence: number;
  readonly reasons: readonly string[];
  readonly evidence: CashEvidence;
  readonly lineNumber: number | null;
}

export interface ReviewRequest {
  readonly amount: Decimal;
  readonly reviewReason: ReviewReason;
  readonly rule: CashMatchRule;
  readonly reasons: readonly string[];
  readonly evidence: CashEvidence;
  readonly lineNumber: number | null;
  readonly suggestions: readonly Proposal[];
  /** Suggestions built elsewhere (e.g. across customers), used as given instead. */
  readonly rankedSuggestions?: readonly Suggestion[];
  readonly confidence?: number;
}

const ZERO = new Decimal(0);

/**
 * The working state of one payment: cash not yet placed, the invoices' balances as this
 * payment settles them, and the decisions so far. Every write checks that it never places
 * more than the payment has left nor settles more than an invoice's open balance; a failed
 * check is a defect in the engine, never a consequence of input, so it throws plainly.
 */
export class PaymentLedger {
  private cashLeft: Decimal;
  /** Balances this payment changed; the others are read from the ledger. */
  private readonly changed = new Map<string, Decimal>();
  /** Deductions proposed by this payment: still open on the invoice, but not to be paid again. */
  private readonly disputed = new Map<string, Decimal>();
  private readonly claimedHere = new Set<string>();
  private readonly list: CashDecision[] = [];

  constructor(
    readonly payment: Decimal,
    private readonly openInvoices: OpenInvoiceLedger,
    private readonly policy: CashApplicationPolicy,
  ) {
    this.cashLeft = payment;
  }

  get remaining(): Decimal {
    return this.cashLeft;
  }

  get decisions(): readonly CashDecision[] {
    return this.list;
  }

  /** What this payment may still settle on the invoice: its open balance less disputed amounts. */
  balanceOf(invoice: WorkingInvoice): Decimal {
    const open = this.openBalance(invoice);
    const disputed = this.disputed.get(invoice.invoiceId);
    return disputed === undefined ? open : open.minus(disputed);
  }

  /** balanceOf in whole minor units, read from the ledger unless this payment changed it. */
  minorBalanceOf(invoice: WorkingInvoice): number {
    if (!this.changed.has(invoice.invoiceId) && !this.disputed.has(invoice.invoiceId)) {
      return this.openInvoices.minorBalanceOfInvoice(invoice);
    }
    return minorUnitsOf(this.balanceOf(invoice), invoice.currency);
  }

  private openBalance(invoice: WorkingInvoice): Decimal {
    return this.changed.get(invoice.invoiceId) ?? this.openInvoices.balanceOfInvoice(invoice);
  }

  /** True once this payment settled the invoice, or queued a proposal to settle it. */
  claimed(invoice: WorkingInvoice): boolean {
    return this.claimedHere.has(invoice.invoiceId);
  }

  hasReview(): boolean {
    return this.list.some((decision) => decision.kind === 'review');
  }

  hasApplied(): boolean {
    return this.list.some((decision) => decision.kind === 'apply');
  }

  /** Applies the proposal when confident enough, else queues it for a person with the alternatives. */
  propose(proposal: Proposal, alternatives: readonly Proposal[] = [], reason?: ReviewReason): void {
    if (proposal.confidence >= this.policy.autoApplyThreshold && reason === undefined) {
      this.apply(proposal);
      return;
    }
    const { plan } = proposal;
    this.review({
      amount: plan.cash,
      reviewReason: reason ?? 'below-threshold',
      rule: proposal.rule,
      reasons: proposal.reasons,
      evidence: proposal.evidence,
      lineNumber: proposal.lineNumber,
      suggestions: [proposal, ...alternatives],
      confidence: proposal.confidence,
    });
  }

  review(request: ReviewRequest): void {
    this.take(request.amount);
    const suggestions =
      request.rankedSuggestions ?? rankSuggestions(request.suggestions, this.policy.maxSuggestions);
    const first = request.suggestions[0];
    if (first !== undefined) this.claimedHere.add(first.invoice.invoiceId);
    this.list.push({
      kind: 'review',
      amount: request.amount,
      reviewReason: request.reviewReason,
      suggestions,
      rule: request.rule,
      confidence: roundConfidence(request.confidence ?? suggestions[0]?.confidence ?? 0),
      reasons: request.reasons,
      evidence: request.evidence,
      lineNumber: request.lineNumber,
    });
  }

  onAccount(amount: Decimal, reasons: readonly string[], evidence: CashEvidence): void {
    this.take(amount);
    this.list.push({
      kind: 'on-account',
      amount,
      rule: 'overpayment-on-account',
      confidence: 1,
      reasons,
      evidence,
      lineNumber: null,
    });
  }

  private apply(proposal: Proposal): void {
    const { invoice, plan } = proposal;
    const settles = plan.cash.plus(plan.discount).plus(plan.writeOff);
    if (settles.plus(plan.deduction).greaterThan(this.balanceOf(invoice))) {
      throw new Error(`Engine defect: settling ${invoice.invoiceNumber} beyond its open balance`);
    }
    this.take(plan.cash);
    const before = this.openBalance(invoice);
    const after = before.minus(settles);
    this.changed.set(invoice.invoiceId, after);
    if (plan.deduction.greaterThan(0)) {
      const disputed = this.disputed.get(invoice.invoiceId) ?? ZERO;
      this.disputed.set(invoice.invoiceId, disputed.plus(plan.deduction));
    }
    this.claimedHere.add(invoice.invoiceId);
    const common = {
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      rule: proposal.rule,
      confidence: roundConfidence(proposal.confidence),
      reasons: proposal.reasons,
      evidence: proposal.evidence,
      lineNumber: proposal.lineNumber,
    };
    if (settles.greaterThan(0)) {
      this.list.push({
        kind: 'apply',
        ...common,
        settlement: plan.kind,
        amount: plan.cash,
        discount: plan.discount,
        writeOff: plan.writeOff,
        openBalanceBefore: before,
        openBalanceAfter: after,
      });
    }
    if (plan.deduction.greaterThan(0) && plan.deductionCategory !== null) {
      this.list.push({
        kind: 'deduction',
        ...common,
        amount: plan.deduction,
        category: plan.deductionCategory.category,
        reasonCode: plan.deductionReasonCode,
      });
    }
  }

  private take(amount: Decimal): void {
    if (amount.isNegative() || amount.greaterThan(this.cashLeft)) {
      throw new Error(`Engine defect: placing ${amount.toString()} of ${this.cashLeft.toString()}`);
    }
    this.cashLeft = this.cashLeft.minus(amount);
  }
}

function rankSuggestions(proposals: readonly Proposal[], max: number): Suggestion[] {
  const seen = new Set<string>();
  return [...proposals]
    .sort((a, b) => b.confidence - a.confidence || a.invoice.age - b.invoice.age)
    .filter((proposal) => {
      const key = `${proposal.invoice.invoiceId}:${proposal.plan.cash.toString()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, max)
    .map((proposal) => ({
      invoiceId: proposal.invoice.invoiceId,
      invoiceNumber: proposal.invoice.invoiceNumber,
      customerId: proposal.invoice.customerId,
      amount: proposal.plan.cash,
      discount: proposal.plan.discount,
      writeOff: proposal.plan.writeOff,
      rule: proposal.rule,
      confidence: roundConfidence(proposal.confidence),
      reasons: proposal.reasons,
    }));
}

export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;
}
