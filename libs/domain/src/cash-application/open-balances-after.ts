import type { CashApplicationResult, OpenInvoice } from './cash-application.types';

/**
 * The open invoices as they stand once a result's applications are booked: each applied
 * invoice's balance drops by the cash, discount and write-off it settled. Deductions stay
 * open (they are disputed, not paid). For deciding several payments in a row in memory, as a
 * batch run or a simulation does; the database remains the authority when posting.
 */
export function openInvoicesAfter(
  invoices: readonly OpenInvoice[],
  result: CashApplicationResult,
): OpenInvoice[] {
  const settled = new Map<string, OpenInvoice['openBalance']>();
  for (const decision of result.decisions) {
    if (decision.kind !== 'apply') continue;
    const before = settled.get(decision.invoiceId);
    const amount = decision.amount.plus(decision.discount).plus(decision.writeOff);
    settled.set(decision.invoiceId, before === undefined ? amount : before.plus(amount));
  }
  if (settled.size === 0) return [...invoices];
  return invoices.map((invoice) => {
    const amount = settled.get(invoice.invoiceId);
    if (amount === undefined) return invoice;
    // The total named: a ledger's invoice reads it through a getter, which a spread leaves out.
    return { ...invoice, total: invoice.total, openBalance: invoice.openBalance.minus(amount) };
  });
}
