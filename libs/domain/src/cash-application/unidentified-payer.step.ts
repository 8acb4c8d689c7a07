import { Decimal } from '../decimal/decimal';
import { formatAmount, moneyOf } from '../money/money';
import type { CashApplicationPolicy, PaymentToApply, Suggestion } from './cash-application.types';
import { readReference, referencesInText } from './invoice-reference';
import type { ReferenceCandidate } from './open-invoice.index';
import type { OpenInvoiceLedger } from './open-invoice.ledger';
import { PaymentLedger, roundConfidence } from './payment-ledger';

/**
 * A payer nobody recognised (no known bank account, remittance identifier or alias): nothing
 * is applied, since cash must never land on another customer's invoices. The whole payment
 * goes to the work queue; references and the amount are matched against whatever candidate
 * invoices the caller found (of any customer) so the person sees whose invoices they name.
 */
export function queueUnidentifiedPayer(
  payment: PaymentToApply,
  openInvoices: OpenInvoiceLedger,
  policy: CashApplicationPolicy,
): PaymentLedger {
  const ledger = new PaymentLedger(payment.amount, openInvoices, policy);
  const { invoices, index } = openInvoices;
  const byInvoice = new Map<string, Suggestion>();
  const suggest = (candidate: ReferenceCandidate, reason: string, weight: number) => {
    const { invoice } = candidate;
    if (invoice.currency !== payment.currency || byInvoice.has(invoice.invoiceId)) return;
    const amount = Decimal.min(ledger.balanceOf(invoice), payment.amount);
    byInvoice.set(invoice.invoiceId, {
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      customerId: invoice.customerId,
      amount,
      discount: new Decimal(0),
      writeOff: new Decimal(0),
      rule: candidate.editKind === 'exact' ? 'exact-invoice-number' : 'fuzzy-invoice-number',
      confidence: roundConfidence(candidate.similarity * weight),
      reasons: [reason],
    });
  };
  for (const written of writtenReferences(payment)) {
    const read = readReference(written);
    if (read === null) continue;
    for (const candidate of index.find(read)) {
      suggest(
        candidate,
        `Reference "${written}" names invoice ${candidate.invoice.invoiceNumber} of customer ${candidate.invoice.customerId}`,
        0.6,
      );
    }
  }
  for (const invoice of invoices) {
    if (ledger.balanceOf(invoice).equals(payment.amount)) {
      suggest(
        { invoice, editKind: 'exact', distance: 0, similarity: 1 },
        `Open balance of ${invoice.invoiceNumber} (customer ${invoice.customerId}) equals the payment`,
        0.4,
      );
    }
  }
  const suggestions = [...byInvoice.values()]
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, policy.maxSuggestions);
  const customers = new Set(suggestions.map((suggestion) => suggestion.customerId));
  const reasons = [
    'The payer could not be identified by bank account, remittance identifiers or known aliases',
    ...(customers.size === 1
      ? [
          `The invoices it names belong to customer ${[...customers][0]}: add the payer as an alias once confirmed`,
        ]
      : []),
  ];
  ledger.review({
    amount: payment.amount,
    reviewReason: 'unidentified-payer',
    rule: 'unidentified-payer',
    reasons,
    evidence: {
      amountPaid: formatAmount(moneyOf(payment.amount, payment.currency)),
      candidatesConsidered: invoices.length,
    },
    lineNumber: null,
    suggestions: [],
    rankedSuggestions: suggestions,
    confidence: 0,
  });
  return ledger;
}

function writtenReferences(payment: PaymentToApply): string[] {
  return [
    ...payment.lines.flatMap((line) => (line.reference === null ? [] : [line.reference])),
    ...[...payment.freeText, ...payment.lines.map((line) => line.freeText ?? '')].flatMap((text) =>
      referencesInText(text),
    ),
  ];
}
