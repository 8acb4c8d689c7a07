import type { ApplyDecision, ReviewDecision } from './cash-application.types';
import { decide, invoice, line, payment, readable, totalsOf } from './cash-application.fixtures';

const reviewOf = (decision: unknown) => decision as ReviewDecision;

describe('decideCashApplication: no reference', () => {
  it('the single open invoice equal to the amount', () => {
    const result = decide(payment('450.00'), [
      invoice(1001, '1000.00'),
      invoice(1002, '450.00'),
      invoice(1003, '300.00'),
    ]);
    expect(readable(result)).toEqual(['apply INV-00001002 450.00 single-open-invoice-amount full']);
    expect((result.decisions[0] as ApplyDecision).confidence).toBe(0.92);
  });

  it('two open invoices equal to the amount: queued, oldest first', () => {
    const result = decide(payment('450.00'), [
      invoice(1002, '450.00', { issueDate: '2026-02-01' }),
      invoice(1001, '450.00', { issueDate: '2026-01-15' }),
    ]);
    expect(readable(result)).toEqual(['review 450.00 ambiguous']);
    expect(reviewOf(result.decisions[0]).suggestions.map((s) => s.invoiceNumber)).toEqual([
      'INV-00001001',
      'INV-00001002',
    ]);
  });

  it('the single invoice whose balance less its earned discount equals the amount', () => {
    const result = decide(payment('490.00'), [
      invoice(1001, '500.00', { paymentTerms: '2/10 NET30' }),
      invoice(1002, '800.00'),
    ]);
    expect(readable(result)).toEqual([
      'apply INV-00001001 490.00 discount 10.00 discounted-open-invoice-amount early-payment-discount',
    ]);
  });

  it('the one combination of open invoices, oldest first, with the search figures', () => {
    const result = decide(payment('1750.00'), [
      invoice(1001, '1000.00', { issueDate: '2026-01-05' }),
      invoice(1002, '300.00', { issueDate: '2026-01-20' }),
      invoice(1003, '450.00', { issueDate: '2026-02-03' }),
      invoice(1004, '975.00', { issueDate: '2026-02-10' }),
    ]);
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 open-invoice-combination full',
      'apply INV-00001002 300.00 open-invoice-combination full',
      'apply INV-00001003 450.00 open-invoice-combination full',
    ]);
    const first = result.decisions[0] as ApplyDecision;
    expect(first.evidence.invoiceNumbers).toEqual(['INV-00001001', 'INV-00001002', 'INV-00001003']);
    expect(first.evidence.combinationNodesVisited).toBeGreaterThan(0);
    expect(first.reasons[0]).toContain('is the only combination');
  });

  it('two combinations: queued as ambiguous with both', () => {
    const result = decide(payment('1000.00'), [
      invoice(1001, '600.00'),
      invoice(1002, '400.00'),
      invoice(1003, '700.00'),
      invoice(1004, '300.00'),
    ]);
    expect(readable(result)).toEqual(['review 1000.00 ambiguous']);
    expect(reviewOf(result.decisions[0]).reasons[0]).toContain(
      'INV-00001001 + INV-00001002; INV-00001003 + INV-00001004',
    );
  });

  it('nothing adds up: queued with the closest invoices as suggestions', () => {
    const result = decide(payment('995.00'), [invoice(1001, '1000.00'), invoice(1002, '20.00')]);
    expect(readable(result)).toEqual(['review 995.00 no-match']);
    const review = reviewOf(result.decisions[0]);
    expect(review.suggestions[0]).toMatchObject({
      invoiceNumber: 'INV-00001001',
      amount: expect.anything(),
      confidence: 0.76,
    });
    expect(review.suggestions[0].writeOff.toFixed(2)).toBe('5.00');
  });

  it('a pathological ledger cannot make the search blow up: the budget ends it', () => {
    const many = Array.from({ length: 1500 }, (_, index) => invoice(2000 + index, '3.00'));
    const started = performance.now();
    const result = decide(payment('100.01'), many, undefined, { combinationNodeBudget: 20_000 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(readable(result)).toEqual(['review 100.01 search-budget-exhausted']);
    expect(reviewOf(result.decisions[0]).evidence).toMatchObject({
      combinationNodeBudget: 20_000,
      candidatesConsidered: 1500,
    });
    expect(reviewOf(result.decisions[0]).evidence.combinationNodesVisited).toBeLessThanOrEqual(
      20_000,
    );
  });

  it('a line with an amount and no reference is looked for by its amount', () => {
    const result = decide(
      payment('1300.00', [line(1, 'INV-00001001', '1000.00'), line(2, null, '300.00')]),
      [invoice(1001, '1000.00'), invoice(1002, '300.00'), invoice(1003, '450.00')],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'apply INV-00001002 300.00 single-open-invoice-amount full',
    ]);
  });
});

