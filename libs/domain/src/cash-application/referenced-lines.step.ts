import { Decimal } from '../decimal/decimal';
import { minorUnitsOf } from '../money/minor-units';
import {
  buildProposal,
  describeMatch,
  type EngineContext,
  type OfferSource,
  showAmount,
} from './cash-application.context';
import type { RemittanceAdviceLine } from './cash-application.types';
import { readReference, type ReadReference } from './invoice-reference';
import type { ReferenceCandidate } from './open-invoice.index';
import type { Proposal } from './payment-ledger';

/** A reference without an amount, settled later against the cash the stated lines leave. */
export interface AmountlessReference {
  readonly read: ReadReference;
  readonly line: RemittanceAdviceLine | null;
}

export interface ReferencedLinesOutcome {
  /** Lines that named an invoice reference (found or not). */
  readonly referenced: number;
  readonly amountless: AmountlessReference[];
}

/**
 * Step 1: remittance lines that name an invoice and state an amount, in line order. Each is
 * settled against the invoice it names (exactly or fuzzily); a line that cannot be placed
 * keeps its stated cash in the work queue with suggestions. Lines naming an invoice without
 * an amount are handed on; lines without a reference are left to the later steps.
 */
export function applyReferencedLines(context: EngineContext): ReferencedLinesOutcome {
  const amountless: AmountlessReference[] = [];
  let referenced = 0;
  const lines = [...context.payment.lines].sort((a, b) => a.lineNumber - b.lineNumber);
  for (const line of lines) {
    const read = line.reference === null ? null : readReference(line.reference);
    if (read === null) continue;
    referenced += 1;
    if (line.amountPaid === null) {
      amountless.push({ read, line });
      continue;
    }
    if (line.amountPaid.isNegative()) {
      creditMemoNetting(context, line, line.amountPaid, read);
      continue;
    }
    placeLine(context, line, line.amountPaid, read);
  }
  return { referenced, amountless };
}

function placeLine(
  context: EngineContext,
  line: RemittanceAdviceLine,
  stated: Decimal,
  read: ReadReference,
): void {
  const { ledger } = context;
  const offered = Decimal.min(stated, ledger.remaining);
  const source: OfferSource = offered.lessThan(stated) ? 'capped' : 'stated';
  const candidates = context.index.find(read);
  const written = read.written;
  const lineEvidence = { reference: written, amountPaid: showAmount(context, stated) };

  if (offered.isZero()) {
    ledger.review({
      amount: offered,
      reviewReason: 'exceeds-payment',
      rule: candidates.length > 0 ? ruleOf(candidates[0]) : 'no-match',
      reasons: [
        `Line ${line.lineNumber} (${written}, ${showAmount(context, stated)}) has no cash left: the remittance lines add up to more than the payment`,
      ],
      evidence: lineEvidence,
      lineNumber: line.lineNumber,
      suggestions: [],
    });
    return;
  }
  const usable = candidates.filter((candidate) => sameCurrency(context, candidate));
  if (usable.length === 0) {
    const reason = candidates.length > 0 ? 'currency-mismatch' : 'no-match';
    ledger.review({
      amount: offered,
      reviewReason: reason,
      rule: 'no-match',
      reasons: [
        reason === 'currency-mismatch'
          ? `Reference "${written}" is invoice ${candidates[0].invoice.invoiceNumber}, billed in ${candidates[0].invoice.currency}, not ${context.payment.currency}`
          : `Reference "${written}" matches no open invoice of the customer`,
      ],
      evidence: lineEvidence,
      lineNumber: line.lineNumber,
      suggestions: amountSuggestions(context, offered, line),
    });
    return;
  }
  const proposals = usable.map((candidate) =>
    buildProposal(context, {
      invoice: candidate.invoice,
      offered,
      offerSource: source,
      rule: ruleOf(candidate),
      line,
      match: candidate,
      written,
      matchReason: describeMatch(written, candidate),
    }),
  );
  const ranked = rank(proposals);
  // An exact reference whose amount does not fit: a near number whose balance does is a rival.
  if (!FITTING.has(ranked[0].plan.kind)) ranked.push(...nearRivals(context, read, line, offered));
  const [best, ...others] = rank(ranked);
  if (ledger.balanceOf(best.invoice).isZero()) {
    ledger.review({
      amount: offered,
      reviewReason: 'invoice-already-settled',
      rule: best.rule,
      reasons: [
        `Invoice ${best.invoice.invoiceNumber} is already settled: possibly a duplicate payment`,
      ],
      evidence: lineEvidence,
      lineNumber: line.lineNumber,
      suggestions: others,
    });
    return;
  }
  ledger.propose(best, others, ambiguity(best, others));
}

