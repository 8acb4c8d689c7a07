import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { decideCashApplication } from './cash-application.engine';
import { CUSTOMER, customer, invoice, line, payment } from './cash-application.fixtures';
import fc from 'fast-check';
import { minorUnitsOf } from '../money/minor-units';
import { OpenInvoiceLedger } from './open-invoice.ledger';

const invoices = [
  invoice(3, '300.00', { issueDate: '2026-03-03' }),
  invoice(1, '100.00', { issueDate: '2026-03-01' }),
  invoice(2, '200.00', { issueDate: '2026-03-01', dueDate: '2026-03-15' }),
];

const pay = (amount: string, reference: string, openInvoices: OpenInvoiceLedger) =>
  decideCashApplication({
    payment: payment(amount, [line(1, reference, amount)]),
    customer: customer(),
    openInvoices,
  });

describe('OpenInvoiceLedger', () => {
  it('orders invoices oldest first: issue date, then due date, then number', () => {
    const ledger = OpenInvoiceLedger.of(invoices, CUSTOMER);
    expect(ledger.invoices.map((row) => [row.invoiceNumber, row.age])).toEqual([
      ['INV-00000002', 0],
      ['INV-00000001', 1],
      ['INV-00000003', 2],
    ]);
  });

  it('moves forward by a result, sharing the index and leaving the previous version as it was', () => {
    const ledger = OpenInvoiceLedger.of(invoices, CUSTOMER);
    const after = ledger.afterApplying(pay('250.00', 'INV-00000003', ledger));
    expect(after.balanceOf('id-3')?.toFixed(2)).toBe('50.00');
    expect(ledger.balanceOf('id-3')?.toFixed(2)).toBe('300.00');
    expect(after.toOpenInvoices().map((row) => row.openBalance.toFixed(2))).toEqual([
      '200.00',
      '100.00',
      '50.00',
    ]);
    expect(after.index).toBe(ledger.index);
    expect(after.balanceOf('unknown')).toBeUndefined();
  });

  it('is returned unchanged when a result applies nothing', () => {
    const ledger = OpenInvoiceLedger.of(invoices, CUSTOMER);
    expect(ledger.afterApplying(pay('999.00', 'INV-00009999', ledger))).toBe(ledger);
  });

  it('carries many payments for one invoice, each against the balance the previous left', () => {
    let ledger = OpenInvoiceLedger.of(invoices, CUSTOMER);
    for (const amount of ['60.00', '40.00']) {
      const result = pay(amount, '1', ledger);
      expect(result.decisions[0]).toMatchObject({ kind: 'apply', invoiceNumber: 'INV-00000001' });
      ledger = ledger.afterApplying(result);
    }
    expect(ledger.balanceOf('id-1')?.isZero()).toBe(true);
    expect(pay('10.00', '1', ledger).decisions[0]).toMatchObject({
      kind: 'review',
      reviewReason: 'invoice-already-settled',
    });
  });

  it("refuses invoices of another customer, and another customer's ledger", () => {
    expect(captureDomainError(() => OpenInvoiceLedger.of(invoices, 'C-OTHER'))).toMatchObject({
      code: DomainErrorCode.CASH_INVALID_INPUT,
      field: 'openInvoices[0].customerId',
    });
    const ledger = OpenInvoiceLedger.of(
      invoices.map((row) => ({ ...row, customerId: 'C-OTHER' })),
      'C-OTHER',
    );
    expect(captureDomainError(() => pay('10.00', '1', ledger))).toMatchObject({
      code: DomainErrorCode.CASH_INVALID_INPUT,
      field: 'openInvoices',
    });
  });

  it('names the invoice that fails its checks by its position in the input', () => {
    const broken = [...invoices, { ...invoice(4, '10.00'), total: new Decimal('5.00') }];
    expect(captureDomainError(() => OpenInvoiceLedger.of(broken, CUSTOMER))).toMatchObject({
      field: 'openInvoices[3].openBalance',
    });
  });
});

describe('minorUnitsOf', () => {
  it.each([
    ['0', 'USD', 0],
    ['12.34', 'USD', 1234],
    ['-12.34', 'USD', -1234],
    ['0.07', 'USD', 7],
    ['1250', 'JPY', 1250],
    ['1.005', 'KWD', 1005],
    ['9999999999999.99', 'USD', 999999999999999],
    ['0.125', 'USD', 12.5],
  ])('%s %s is %s', (amount, currency, expected) => {
    expect(minorUnitsOf(new Decimal(amount), currency as 'USD')).toBe(expected);
  });

  it('counts what the exact decimal product counts', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,16}(\.\d{1,4})?$/),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (text, currency) => {
          const amount = new Decimal(text);
          const scale = new Decimal(10).pow(currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2);
          expect(minorUnitsOf(amount, currency as 'USD')).toBe(amount.times(scale).toNumber());
        },
      ),
    );
  });
});
