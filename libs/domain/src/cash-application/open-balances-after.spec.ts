import { CUSTOMER, decide, invoice, line, payment } from './cash-application.fixtures';
import { OpenInvoiceLedger } from './open-invoice.ledger';
import { openInvoicesAfter } from './open-balances-after';

describe('openInvoicesAfter', () => {
  it('lowers each applied invoice by cash, discount and write-off; deductions stay open', () => {
    const invoices = [
      invoice(1, '1000.00', { paymentTerms: '2/10 NET30' }),
      invoice(2, '500.00'),
      invoice(3, '200.00'),
    ];
    const result = decide(
      payment('1380.00', [
        line(1, 'INV-00000001', '980.00'),
        line(2, 'INV-00000002', '400.00', { adjustmentReasonCode: '06' }),
      ]),
      invoices,
    );
    const after = openInvoicesAfter(invoices, result);
    expect(after.map((row) => row.openBalance.toFixed(2))).toEqual(['0.00', '100.00', '200.00']);
    expect(after[2]).toBe(invoices[2]);
    expect(invoices[0].openBalance.toFixed(2)).toBe('1000.00'); // the input is untouched
  });

  it('returns the same invoices when nothing was applied', () => {
    const invoices = [invoice(1, '10.00')];
    const after = openInvoicesAfter(invoices, decide(payment('3.00'), invoices));
    expect(after).toEqual(invoices);
  });

  it("takes a ledger's invoices too, whose amounts are read on demand", () => {
    const ledger = OpenInvoiceLedger.fromRows(
      [invoice(1, '10.00', { total: '12.00' })].map((row) => ({
        ...row,
        total: row.total.toFixed(4),
        openBalance: row.openBalance.toFixed(4),
      })),
      CUSTOMER,
    );
    const result = decide(payment('4.00', [line(1, 'INV-00000001', '4.00')]), [...ledger.invoices]);
    const [after] = openInvoicesAfter(ledger.invoices, result);
    expect([after.total.toFixed(2), after.openBalance.toFixed(2)]).toEqual(['12.00', '6.00']);
  });
});
