import {
  Decimal,
  type PayerEvidence,
  type PaymentToApply,
  type RemittanceAdviceLine,
} from '@o2c/domain';
import type { Remittance, RemittanceLine } from './remittance.model';

/** Document kinds whose number may be one of our invoice numbers. */
const OUR_DOCUMENTS = new Set<RemittanceLine['referenceKind']>([
  'invoice',
  'credit-note',
  'debit-note',
]);

/**
 * The cash-application engine's view of a remittance. Per line:
 * - the reference only when it names one of our documents (a purchase order or creditor
 *   reference number would otherwise be read as an invoice number);
 * - the amount paid as stated, else the document amount less the discount and deductions;
 * - deductions (positive adjustments) summed, with the first reason code.
 * `receivedOn` stands in for the value date when the file gives none.
 */
export function toPaymentToApply(
  remittance: Remittance,
  paymentId: string,
  receivedOn: string,
): PaymentToApply {
  return {
    paymentId,
    amount: new Decimal(remittance.amount),
    currency: remittance.currency,
    valueDate: remittance.valueDate ?? remittance.bookingDate ?? receivedOn,
    lines: remittance.lines.map(toAdviceLine),
    freeText: remittance.freeText,
  };
}

function toAdviceLine(line: RemittanceLine): RemittanceAdviceLine {
  const deductions = line.adjustments.filter((adjustment) =>
    new Decimal(adjustment.amount).greaterThan(0),
  );
  const deducted = deductions.reduce(
    (sum, adjustment) => sum.plus(adjustment.amount),
    new Decimal(0),
  );
  const discount = line.discountTaken === null ? null : new Decimal(line.discountTaken);
  let amountPaid = line.amountPaid === null ? null : new Decimal(line.amountPaid);
  if (amountPaid === null && line.documentAmount !== null) {
    amountPaid = new Decimal(line.documentAmount).minus(discount ?? 0).minus(deducted);
  }
  const reasoned = line.adjustments.find((adjustment) => adjustment.reasonCode !== null);
  return {
    lineNumber: line.lineNumber,
    reference: OUR_DOCUMENTS.has(line.referenceKind) ? line.reference : null,
    amountPaid,
    discountTaken: discount,
    adjustmentAmount: deductions.length === 0 ? null : deducted,
    adjustmentReasonCode: reasoned?.reasonCode ?? null,
    freeText:
      [line.freeText, ...line.adjustments.map((adjustment) => adjustment.description)]
        .filter((text): text is string => text !== null && text !== '')
        .join(' ') || null,
  };
}

/** What the payer identification needs: names, accounts and identifiers the file carries. */
export function toPayerEvidence(remittance: Remittance): PayerEvidence {
  const { payer } = remittance;
  return {
    name: payer.name,
    accounts: [payer.account?.iban, payer.account?.number].filter(
      (value): value is string => value !== null && value !== undefined && value !== '',
    ),
    identifiers: payer.identifiers.map((identifier) => identifier.value),
    aliases: payer.aliases,
  };
}
