import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CashApplicationResult,
  decideCashApplication,
  Decimal,
  identifyPayer,
  type OpenInvoice,
} from '@o2c/domain';
import { parseRemittanceFile } from './remittance-file.parser';
import type { Remittance } from './remittance.model';
import { toPayerEvidence, toPaymentToApply } from './remittance-to-cash-application.mapper';

const parse = (folder: string, name: string) =>
  parseRemittanceFile(readFileSync(join(__dirname, 'fixtures', folder, name)));

const customer = {
  customerId: 'c-1',
  writeOffTolerance: { absolute: new Decimal('25.00'), percent: new Decimal('1') },
  discountGraceDays: 0,
};

function invoice(
  number: string,
  balance: string,
  overrides: Partial<OpenInvoice> = {},
): OpenInvoice {
  return {
    invoiceId: `id-${number}`,
    invoiceNumber: number,
    customerId: 'c-1',
    currency: 'USD',
    issueDate: '2026-02-25',
    dueDate: '2026-03-27',
    total: new Decimal(balance),
    openBalance: new Decimal(balance),
    paymentTerms: 'NET30',
    ...overrides,
  };
}

function decide(remittance: Remittance, invoices: OpenInvoice[]): string[] {
  const payment = toPaymentToApply(remittance, 'p-1', '2026-03-06');
  const result: CashApplicationResult = decideCashApplication({
    payment,
    customer,
    openInvoices: invoices,
  });
  return result.decisions.map((decision) =>
    decision.kind === 'apply'
      ? `apply ${decision.invoiceNumber} ${decision.amount.toFixed(2)} ${decision.rule} ${decision.settlement}`
      : decision.kind === 'deduction'
        ? `deduction ${decision.invoiceNumber} ${decision.amount.toFixed(2)} ${decision.category}`
        : `${decision.kind} ${decision.amount.toFixed(2)}${decision.kind === 'review' ? ` ${decision.reviewReason}` : ''}`,
  );
}

describe('toPaymentToApply', () => {
  it('derives the amount paid from the document amount, discount and deductions', () => {
    const [, bolt] = parse('camt', 'northern-bank.camt054.001.02.xml').remittances;
    const withoutPaid = {
      ...bolt,
      lines: bolt.lines.map((line) => ({ ...line, amountPaid: null })),
    };
    const [line] = toPaymentToApply(withoutPaid, 'p', '2026-03-06').lines;
    expect(line).toMatchObject({
      reference: 'INV-00001202',
      adjustmentReasonCode: '04',
      freeText: '2 cartons damaged',
    });
    expect(line.amountPaid?.toFixed(2)).toBe('1960.00'); // 2000.00 - 40.00
    expect(line.adjustmentAmount?.toFixed(2)).toBe('40.00');
  });

  it('passes only our own document numbers as references', () => {
    const [advice] = parse('x12', 'bolt-nut.820.005010.edi').remittances;
    const lines = toPaymentToApply(advice, 'p', '2026-03-06').lines;
    expect(lines.map((line) => line.reference)).toEqual([null, 'INV-00001311', '1312']);
  });

  it('falls back to the date the file was received when it gives none', () => {
    const [advice] = parse('x12', 'acme-hardware.820.004010.edi').remittances;
    expect(toPaymentToApply({ ...advice, valueDate: null }, 'p', '2026-03-09').valueDate).toBe(
      '2026-03-09',
    );
  });
});

describe('toPayerEvidence', () => {
  it('identifies the payer by the customer number quoted in the file', () => {
    const [acme] = parse('camt', 'northern-bank.camt054.001.02.xml').remittances;
    const evidence = toPayerEvidence(acme);
    expect(evidence).toEqual({
      name: 'Acme Hardware GmbH',
      accounts: ['DE89370400440532013000'],
      identifiers: ['C-10042'],
      aliases: ['Acme Tools Midwest'],
    });
    const known = [
      { customerId: 'c-1', customerNumber: 'C-10042', name: 'Acme Hardware', aliases: [] },
    ];
    expect(identifyPayer(evidence, known).match).toMatchObject({ rule: 'customer-number' });
  });
});

describe('from bank file to cash-application decisions', () => {
  it('camt.054: one payment to three invoices, and a transposed reference in the text', () => {
    const [keystone, delta] = parse('camt', 'pacific-bank.camt054.001.08.xml').remittances;
    expect(
      decide(keystone, [
        invoice('INV-00001211', '1000.00'),
        invoice('INV-00001212', '2000.00'),
        invoice('INV-00001213', '500.00'),
      ]),
    ).toEqual([
      'apply INV-00001211 1000.00 exact-invoice-number full',
      'apply INV-00001212 2000.00 exact-invoice-number full',
      'apply INV-00001213 500.00 exact-invoice-number full',
    ]);
    expect(decide(delta, [invoice('INV-00001234', '1234.56')])).toEqual([
      'apply INV-00001234 1234.56 fuzzy-invoice-number full',
    ]);
  });

  it('BAI2 CTX addendum: the RMR lines settle their invoices', () => {
    const ctx = parse('bai2', 'first-national.lockbox.bai2').remittances[1];
    expect(
      decide(ctx, [invoice('INV-00001303', '500.00'), invoice('INV-00001304', '415.00')]),
    ).toEqual([
      'apply INV-00001303 500.00 exact-invoice-number full',
      'apply INV-00001304 415.00 exact-invoice-number full',
    ]);
  });

  it('X12 820: discount within terms, a damage deduction, a netted credit memo for a person', () => {
    const [advice] = parse('x12', 'acme-hardware.820.004010.edi').remittances;
    const decisions = decide(advice, [
      invoice('INV-00001301', '1500.00'),
      invoice('INV-00001302', '2000.00', { paymentTerms: '2/10 NET30' }),
      invoice('INV-00001303', '1100.00'),
    ]);
    expect(decisions).toEqual([
      'apply INV-00001301 1500.00 exact-invoice-number full',
      'apply INV-00001302 1960.00 exact-invoice-number early-payment-discount',
      // The payer netted credit memo CM-00000077 (42.00): the last invoice gets 958.00 of cash
      // for 1000.00 claimed, so it waits for a person together with the credit memo line.
      'review 958.00 below-threshold',
      'review 0.00 credit-memo-netting',
    ]);
  });

  it('BAI2 narrative: the invoice number in the bank text', () => {
    const [lockbox] = parse('bai2', 'harbor-bank.packed.bai2').remittances;
    expect(
      decide(lockbox, [invoice('INV-00001321', '400.00'), invoice('INV-00009000', '75.00')]),
    ).toEqual(['apply INV-00001321 400.00 free-text-invoice-number full']);
  });
});
