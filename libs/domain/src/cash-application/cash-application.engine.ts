import { Decimal } from '../decimal/decimal';
import { applyAmountlessReferences } from './amountless-references.step';
import { type EngineContext, showAmount } from './cash-application.context';
import { type CashApplicationInput, checkedCashInput } from './cash-application.input';
import { checkedPolicy } from './cash-application.policy';
import type {
  CashApplicationOutcome,
  CashApplicationPolicy,
  CashApplicationResult,
  CashApplicationTotals,
  CashDecision,
} from './cash-application.types';
import { discountJudgedOn } from './invoice-settlement';
import { PaymentLedger } from './payment-ledger';
import { applyReferencedLines } from './referenced-lines.step';
import { queueUnidentifiedPayer } from './unidentified-payer.step';
import { applyUnreferencedAmount } from './unreferenced-amount.step';

/**
 * Decides where one payment's cash goes, against the customer's invoices as they stand now
 * (several payments for one invoice are simply decided one after the other). In order:
 * 1. remittance lines naming an invoice with an amount (exact, discount, write-off, partial,
 *    short payment, fuzzy reference);
 * 2. references without amounts, from lines and, when no line named one, from free text;
 * 3. with no reference at all: a unique amount match, a discounted one, or the one
 *    combination of open invoices that sums to it;
 * 4. cash left after everything named was settled becomes credit on account; cash left
 *    otherwise waits in the work queue.
 * Proposals below the policy's auto-apply threshold go to the work queue with ranked
 * suggestions. The engine never places more than the payment nor settles more than an
 * invoice's open balance; applied + on account + in review always equals the payment.
 */
export function decideCashApplication(
  input: CashApplicationInput,
  policy?: Partial<CashApplicationPolicy>,
): CashApplicationResult {
  const rules = checkedPolicy(policy);
  const { payment, customer, ledger: openInvoices } = checkedCashInput(input);
  if (customer === null) {
    const queued = queueUnidentifiedPayer(payment, openInvoices, rules);
    return resultOf(payment.paymentId, payment.currency, queued, true);
  }
  const ledger = new PaymentLedger(payment.amount, openInvoices, rules);
  const context: EngineContext = {
    payment,
    customer,
    policy: rules,
    invoices: openInvoices.invoices,
    index: openInvoices.index,
    ledger,
    discountJudgedOn: discountJudgedOn({ valueDate: payment.valueDate, customer }),
  };

  const lines = applyReferencedLines(context);
  const amountless = applyAmountlessReferences(context, lines.amountless, lines.referenced === 0);
  const referencesGiven =
    lines.referenced > 0 || amountless.found > 0 || amountless.unresolved.length > 0;
  // A line with an amount but no reference meant some invoice: look for it by amount.
  const unreferencedAmounts = payment.lines.some(
    (line) => line.reference === null && line.amountPaid !== null,
  );
  if (!referencesGiven || unreferencedAmounts) applyUnreferencedAmount(context);
  placeLeftover(context, amountless.unresolved);
  return resultOf(payment.paymentId, payment.currency, ledger, false);
}

/** Step 4: cash nothing claimed. */
function placeLeftover(context: EngineContext, unresolved: readonly string[]): void {
  const { ledger } = context;
  const left = ledger.remaining;
  if (left.isZero()) return;
  const amount = showAmount(context, left);
  if (!ledger.hasReview() && unresolved.length === 0 && ledger.hasApplied()) {
    ledger.onAccount(
      left,
      [`${amount} is left after settling every invoice the remittance names: credit on account`],
      { amountPaid: showAmount(context, context.payment.amount), difference: amount },
    );
    return;
  }
  ledger.review({
    amount: left,
    reviewReason: unresolved.length > 0 ? 'no-match' : 'unexplained-remainder',
    rule: 'no-match',
    reasons:
      unresolved.length > 0
        ? [
            `References ${unresolved.map((text) => `"${text}"`).join(', ')} match no open invoice; ${amount} waits for a person`,
          ]
        : [`${amount} is not explained by the remittance`],
    evidence: { difference: amount },
    lineNumber: null,
    suggestions: [],
  });
}

function resultOf(
  paymentId: string,
  currency: CashApplicationResult['currency'],
  ledger: PaymentLedger,
  unidentified: boolean,
): CashApplicationResult {
  const decisions = ledger.decisions;
  const totals = totalsOf(ledger.payment, decisions);
  const placed = totals.applied.plus(totals.onAccount).plus(totals.inReview);
  if (!placed.equals(totals.payment) || !ledger.remaining.isZero()) {
    throw new Error(`Engine defect: placed ${placed.toString()} of ${totals.payment.toString()}`);
  }
  return {
    paymentId,
    currency,
    outcome: unidentified ? 'unidentified-payer' : outcomeOf(decisions, totals),
    decisions,
    totals,
  };
}

function outcomeOf(
  decisions: readonly CashDecision[],
  totals: CashApplicationTotals,
): CashApplicationOutcome {
  const applied = decisions.some((decision) => decision.kind === 'apply');
  if (decisions.some((decision) => decision.kind === 'review')) {
    return applied ? 'partially-applied' : 'needs-review';
  }
  if (totals.onAccount.greaterThan(0)) return applied ? 'applied-with-credit' : 'on-account';
  return 'applied';
}

function totalsOf(payment: Decimal, decisions: readonly CashDecision[]): CashApplicationTotals {
  const zero = new Decimal(0);
  let [applied, discounts, writeOffs, deductions, onAccount, inReview] = [
    zero,
    zero,
    zero,
    zero,
    zero,
    zero,
  ];
  for (const decision of decisions) {
    switch (decision.kind) {
      case 'apply':
        applied = applied.plus(decision.amount);
        discounts = discounts.plus(decision.discount);
        writeOffs = writeOffs.plus(decision.writeOff);
        break;
      case 'deduction':
        deductions = deductions.plus(decision.amount);
        break;
      case 'on-account':
        onAccount = onAccount.plus(decision.amount);
        break;
      case 'review':
        inReview = inReview.plus(decision.amount);
        break;
    }
  }
  return { payment, applied, discounts, writeOffs, deductions, onAccount, inReview };
}