describe('decideCashApplication: references without amounts', () => {
  it('free-text references whose balances add up to the payment', () => {
    const result = decide(payment('1450.00', [], { freeText: ['PMT FOR INV 1001/1003 THANKS'] }), [
      invoice(1001, '1000.00'),
      invoice(1002, '200.00'),
      invoice(1003, '450.00'),
    ]);
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 free-text-invoice-number full',
      'apply INV-00001003 450.00 free-text-invoice-number full',
    ]);
    expect((result.decisions[0] as ApplyDecision).confidence).toBe(0.98);
  });

  it('structured references without amounts, settled with their earned discounts', () => {
    const terms = { paymentTerms: '2/10 NET30' };
    const result = decide(
      payment('1470.00', [line(1, 'INV-00001001', null), line(2, 'INV-00001002', null)]),
      [invoice(1001, '1000.00', terms), invoice(1002, '500.00', terms)],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 980.00 discount 20.00 exact-invoice-number early-payment-discount',
      'apply INV-00001002 490.00 discount 10.00 exact-invoice-number early-payment-discount',
    ]);
  });

  it('more cash than the named invoices: they are settled and the rest goes on account', () => {
    const result = decide(payment('1100.00', [], { freeText: ['INV-00001001'] }), [
      invoice(1001, '1000.00'),
    ]);
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 free-text-invoice-number full',
      'on-account 100.00',
    ]);
  });

  it('less cash than the named invoices: oldest first, the shortfall queued', () => {
    const result = decide(
      payment('1200.00', [line(1, 'INV-00001001', null), line(2, 'INV-00001002', null)]),
      [
        invoice(1001, '1000.00', { issueDate: '2026-01-01' }),
        invoice(1002, '500.00', { issueDate: '2026-02-01' }),
      ],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'review 200.00 below-threshold',
    ]);
    expect(reviewOf(result.decisions[1]).reasons).toContain(
      'No amount was stated for this invoice; the cash left was allotted oldest invoice first',
    );
  });

  it('free text is not read when structured lines name the invoices', () => {
    const result = decide(
      payment('1000.00', [line(1, 'INV-00001001', '1000.00')], {
        freeText: ['INV-00001001 INV-00001002'],
      }),
      [invoice(1001, '1000.00'), invoice(1002, '1000.00')],
    );
    expect(readable(result)).toEqual(['apply INV-00001001 1000.00 exact-invoice-number full']);
  });
});

