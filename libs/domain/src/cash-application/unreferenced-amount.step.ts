import { Decimal } from '../decimal/decimal';
import type { WorkingInvoice } from './working-invoice';
import {
  buildProposal,
  earnedDiscount,
  type EngineContext,
  showAmount,
} from './cash-application.context';
import type { CashEvidence, CashMatchRule } from './cash-application.types';
import { searchInvoiceCombination } from './invoice-combination.search';
import { minorUnitsOf } from '../money/minor-units';
import { writeOffLimit } from './invoice-settlement';
import type { Proposal } from './payment-ledger';

/** A unique amount match is strong evidence, but weaker than a reference: below 1. */
const UNIQUE_AMOUNT_CONFIDENCE = 0.92;
const COMBINATION_CONFIDENCE = 0.92;
/** Four or more invoices coinciding with an amount by chance is less unlikely. */
const LARGE_COMBINATION_CONFIDENCE = 0.85;
const UNPROVEN_CONFIDENCE = 0.75;
const AMBIGUOUS_CONFIDENCE = 0.5;

/**
 * Step 3, for cash no reference explains: the one open invoice whose balance equals it; the
 * one whose balance less its earned early-payment discount equals it; the one combination of
 * open invoices (oldest first, bounded search) that sums to it exactly. Anything less certain
 * goes to the work queue with what came closest.
 */
export function applyUnreferencedAmount(context: EngineContext): void {
  const { ledger, payment } = context;
  const cash = ledger.remaining;
  if (cash.isZero()) return;
  // Whole minor units as JS numbers: the scans below compare a hundred balances per payment,
  // and a Decimal comparison allocates.
  const toMinor = (amount: Decimal) => minorUnitsOf(amount, payment.currency);
  const target = toMinor(cash);
  const open: OpenItem[] = [];
  for (const invoice of context.invoices) {
    if (invoice.currency !== payment.currency || ledger.claimed(invoice)) continue;
    const minor = ledger.minorBalanceOf(invoice);
    if (minor <= 0) continue;
    open.push({ invoice, minor });
  }
  const equal = open.filter((item) => item.minor === target).map((item) => item.invoice);
  if (equal.length > 0) {
    proposeSingles(
      context,
      equal,
      cash,
      'single-open-invoice-amount',
      (invoice) =>
        `No reference given; the open balance of ${invoice.invoiceNumber} equals the payment, ${showAmount(context, cash)}`,
    );
    return;
  }
  const judgedOn = context.discountJudgedOn;
  const discounted = open
    .filter((item) => {
      // Dates compare as text; only invoices still in their discount window can qualify.
      const deadline = item.invoice.discountDeadline;
      if (deadline === null || deadline < judgedOn) return false;
      const earned = earnedDiscount(context, item.invoice, ledger.balanceOf(item.invoice));
      return !earned.isZero() && item.minor - toMinor(earned) === target;
    })
    .map((item) => item.invoice);
  if (discounted.length > 0) {
    proposeSingles(
      context,
      discounted,
      cash,
      'discounted-open-invoice-amount',
      (invoice) =>
        `No reference given; the open balance of ${invoice.invoiceNumber} less its earned discount equals the payment`,
    );
    return;
  }
  searchCombination(context, open, cash, target);
}

/** The Decimal balance is read only where one is computed with: most invoices never need it. */
interface OpenItem {
  readonly invoice: WorkingInvoice;
  /** The balance in whole minor units. */
  readonly minor: number;
}

function proposeSingles(
  context: EngineContext,
  invoices: readonly WorkingInvoice[],
  cash: Decimal,
  rule: CashMatchRule,
  reason: (invoice: WorkingInvoice) => string,
): void {
  const unique = invoices.length === 1;
  const proposals = invoices.map((invoice) =>
    amountProposal(
      context,
      invoice,
      cash,
      rule,
      unique ? UNIQUE_AMOUNT_CONFIDENCE : AMBIGUOUS_CONFIDENCE,
      [
        reason(invoice),
        ...(unique ? [] : [`${invoices.length} open invoices match the amount; oldest first`]),
      ],
    ),
  );
  const [best, ...others] = proposals;
  context.ledger.propose(best, others, unique ? undefined : 'ambiguous');
}

