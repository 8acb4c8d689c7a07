import type { Decimal } from '../decimal/decimal';

/** The invoice statuses a dispute can move an invoice between. */
export type DisputableInvoiceStatus = 'issued' | 'partially_paid' | 'paid' | 'disputed';

export interface InvoiceDisputeState {
  readonly status: string;
  readonly openBalance: Decimal;
  readonly amountApplied: Decimal;
  /** Disputes on the invoice that are open or under review, after the change. */
  readonly liveDisputes: number;
}

/**
 * An invoice's status once its disputes changed: 'disputed' while a live dispute contests part
 * of a balance still open; otherwise what its balances say (settled, part paid, or just issued).
 * Void and written-off invoices keep their status: a dispute never revives them.
 */
export function invoiceStatusWithDisputes(invoice: InvoiceDisputeState): string {
  if (invoice.status === 'void' || invoice.status === 'written_off') return invoice.status;
  const open = invoice.openBalance.greaterThan(0);
  if (open && invoice.liveDisputes > 0) return 'disputed';
  const paidSome = invoice.amountApplied.greaterThan(0);
  if (!open) return paidSome ? 'paid' : invoice.status === 'disputed' ? 'issued' : invoice.status;
  return paidSome ? 'partially_paid' : 'issued';
}
