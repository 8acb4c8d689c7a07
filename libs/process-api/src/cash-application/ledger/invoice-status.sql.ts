/** The printed invoice number in SQL ("INV-00001234"), as formatInvoiceNumber prints it. */
export function invoiceNumberSql(alias: string): string {
  return `(${alias}.series || '-' || lpad(${alias}.invoice_number::text, 8, '0'))`;
}

/**
 * An invoice's status once `settles` more is applied to it (a negative amount for a reversal),
 * for `UPDATE invoices i ... SET status = <this>`: the rule of invoiceStatusWithDisputes in the
 * domain, in SQL, on the balances after the change. 'disputed' while a live dispute contests
 * part of a balance still open; otherwise settled ('paid'), part paid, or just issued. Void and
 * written-off invoices keep their status.
 */
export function INVOICE_STATUS_AFTER_CHANGE(settles: string): string {
  const open = `(i.open_balance - ${settles})`;
  const applied = `(i.amount_applied + ${settles})`;
  return `CASE
    WHEN i.status IN ('void', 'written_off') THEN i.status
    WHEN ${open} > 0 AND EXISTS (SELECT 1 FROM disputes d WHERE d.invoice_id = i.id
                                    AND d.status IN ('open', 'under_review')) THEN 'disputed'
    WHEN ${open} = 0 AND ${applied} > 0 THEN 'paid'
    WHEN ${open} = 0 THEN CASE WHEN i.status = 'disputed' THEN 'issued' ELSE i.status END
    WHEN ${applied} > 0 THEN 'partially_paid'
    ELSE 'issued' END`;
}

/**
 * What settling `settles` more does to an invoice `i`, for `UPDATE invoices i SET <this>`: the
 * applied amount and open balance moved, the status recomputed, the version bumped. The guard
 * (`i.open_balance >= settles` on an applicable status) is the statement's own.
 */
export function INVOICE_SETTLEMENT(settles: string): string {
  return `amount_applied = i.amount_applied + ${settles},
         open_balance = i.open_balance - ${settles},
         status = ${INVOICE_STATUS_AFTER_CHANGE(settles)},
         version = i.version + 1, updated_at = now()`;
}