describe('decideCashApplication: what goes to a person', () => {
  it('a reference to no open invoice keeps the line amount in the queue', () => {
    const result = decide(
      payment('1500.00', [line(1, 'INV-00001001', '1000.00'), line(2, 'INV-00009999', '500.00')]),
      [invoice(1001, '1000.00'), invoice(1002, '500.00')],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'review 500.00 no-match',
    ]);
    expect(result.outcome).toBe('partially-applied');
    expect(reviewOf(result.decisions[1]).suggestions[0]?.invoiceNumber).toBe('INV-00001002');
  });

  it('a transposed number that names another real invoice: queued with both', () => {
    // The payer meant INV-00001234 (balance 700.00) but typed 1243, which also exists.
    const result = decide(payment('700.00', [line(1, 'INV-00001243', '700.00')]), [
      invoice(1234, '700.00'),
      invoice(1243, '950.00'),
    ]);
    expect(readable(result)).toEqual(['review 700.00 ambiguous']);
    expect(
      reviewOf(result.decisions[0]).suggestions.map((s) => [s.invoiceNumber, s.rule, s.confidence]),
    ).toEqual([
      ['INV-00001243', 'exact-invoice-number', 0.95],
      ['INV-00001234', 'fuzzy-invoice-number', 0.91],
    ]);
  });

  it('an invoice billed in another currency is not matched', () => {
    const result = decide(payment('100.00', [line(1, 'INV-00001001', '100.00')]), [
      invoice(1001, '100.00', { currency: 'EUR' }),
    ]);
    expect(readable(result)).toEqual(['review 100.00 currency-mismatch']);
  });

  it('a reference naming invoices in two series is ambiguous', () => {
    const result = decide(payment('100.00', [line(1, '1001', '100.00')]), [
      invoice(1001, '100.00'),
      { ...invoice(1001, '100.00'), invoiceId: 'cm-1001', invoiceNumber: 'EU-00001001' },
    ]);
    expect(readable(result)).toEqual(['review 100.00 ambiguous']);
    expect(reviewOf(result.decisions[0]).suggestions).toHaveLength(2);
  });

  it('remittance lines adding up to more than the payment: the last line gets what is left', () => {
    const result = decide(
      payment('1400.00', [line(1, 'INV-00001001', '1000.00'), line(2, 'INV-00001002', '500.00')]),
      [invoice(1001, '1000.00'), invoice(1002, '500.00')],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'review 400.00 below-threshold',
    ]);
  });

  it('a bank charge within tolerance on the last line is written off', () => {
    const result = decide(
      payment('1496.00', [line(1, 'INV-00001001', '1000.00'), line(2, 'INV-00001002', '500.00')]),
      [invoice(1001, '1000.00'), invoice(1002, '500.00')],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'apply INV-00001002 496.00 write-off 4.00 exact-invoice-number write-off',
    ]);
  });

  it('lines with no cash left are listed for a person at zero', () => {
    const result = decide(
      payment('1000.00', [line(1, 'INV-00001001', '1000.00'), line(2, 'INV-00001002', '500.00')]),
      [invoice(1001, '1000.00'), invoice(1002, '500.00')],
    );
    expect(readable(result)).toEqual([
      'apply INV-00001001 1000.00 exact-invoice-number full',
      'review 0.00 exceeds-payment',
    ]);
    expect(totalsOf(result)).toMatchObject({ applied: '1000.00', inReview: '0.00' });
  });

  it('a credit memo netted by the payer is flagged for confirmation', () => {
    const result = decide(
      payment('950.00', [line(1, 'INV-00001001', '1000.00'), line(2, 'CM-778', '-50.00')]),
      [invoice(1001, '1000.00')],
    );
    // The invoice line claims 1000.00 of 950.00 cash because the payer netted the credit memo:
    // both wait for a person, who books the credit memo against the invoice.
    expect(readable(result)).toEqual([
      'review 950.00 below-threshold',
      'review 0.00 credit-memo-netting',
    ]);
    expect(reviewOf(result.decisions[1]).reasons[0]).toBe(
      'Line 2 nets credit CM-778 of 50.00 against the invoices: confirm it against the credit memo',
    );
  });

  it('raising the threshold sends even exact matches to the queue', () => {
    const result = decide(
      payment('980.00', [line(1, 'INV-00001001', '980.00')]),
      [invoice(1001, '1000.00', { paymentTerms: '2/10 NET30' })],
      undefined,
      { autoApplyThreshold: 0.99 },
    );
    expect(readable(result)).toEqual(['review 980.00 below-threshold']);
    expect(reviewOf(result.decisions[0]).suggestions[0]).toMatchObject({
      invoiceNumber: 'INV-00001001',
      confidence: 0.98,
      rule: 'exact-invoice-number',
    });
  });
});