const FITTING = new Set(['full', 'early-payment-discount', 'write-off', 'discount-and-write-off']);

/** Invoices one slip away from the reference whose balance the stated amount settles exactly. */
function nearRivals(
  context: EngineContext,
  read: ReadReference,
  line: RemittanceAdviceLine,
  offered: Decimal,
): Proposal[] {
  // Only a balance within a few percent of the amount can fit; settling costs, so filter first.
  const low = offered.times(0.95);
  const high = offered.times(1.06);
  return context.index
    .near(read)
    .filter((candidate) => {
      if (!sameCurrency(context, candidate)) return false;
      const balance = context.ledger.balanceOf(candidate.invoice);
      return balance.greaterThanOrEqualTo(low) && balance.lessThanOrEqualTo(high);
    })
    .map((candidate) =>
      buildProposal(context, {
        invoice: candidate.invoice,
        offered,
        offerSource: 'stated',
        rule: 'fuzzy-invoice-number',
        line,
        match: candidate,
        written: read.written,
        matchReason: describeMatch(read.written, candidate),
      }),
    )
    .filter((proposal) => FITTING.has(proposal.plan.kind));
}

/** Exact and fuzzy proposals, best first; equally good rivals make the best one ambiguous. */
export function rank(proposals: Proposal[]): Proposal[] {
  return proposals.sort((a, b) => b.confidence - a.confidence || a.invoice.age - b.invoice.age);
}

export function ambiguity(best: Proposal, others: readonly Proposal[]): 'ambiguous' | undefined {
  const rival = others[0];
  return rival !== undefined && best.confidence - rival.confidence < 0.05 ? 'ambiguous' : undefined;
}

export function ruleOf(candidate: ReferenceCandidate) {
  return candidate.editKind === 'exact' ? 'exact-invoice-number' : 'fuzzy-invoice-number';
}

export function sameCurrency(context: EngineContext, candidate: ReferenceCandidate): boolean {
  return candidate.invoice.currency === context.payment.currency;
}

/** A negative line: the payer netted a credit memo. Cash is unaffected; a person confirms it. */
function creditMemoNetting(
  context: EngineContext,
  line: RemittanceAdviceLine,
  netted: Decimal,
  read: ReadReference,
): void {
  const amount = showAmount(context, netted.negated());
  context.ledger.review({
    amount: new Decimal(0),
    reviewReason: 'credit-memo-netting',
    rule: 'no-match',
    reasons: [
      `Line ${line.lineNumber} nets credit ${read.written} of ${amount} against the invoices: confirm it against the credit memo`,
    ],
    evidence: { reference: read.written, amountPaid: showAmount(context, netted) },
    lineNumber: line.lineNumber,
    suggestions: [],
  });
}

/** Invoices whose open balance equals the amount: what a person would try first. */
export function amountSuggestions(
  context: EngineContext,
  amount: Decimal,
  line: RemittanceAdviceLine | null,
): Proposal[] {
  // Equal amounts have equal minor units: the Decimal is compared only where those agree.
  const minor = minorUnitsOf(amount, context.payment.currency);
  return context.invoices
    .filter(
      (invoice) =>
        invoice.currency === context.payment.currency &&
        !context.ledger.claimed(invoice) &&
        context.ledger.minorBalanceOf(invoice) === minor &&
        context.ledger.balanceOf(invoice).equals(amount),
    )
    .slice(0, context.policy.maxSuggestions)
    .map((invoice) =>
      buildProposal(context, {
        invoice,
        offered: amount,
        offerSource: 'stated',
        rule: 'single-open-invoice-amount',
        line,
        match: null,
        written: null,
        matchConfidence: 0.6,
        matchReason: `Open balance of ${invoice.invoiceNumber} equals ${showAmount(context, amount)}`,
      }),
    );
}
