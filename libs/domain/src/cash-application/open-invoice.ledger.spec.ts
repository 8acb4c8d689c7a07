import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from '../money/currency.table';
import { captureDomainError } from '../testing/domain-error.capture';
import { decideCashApplication } from './cash-application.engine';
import type { OpenInvoice, OpenInvoiceRow } from './cash-application.types';
import { CUSTOMER, customer, invoice, line, payment, readable } from './cash-application.fixtures';
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

/** An invoice as the database reads it: the fixture's amounts written as numeric(19,4). */
const rowOf = (invoice: OpenInvoice): OpenInvoiceRow => ({
  ...invoice,
  total: invoice.total.toFixed(4),
  openBalance: invoice.openBalance.toFixed(4),
});

/** What the repository used to hand the ledger: the row's amounts as Decimals. */
const withDecimals = (row: OpenInvoiceRow): OpenInvoice => ({
  ...row,
  currency: row.currency as CurrencyCode,
  total: new Decimal(row.total),
  openBalance: new Decimal(row.openBalance),
});

function isDecimalText(text: string): boolean {
  try {
    return new Decimal(text) instanceof Decimal;
  } catch {
    return false;
  }
}

/** Everything a ledger tells the engine, or the error that refused the input. */
function outcomeOf(build: () => OpenInvoiceLedger): unknown {
  let ledger: OpenInvoiceLedger;
  try {
    ledger = build();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { error: { ...error, name: error.name, message: error.message } };
  }
  return {
    customerId: ledger.customerId,
    invoices: ledger.invoices.map((invoice) => ({
      ...Object.fromEntries(
        (['invoiceId', 'invoiceNumber', 'customerId', 'currency', 'issueDate'] as const).map(
          (key) => [key, invoice[key]],
        ),
      ),
      dueDate: invoice.dueDate,
      paymentTerms: invoice.paymentTerms,
      terms: invoice.terms,
      discountDeadline: invoice.discountDeadline,
      age: invoice.age,
      // Sign included: a negative zero must come out as zero, as checkedMoney gives it.
      total: [invoice.total.toString(), invoice.total.isNegative()],
      openBalance: [invoice.openBalance.toString(), invoice.openBalance.isNegative()],
      balance: ledger.balanceOf(invoice.invoiceId)?.toString(),
      minor: ledger.minorBalanceOfInvoice(invoice),
    })),
    open: ledger.toOpenInvoices().map((row) => [row.total.toString(), row.openBalance.toString()]),
  };
}

