import { type CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import type { IntakePayment } from './payment-intake.repository';

/** `payment.received`: in the event log and through the outbox, for every payment recorded. */
export function recordPaymentReceived(journal: CashJournal, payment: IntakePayment): void {
  const { remittance } = payment;
  const data = {
    paymentId: payment.id,
    customerId: payment.customerId,
    amount: remittance.amount,
    currency: remittance.currency,
    method: remittance.method,
    valueDate: remittance.valueDate,
    bankReference: remittance.bankReference,
    paymentReference: remittance.paymentReference,
    payerName: remittance.payer.name,
    source: payment.source,
    sourceFileId: payment.sourceFileId,
    identification: payment.identification,
    remittanceLines: remittance.lines.length,
  };
  journal.record(PAYMENT_OBJECT, payment.id, 'payment.received', {
    data,
    related: [
      ...(payment.customerId === null
        ? []
        : [{ type: 'customer', id: payment.customerId, qualifier: 'payer' }]),
      ...(payment.sourceFileId === null
        ? []
        : [{ type: 'remittance_file', id: payment.sourceFileId, qualifier: 'source' }]),
    ],
  });
  journal.publish(PAYMENT_OBJECT, payment.id, 'payment.received', data);
}
