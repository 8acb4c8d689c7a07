import { Decimal } from '../decimal/decimal';
import type { ApplyDecision, DeductionDecision, ReviewDecision } from './cash-application.types';
import {
  customer,
  decide,
  invoice,
  line,
  payment,
  readable,
  totalsOf,
} from './cash-application.fixtures';
import { openInvoicesAfter } from './open-balances-after';

const applyOf = (decision: unknown) => decision as ApplyDecision;
const reviewOf = (decision: unknown) => decision as ReviewDecision;

describe('decideCashApplication: acceptance cases', () => {
  it('exact match: the referenced invoice for its open balance', () => {
    const result = decide(payment('1000.00', [line(1, 'INV-00001001', '1000.00')]), [
      invoice(1001, '1000.00'),
      invoice(1002, '1000.00'),
    ]);
    expect(readable(result)).toEqual(['apply INV-00001001 1000.00 exact-invoice-number full']);
    expect(result.outcome).toBe('applied');
    const applied = applyOf(result.decisions[0]);
    expect(applied.confidence).toBe(1);
    expect(applied.openBalanceAfter.toString()).toBe('0');
    expect(applied.lineNumber).toBe(1);
    expect(applied.evidence).toMatchObject({
      reference: 'INV-00001001',
      matchedInvoiceNumber: 'INV-00001001',
      amountPaid: '1000.00',
      openBalance: '1000.00',
    });
    expect(applied.reasons[0]).toContain('is invoice INV-00001001');
  });

  it.each(['inv 1001', '00001001', '1001', 'Invoice No. 1001', 'INV#0000-1001', 'inv-00001001'])(
    'exact match however the payer writes the number: %p',
    (written) => {
      const result = decide(payment('250.00', [line(1, written, '250.00')]), [
        invoice(1001, '250.00'),
      ]);
      expect(readable(result)).toEqual(['apply INV-00001001 250.00 exact-invoice-number full']);
    },
  );

  it('partial payment: applies what was paid and leaves the rest open', () => {
    const result = decide(payment('400.00', [line(1, 'INV-00001001', '400.00')]), [
      invoice(1001, '1000.00'),
    ]);
    expect(readable(result)).toEqual([
      'apply INV-00001001 400.00 exact-invoice-number partial-payment',
    ]);
    expect(applyOf(result.decisions[0]).openBalanceAfter.toString()).toBe('600');
    expect(result.outcome).toBe('applied');
  });

  it('one payment to three invoices', () => {
    const result = decide(
      payment('3500.00', [
        line(1, 'INV-00001001', '1000.00'),
        line(2, 'INV-00001002', '2000.00'),
        line(3, 'INV-00001003', '500.00'),
      ]),
      [invoice(1001, '1000.00'), invoice(1002, '2000.00'), invoice(1003, '500.00')],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'apply INV-00001002 2000.00 exact-invoice-number full',
      'apply INV-00001003 500.00 exact-invoice-number full',
    ]);
    expect(totalsOf(result)).toMatchObject({ applied: '3500.00', inReview: '0.00' });
  });

  describe('early-payment discount', () => {
    const discounted = invoice(1001, '1000.00', { paymentTerms: '2/10 NET30' });

    it('within terms: the discount settles the rest', () => {
      const result = decide(
        payment('980.00', [line(1, 'INV-00001001', '980.00', { discountTaken: '20.00' })]),
        [discounted],
      );
      expect(readable(result)).toEqual([
        'apply INV-00001001 980.00 discount 20.00 exact-invoice-number early-payment-discount',
      ]);
      const applied = applyOf(result.decisions[0]);
      expect(applied.confidence).toBe(0.98);
      expect(applied.openBalanceAfter.toString()).toBe('0');
      expect(applied.evidence).toMatchObject({
        discountEarned: '20.00',
        discountDeadline: '2026-03-11',
        discountTaken: '20.00',
      });
    });

    it('on the last day of the window, and within the customer grace days after it', () => {
      const onDeadline = payment('980.00', [line(1, 'INV-00001001', '980.00')], {
        valueDate: '2026-03-11',
      });
      expect(readable(decide(onDeadline, [discounted]))[0]).toContain('discount 20.00');
      const late = payment('980.00', [line(1, 'INV-00001001', '980.00')], {
        valueDate: '2026-03-14',
      });
      expect(readable(decide(late, [discounted], customer({ discountGraceDays: 3 })))[0]).toContain(
        'discount 20.00',
      );
    });

    it('outside terms: the unearned discount becomes a pricing deduction', () => {
      const result = decide(
        payment('980.00', [line(1, 'INV-00001001', '980.00', { discountTaken: '20.00' })], {
          valueDate: '2026-03-20',
        }),
        [discounted],
      );
      expect(readable(result)).toEqual([
        'apply INV-00001001 980.00 exact-invoice-number short-payment',
        'deduction INV-00001001 20.00 pricing',
      ]);
      const deduction = result.decisions[1] as DeductionDecision;
      expect(deduction.reasonCode).toBe('UNEARNED_DISCOUNT');
      expect(deduction.reasons.join(' ')).toContain('after the discount deadline');
    });

    it('outside terms but within the write-off tolerance: written off', () => {
      const result = decide(
        payment('980.00', [line(1, 'INV-00001001', '980.00')], { valueDate: '2026-03-20' }),
        [discounted],
        customer({
          writeOffTolerance: { absolute: new Decimal('25.00'), percent: new Decimal('5') },
        }),
      );
      expect(readable(result)).toEqual([
        'apply INV-00001001 980.00 write-off 20.00 exact-invoice-number write-off',
      ]);
    });

    it('more taken than earned: the earned part is granted, the excess a pricing deduction', () => {
      const result = decide(
        payment('970.00', [line(1, 'INV-00001001', '970.00', { discountTaken: '30.00' })], {
          valueDate: '2026-03-07',
        }),
        [discounted],
        customer({
          writeOffTolerance: { absolute: new Decimal('5.00'), percent: new Decimal('1') },
        }),
      );
      expect(readable(result)).toEqual([
        'apply INV-00001001 970.00 discount 20.00 exact-invoice-number short-payment',
        'deduction INV-00001001 10.00 pricing',
      ]);
      expect(result.outcome).toBe('applied');
      expect(totalsOf(result)).toMatchObject({
        applied: '970.00',
        discounts: '20.00',
        deductions: '10.00',
      });
      const figures = {
        discountEarned: '20.00',
        discountTaken: '30.00',
        discountUnearned: '10.00',
      };
      const applied = applyOf(result.decisions[0]);
      expect(applied.openBalanceAfter.toFixed(2)).toBe('10.00');
      expect(applied.evidence).toMatchObject(figures);
      const deduction = result.decisions[1] as DeductionDecision;
      expect(deduction).toMatchObject({
        rule: 'exact-invoice-number',
        reasonCode: 'UNEARNED_DISCOUNT',
        evidence: figures,
      });
      expect(deduction.reasons).toContain(
        'Discount taken 30.00 is more than the 20.00 earned under 2/10 NET30: 10.00 unearned',
      );
    });
  });

  describe('short payment', () => {
    it('within tolerance (25.00 and 1 % of 1000.00 = 10.00): the difference is written off', () => {
      const result = decide(payment('992.50', [line(1, 'INV-00001001', '992.50')]), [
        invoice(1001, '1000.00'),
      ]);
      expect(readable(result)).toEqual([
        'apply INV-00001001 992.50 write-off 7.50 exact-invoice-number write-off',
      ]);
      expect(applyOf(result.decisions[0]).evidence.writeOffLimit).toBe('10.00');
    });

    it('at exactly the limit it is still written off; a cent more is not', () => {
      const at = decide(payment('990.00', [line(1, 'INV-00001001', '990.00')]), [
        invoice(1001, '1000.00'),
      ]);
      expect(readable(at)[0]).toContain('write-off 10.00');
      const over = decide(payment('989.99', [line(1, 'INV-00001001', '989.99')]), [
        invoice(1001, '1000.00'),
      ]);
      expect(readable(over)).toEqual([
        'apply INV-00001001 989.99 exact-invoice-number partial-payment',
      ]);
    });

    it('beyond tolerance with a reason code: a deduction in the code category', () => {
      const result = decide(
        payment('900.00', [
          line(1, 'INV-00001001', '900.00', {
            adjustmentAmount: '100.00',
            adjustmentReasonCode: '04',
          }),
        ]),
        [invoice(1001, '1000.00')],
      );
      expect(readable(result)).toEqual([
        'apply INV-00001001 900.00 exact-invoice-number short-payment',
        'deduction INV-00001001 100.00 damage',
      ]);
      expect(result.outcome).toBe('applied');
      expect(totalsOf(result)).toMatchObject({ applied: '900.00', deductions: '100.00' });
      const applied = applyOf(result.decisions[0]);
      expect(applied.openBalanceAfter.toString()).toBe('100'); // the disputed part stays open
    });

    it.each([
      ['01', 'pricing'],
      ['06', 'shortage'],
      ['11', 'returns'],
      ['56', 'promotion'],
      ['99', 'other'],
    ])('reason code %s -> %s', (code, category) => {
      const result = decide(
        payment('700.00', [line(1, '1001', '700.00', { adjustmentReasonCode: code })]),
        [invoice(1001, '1000.00')],
      );
      expect((result.decisions[1] as DeductionDecision).category).toBe(category);
    });
  });

  describe('overpayment', () => {
    it('cash beyond the referenced invoices becomes credit on account', () => {
      const result = decide(payment('1050.00', [line(1, 'INV-00001001', '1000.00')]), [
        invoice(1001, '1000.00'),
      ]);
      expect(readable(result)).toEqual([
        'apply INV-00001001 1000.00 exact-invoice-number full',
        'on-account 50.00',
      ]);
      expect(result.outcome).toBe('applied-with-credit');
    });

    it('a line paying more than the balance: the balance is settled, the excess goes on account', () => {
      const result = decide(payment('1100.00', [line(1, 'INV-00001001', '1100.00')]), [
        invoice(1001, '1000.00'),
      ]);
      expect(readable(result)).toEqual([
        'apply INV-00001001 1000.00 exact-invoice-number overpaid',
        'on-account 100.00',
      ]);
    });
  });

  it('payment from an unknown payer: nothing applied, the whole amount queued, and it says so', () => {
    const other = { ...invoice(1001, '1000.00'), customerId: 'C-777' };
    const result = decide(payment('1000.00', [line(1, 'INV-00001001', '1000.00')]), [other], null);
    expect(result.outcome).toBe('unidentified-payer');
    expect(readable(result)).toEqual(['review 1000.00 unidentified-payer']);
    const review = reviewOf(result.decisions[0]);
    expect(review.rule).toBe('unidentified-payer');
    expect(review.reasons[0]).toBe(
      'The payer could not be identified by bank account, remittance identifiers or known aliases',
    );
    expect(review.reasons[1]).toContain('customer C-777');
    expect(review.suggestions.map((s) => [s.invoiceNumber, s.customerId])).toEqual([
      ['INV-00001001', 'C-777'],
    ]);
    expect(totalsOf(result)).toMatchObject({ applied: '0.00', inReview: '1000.00' });
  });

  describe('fuzzy reference', () => {
    it('transposed digits with the exact balance: applied, with the evidence', () => {
      const result = decide(payment('1234.56', [line(1, 'INV-00001243', '1234.56')]), [
        invoice(1234, '1234.56'),
        invoice(1300, '99.00'),
      ]);
      expect(readable(result)).toEqual(['apply INV-00001234 1234.56 fuzzy-invoice-number full']);
      const applied = applyOf(result.decisions[0]);
      expect(applied.confidence).toBe(0.91);
      expect(applied.evidence).toMatchObject({ editKind: 'transposition', editDistance: 1 });
    });

    it('OCR noise in the number: repaired and applied', () => {
      const result = decide(payment('500.00', [line(1, 'lNV-0000I234', '500.00')]), [
        invoice(1234, '500.00'),
      ]);
      expect(readable(result)).toEqual(['apply INV-00001234 500.00 fuzzy-invoice-number full']);
      expect(applyOf(result.decisions[0]).evidence.editKind).toBe('ocr');
    });

    it('a transposition with a partial amount is not enough: queued with the suggestion', () => {
      const result = decide(payment('300.00', [line(1, 'INV-00001243', '300.00')]), [
        invoice(1234, '1234.56'),
      ]);
      expect(readable(result)).toEqual(['review 300.00 below-threshold']);
      const review = reviewOf(result.decisions[0]);
      expect(review.suggestions[0]).toMatchObject({
        invoiceNumber: 'INV-00001234',
        rule: 'fuzzy-invoice-number',
        confidence: 0.67,
      });
      expect(review.suggestions[0].reasons[0]).toContain('two adjacent digits swapped');
    });

    it('a reference in free text with noise and a missing prefix', () => {
      const result = decide(
        payment('730.00', [], { freeText: ['PAYMENT REF 0000I777 THANK YOU'] }),
        [invoice(1777, '730.00'), invoice(1778, '20.00')],
      );
      expect(readable(result)).toEqual(['apply INV-00001777 730.00 fuzzy-invoice-number full']);
    });
  });

  it('many payments for one invoice: each decided against the balance the previous left', () => {
    let invoices = [invoice(1001, '1000.00')];
    const first = decide(payment('300.00', [line(1, 'INV-00001001', '300.00')]), invoices);
    invoices = openInvoicesAfter(invoices, first);
    expect(invoices[0].openBalance.toString()).toBe('700');
    const second = decide(payment('700.00', [line(1, 'INV-00001001', '700.00')]), invoices);
    expect(readable(second)).toEqual(['apply INV-00001001 700.00 exact-invoice-number full']);
    invoices = openInvoicesAfter(invoices, second);
    const third = decide(payment('50.00', [line(1, 'INV-00001001', '50.00')]), invoices);
    expect(readable(third)).toEqual(['review 50.00 invoice-already-settled']);
    expect(reviewOf(third.decisions[0]).reasons[0]).toContain('possibly a duplicate payment');
  });
});