describe('OpenInvoiceLedger.fromRows', () => {
  it('is the ledger of the same invoices given with Decimal amounts', () => {
    const rows = invoices.map(rowOf);
    expect(outcomeOf(() => OpenInvoiceLedger.fromRows(rows, CUSTOMER))).toEqual(
      outcomeOf(() => OpenInvoiceLedger.of(invoices, CUSTOMER)),
    );
  });

  it('decides and moves forward as the ledger of Decimal amounts does', () => {
    let fromRows = OpenInvoiceLedger.fromRows(invoices.map(rowOf), CUSTOMER);
    let fromDecimals = OpenInvoiceLedger.of(invoices, CUSTOMER);
    const seen: string[] = [];
    const payments = [
      payment('150.00', [line(1, 'INV-00000003', '150.00')]),
      payment('196.00', [
        line(1, '2', '196.00', { adjustmentAmount: '4.00', adjustmentReasonCode: '04' }),
      ]),
      payment('250.00'),
      payment('100.00', [line(1, null, '100.00')]),
      payment('400.00', [line(1, 'INV-00000009', '400.00')]),
    ];
    for (const pay of payments) {
      const decide = (ledger: OpenInvoiceLedger) =>
        decideCashApplication({ payment: pay, customer: customer(), openInvoices: ledger });
      const [byRows, byDecimals] = [decide(fromRows), decide(fromDecimals)];
      expect(JSON.stringify(byRows)).toBe(JSON.stringify(byDecimals));
      seen.push(...readable(byRows));
      fromRows = fromRows.afterApplying(byRows);
      fromDecimals = fromDecimals.afterApplying(byDecimals);
      expect(outcomeOf(() => fromRows)).toEqual(outcomeOf(() => fromDecimals));
    }
    expect(seen).toEqual([
      'apply INV-00000003 150.00 exact-invoice-number partial-payment',
      'apply INV-00000002 196.00 exact-invoice-number short-payment',
      'deduction INV-00000002 4.00 damage',
      'apply INV-00000001 100.00 open-invoice-combination full',
      'apply INV-00000003 150.00 open-invoice-combination full',
      'review 100.00 no-match',
      'review 400.00 no-match',
    ]);
  });

  it.each([
    ['a negative open balance', { openBalance: '-1.0000' }, 'openInvoices[0].openBalance'],
    ['an open balance over the total', { total: '5.0000' }, 'openInvoices[0].openBalance'],
    ['too many decimals', { total: '10.0050' }, 'openInvoices[0].total'],
    ['decimals JPY has none of', { currency: 'JPY', total: '10.5000' }, 'openInvoices[0].total'],
    ['NaN', { openBalance: 'NaN' }, 'openInvoices[0].openBalance'],
    ['an unknown currency', { currency: 'usd' }, 'openInvoices[0].currency'],
    ['an impossible date', { dueDate: '2026-02-30' }, 'openInvoices[0].dueDate'],
    ['unknown terms', { paymentTerms: 'SOMEDAY' }, 'openInvoices[0].paymentTerms'],
    ['no number', { invoiceNumber: ' ' }, 'openInvoices[0].invoiceNumber'],
  ])('refuses %s exactly as the Decimal path does', (_, change, field) => {
    const rows = [{ ...rowOf(invoice(1, '10.00')), ...change }];
    const refused = outcomeOf(() => OpenInvoiceLedger.fromRows(rows, CUSTOMER));
    expect(refused).toEqual(
      outcomeOf(() => OpenInvoiceLedger.of(rows.map(withDecimals), CUSTOMER)),
    );
    expect(refused).toMatchObject({ error: { field } });
  });

  // The repository used to read the amounts into Decimals before the ledger's checks, so such
  // a row (which a numeric column never prints) failed ahead of the others; now it fails in
  // its turn, with the same error.
  it('refuses text that is no number with the error reading it as a Decimal gives', () => {
    const rows = [{ ...rowOf(invoice(1, '10.00')), total: '10,00' }];
    expect(() => OpenInvoiceLedger.fromRows(rows, CUSTOMER)).toThrow(/DecimalError.*10,00/);
  });

  it('checks, orders and refuses as the Decimal path does, over many random inputs', () => {
    const valid = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: bad, weight: 1 });
    const amount = valid(
      fc.oneof(
        fc
          .tuple(fc.integer({ min: 0, max: 600_000 }), fc.constantFrom('00', '50', '0000'))
          .map(
            ([cents, zeros]) =>
              `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}${zeros}`,
          ),
        fc.stringMatching(/^\d{1,3}(\.\d{1,4})?$/),
      ),
      fc.oneof(
        fc.stringMatching(/^-?\d{1,18}(\.\d{1,5})?$/),
        fc.constantFrom('NaN', 'Infinity', '-0.0000', '1e2', '.5', '1.', '+3.00'),
      ),
    );
    const row = fc.record({
      invoiceId: valid(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.constantFrom('', ' ')),
      invoiceNumber: valid(
        fc.constantFrom('INV-00000001', 'INV-00000002', 'CM-7', '1234'),
        fc.constantFrom('', '  '),
      ),
      customerId: valid(fc.constant(CUSTOMER), fc.constantFrom('C-OTHER', '')),
      currency: valid(fc.constantFrom('USD', 'USD', 'JPY', 'KWD'), fc.constantFrom('usd', 'XYZ')),
      issueDate: valid(fc.constantFrom('2026-02-01', '2026-02-14'), fc.constant('2026-02-30')),
      dueDate: valid(fc.constantFrom('2026-03-01', '2026-03-31'), fc.constant('2026-3-31')),
      total: amount,
      openBalance: amount,
      // Most open balances are the total, often written otherwise ('010.5' for '10.5000').
      sameBalance: fc.constantFrom('', '', 'same', 'same', 'padded'),
      paymentTerms: valid(
        fc.constantFrom('NET30', '2/10 NET30', '1/15 NET45'),
        fc.constant('SOON'),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(
          row.map(({ sameBalance, ...rest }): OpenInvoiceRow => {
            if (sameBalance === '') return rest;
            const written = /\.\d*?0+$/.test(rest.total)
              ? rest.total.replace(/0+$/, '')
              : rest.total;
            return { ...rest, openBalance: sameBalance === 'same' ? written : `0${written}` };
          }),
          { maxLength: 8 },
        ),
        fc.constantFrom(CUSTOMER, null),
        (rows: OpenInvoiceRow[], customerId) => {
          // Text that is no number at all is refused before any check (see the test above).
          fc.pre(rows.every((row) => isDecimalText(row.total) && isDecimalText(row.openBalance)));
          expect(outcomeOf(() => OpenInvoiceLedger.fromRows(rows, customerId))).toEqual(
            outcomeOf(() => OpenInvoiceLedger.of(rows.map(withDecimals), customerId)),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
