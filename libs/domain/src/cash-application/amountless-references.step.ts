import { Decimal } from '../decimal/decimal';
import {
  buildProposal,
  describeMatch,
  earnedDiscount,
  type EngineContext,
  type OfferSource,
} from './cash-application.context';
import type { CashMatchRule, RemittanceAdviceLine } from './cash-application.types';
import { readReference, referencesInText } from './invoice-reference';
import type { ReferenceCandidate } from './open-invoice.index';
import type { Proposal } from './payment-ledger';
import type { AmountlessReference } from './referenced-lines.step';
import { ambiguity, rank, ruleOf, sameCurrency } from './referenced-lines.step';

interface Resolved {
  readonly candidate: ReferenceCandidate;
  readonly written: string;
  readonly line: RemittanceAdviceLine | null;
  readonly fromText: boolean;
  readonly rivals: readonly ReferenceCandidate[];
}

export interface AmountlessOutcome {
  /** Invoices the references led to. */
  readonly found: number;
  /** References that led nowhere, as written. */
  readonly unresolved: readonly string[];
}

/** Free-text references are slightly weaker than structured ones: text may mention, not pay. */
const FREE_TEXT_CONFIDENCE = 0.98;

/**
 * Step 2: references without amounts, from remittance lines and from free text (the
 * payment's and that of lines without a reference). The cash left is matched to the invoices
 * they name, oldest first: the exact balances, or the balances less earned discounts, or —
 * when the cash falls short — as far as it goes. Free text is read only when no structured
 * line named an invoice, so a bank narrative repeating the advice does not count twice.
 */
export function applyAmountlessReferences(
  context: EngineContext,
  amountless: readonly AmountlessReference[],
  readFreeText: boolean,
): AmountlessOutcome {
  const references: AmountlessReference[] = [...amountless];
  const fromText = new Set<AmountlessReference>();
  if (readFreeText) {
    for (const reference of freeTextReferences(context)) {
      references.push(reference);
      fromText.add(reference);
    }
  }
  const unresolved: string[] = [];
  const resolved = new Map<string, Resolved>();
  for (const reference of references) {
    const candidates = context.index
      .find(reference.read)
      .filter(
        (candidate) =>
          sameCurrency(context, candidate) &&
          !context.ledger.claimed(candidate.invoice) &&
          context.ledger.balanceOf(candidate.invoice).greaterThan(0),
      );
    const [best, ...rivals] = candidates;
    if (best === undefined) {
      unresolved.push(reference.read.written);
      continue;
    }
    if (!resolved.has(best.invoice.invoiceId)) {
      resolved.set(best.invoice.invoiceId, {
        candidate: best,
        written: reference.read.written,
        line: reference.line,
        fromText: fromText.has(reference),
        rivals,
      });
    }
  }
  if (resolved.size > 0 && context.ledger.remaining.greaterThan(0)) {
    settleOldestFirst(context, [...resolved.values()]);
  }
  return { found: resolved.size, unresolved };
}

function settleOldestFirst(context: EngineContext, found: Resolved[]): void {
  const { ledger } = context;
  found.sort((a, b) => a.candidate.invoice.age - b.candidate.invoice.age);
  const balances = found.map((item) => ledger.balanceOf(item.candidate.invoice));
  const discounted = found.map((item, index) =>
    balances[index].minus(earnedDiscount(context, item.candidate.invoice, balances[index])),
  );
  const cash = ledger.remaining;
  const sumBalances = Decimal.sum(...balances);
  const sumDiscounted = Decimal.sum(...discounted);
  // The payment itself confirms the amounts when it equals their sum exactly.
  let offers: Decimal[];
  let source: OfferSource;
  if (cash.equals(sumDiscounted) && !cash.equals(sumBalances)) {
    [offers, source] = [discounted, 'stated'];
  } else {
    let left = cash;
    offers = balances.map((balance) => {
      const offer = Decimal.min(balance, left);
      left = left.minus(offer);
      return offer;
    });
    source = cash.equals(sumBalances) ? 'stated' : 'inferred';
  }
  found.forEach((item, index) => {
    const offered = Decimal.min(offers[index], ledger.remaining);
    if (offered.isZero()) return;
    const proposal = proposalFor(context, item, offered, source);
    const rivals = item.rivals.map((rival) =>
      proposalFor(context, { ...item, candidate: rival }, offered, source),
    );
    const [best, ...others] = rank([proposal, ...rivals]);
    ledger.propose(best, others, ambiguity(best, others));
  });
}

function proposalFor(
  context: EngineContext,
  item: Resolved,
  offered: Decimal,
  source: OfferSource,
): Proposal {
  const exact = item.candidate.editKind === 'exact';
  const rule: CashMatchRule =
    exact && item.fromText ? 'free-text-invoice-number' : ruleOf(item.candidate);
  return buildProposal(context, {
    invoice: item.candidate.invoice,
    offered,
    offerSource: source,
    rule,
    line: item.line,
    match: item.candidate,
    written: item.written,
    matchConfidence: item.fromText ? FREE_TEXT_CONFIDENCE : 1,
    matchReason: `${describeMatch(item.written, item.candidate)}${item.fromText ? ', found in the remittance text' : ''}`,
  });
}

function freeTextReferences(context: EngineContext): AmountlessReference[] {
  const texts: { text: string; line: RemittanceAdviceLine | null }[] = [
    ...context.payment.freeText.map((text) => ({ text, line: null })),
    ...context.payment.lines
      .filter((line) => line.reference === null && line.freeText !== null)
      .map((line) => ({ text: line.freeText ?? '', line })),
  ];
  const references: AmountlessReference[] = [];
  for (const { text, line } of texts) {
    for (const token of referencesInText(text)) {
      const read = readReference(token);
      if (read !== null) references.push({ read, line });
    }
  }
  return references;
}