function searchCombination(
  context: EngineContext,
  open: readonly OpenItem[],
  cash: Decimal,
  target: number,
) {
  const { ledger, policy } = context;
  const candidates = open.filter((item) => item.minor < target);
  const amounts = candidates.map((item) => item.minor);
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  // Whole minor units stay exact as JS numbers far beyond any real receivables ledger.
  const exact = Number.isSafeInteger(total) && Number.isSafeInteger(target);
  const result = exact
    ? searchInvoiceCombination({
        target,
        amounts,
        maxSize: policy.maxCombinationSize,
        nodeBudget: policy.combinationNodeBudget,
      })
    : { solutions: [], nodesVisited: 0, exhausted: true };
  const evidence: CashEvidence = {
    combinationNodesVisited: result.nodesVisited,
    combinationNodeBudget: policy.combinationNodeBudget,
    candidatesConsidered: candidates.length,
  };
  const [first, second] = result.solutions.map((solution) =>
    solution.map((i) => candidates[i].invoice),
  );
  if (first !== undefined && second === undefined && !result.exhausted) {
    const numbers = first.map((invoice) => invoice.invoiceNumber);
    const confidence = first.length <= 3 ? COMBINATION_CONFIDENCE : LARGE_COMBINATION_CONFIDENCE;
    for (const invoice of first) {
      const proposal = amountProposal(
        context,
        invoice,
        ledger.balanceOf(invoice),
        'open-invoice-combination',
        confidence,
        [
          `No reference given; ${numbers.join(' + ')} is the only combination of open invoices (at most ${policy.maxCombinationSize}) adding up to ${showAmount(context, cash)}`,
        ],
        { ...evidence, invoiceNumbers: numbers },
      );
      ledger.propose(proposal);
    }
    return;
  }
  const reasons: string[] = [];
  let suggestions: Proposal[];
  if (first !== undefined) {
    const combos = result.solutions.map((solution) =>
      solution.map((i) => candidates[i].invoice.invoiceNumber).join(' + '),
    );
    reasons.push(
      second !== undefined
        ? `Several combinations of open invoices add up to ${showAmount(context, cash)}: ${combos.join('; ')}`
        : `${combos[0]} adds up to ${showAmount(context, cash)}, but the search budget ran out before proving it the only combination`,
    );
    const confidence = second !== undefined ? AMBIGUOUS_CONFIDENCE : UNPROVEN_CONFIDENCE;
    suggestions = [...first, ...(second ?? [])].map((invoice) =>
      amountProposal(
        context,
        invoice,
        ledger.balanceOf(invoice),
        'open-invoice-combination',
        confidence,
        reasons,
        evidence,
      ),
    );
  } else {
    reasons.push(
      result.exhausted
        ? `No reference given and no combination found within the search budget of ${policy.combinationNodeBudget} nodes`
        : `No reference given and no open invoice or combination of up to ${policy.maxCombinationSize} adds up to ${showAmount(context, cash)}`,
    );
    suggestions = nearestInvoices(
      context,
      open.map((item) => item.invoice),
      cash,
    );
  }
  ledger.review({
    amount: cash,
    reviewReason:
      first !== undefined && second !== undefined
        ? 'ambiguous'
        : result.exhausted
          ? 'search-budget-exhausted'
          : 'no-match',
    rule: first !== undefined ? 'open-invoice-combination' : 'no-match',
    reasons,
    evidence,
    lineNumber: null,
    suggestions,
  });
}

/** What a person would look at first: balances the amount settles within tolerance, then the oldest. */
function nearestInvoices(context: EngineContext, open: readonly WorkingInvoice[], cash: Decimal) {
  const { ledger, customer } = context;
  const tolerated = open.filter((invoice) => {
    const balance = ledger.balanceOf(invoice);
    const limit = writeOffLimit(customer.writeOffTolerance, balance, invoice.currency);
    return balance.greaterThan(cash) && balance.minus(cash).lessThanOrEqualTo(limit);
  });
  const oldest = open.filter((invoice) => !tolerated.includes(invoice));
  return [
    ...tolerated.map((invoice) =>
      amountProposal(context, invoice, cash, 'single-open-invoice-amount', 0.8, [
        `The payment is within the write-off tolerance of ${invoice.invoiceNumber}'s open balance`,
      ]),
    ),
    ...oldest
      .slice(0, context.policy.maxSuggestions)
      .map((invoice) =>
        amountProposal(
          context,
          invoice,
          Decimal.min(cash, ledger.balanceOf(invoice)),
          'no-match',
          0.3,
          [`Oldest open invoice ${invoice.invoiceNumber}, due ${invoice.dueDate}`],
        ),
      ),
  ];
}

function amountProposal(
  context: EngineContext,
  invoice: WorkingInvoice,
  offered: Decimal,
  rule: CashMatchRule,
  matchConfidence: number,
  reasons: readonly string[],
  extraEvidence?: CashEvidence,
): Proposal {
  const [matchReason, ...more] = reasons;
  const proposal = buildProposal(context, {
    invoice,
    offered,
    offerSource: 'stated',
    rule,
    line: null,
    match: null,
    written: null,
    matchConfidence,
    matchReason,
    extraEvidence,
  });
  return {
    ...proposal,
    reasons: [...proposal.reasons.slice(0, 1), ...more, ...proposal.reasons.slice(1)],
  };
}
