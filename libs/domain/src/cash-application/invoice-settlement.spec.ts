import { Decimal } from '../decimal/decimal';
import { parsePaymentTerms } from '../payment-terms/payment-terms.parser';
import { discountDeadline } from '../payment-terms/payment-terms.schedule';
import type { WorkingInvoice } from './working-invoice';
import { customer, invoice } from './cash-application.fixtures';
import { settleInvoice, type SettlementRequest, writeOffLimit } from './invoice-settlement';

const d = (value: string) => new Decimal(value);

function working(terms = 'NET30', balance = '1000.00'): WorkingInvoice {
  const parsed = parsePaymentTerms(terms);
  return {
    ...invoice(1, balance),
    paymentTerms: terms,
    terms: parsed,
    discountDeadline: discountDeadline(parsed, '2026-03-01'),
    age: 0,
  };
}

function settle(offered: string, overrides: Partial<SettlementRequest> = {}) {
  const target = overrides.invoice ?? working();
  const plan = settleInvoice({
    invoice: target,
    balance: target.openBalance,
    offered: d(offered),
    valueDate: '2026-03-05',
    customer: customer(),
    discountTaken: null,
    adjustmentAmount: null,
    adjustmentReasonCode: null,
    adjustmentText: null,
    ...overrides,
  });
  const parts = { cash: plan.cash, discount: plan.discount, writeOff: plan.writeOff };
  return {
    plan,
    view: [
      plan.kind,
      ...Object.entries({ ...parts, deduction: plan.deduction, excess: plan.excess })
        .filter(([, value]) => !value.isZero())
        .map(([key, value]) => `${key} ${value.toFixed(2)}`),
    ].join(' '),
  };
}

describe('settleInvoice', () => {
  it.each([
    ['1000.00', 'full cash 1000.00'],
    ['1200.00', 'overpaid cash 1000.00 excess 200.00'],
    ['995.00', 'write-off cash 995.00 writeOff 5.00'],
    ['500.00', 'partial-payment cash 500.00'],
    ['0.00', 'partial-payment'],
  ])('NET30, balance 1000.00, offered %s -> %s', (offered, view) => {
    expect(settle(offered).view).toBe(view);
  });

  it.each([
    ['980.00', '2026-03-05', 'early-payment-discount cash 980.00 discount 20.00'],
    ['985.00', '2026-03-05', 'early-payment-discount cash 985.00 discount 15.00'], // took less
    ['975.00', '2026-03-05', 'discount-and-write-off cash 975.00 discount 20.00 writeOff 5.00'],
    ['900.00', '2026-03-05', 'partial-payment cash 900.00'], // no discount on a partial payment
    ['980.00', '2026-03-12', 'short-payment cash 980.00 deduction 20.00'], // unearned
    ['995.00', '2026-03-12', 'write-off cash 995.00 writeOff 5.00'],
  ])('2/10 NET30 offered %s on %s -> %s', (offered, valueDate, view) => {
    expect(settle(offered, { invoice: working('2/10 NET30'), valueDate }).view).toBe(view);
  });

  it('judges the discount on the balance being settled, not the original total', () => {
    const partlyPaid = { ...working('2/10 NET30', '500.00'), total: d('1000.00') };
    expect(settle('490.00', { invoice: partlyPaid }).view).toBe(
      'early-payment-discount cash 490.00 discount 10.00',
    );
  });

  it('an unearned discount is recognised by the amount even when the payer does not say so', () => {
    const { plan } = settle('980.00', { invoice: working('2/10 NET30'), valueDate: '2026-04-01' });
    expect(plan.deductionReasonCode).toBe('UNEARNED_DISCOUNT');
    expect(plan.deductionCategory?.category).toBe('pricing');
  });

  it('a short payment with an adjustment amount but no code is a deduction of category other', () => {
    const { plan, view } = settle('800.00', { adjustmentAmount: d('200.00') });
    expect(view).toBe('short-payment cash 800.00 deduction 200.00');
    expect(plan.deductionCategory).toMatchObject({ category: 'other', source: 'default' });
  });

  it('takes the category from the adjustment text when the code is unknown', () => {
    const { plan } = settle('800.00', {
      adjustmentReasonCode: 'ZZ',
      adjustmentText: 'SHORT SHIPPED',
    });
    expect(plan.deductionCategory).toMatchObject({ category: 'shortage', source: 'text' });
  });

  it('lowers confidence when the payer claims another discount than the one earned', () => {
    const claimed = settle('980.00', { invoice: working('2/10 NET30'), discountTaken: d('25.00') });
    expect(claimed.plan.confidence).toBe(0.95);
    const matching = settle('980.00', {
      invoice: working('2/10 NET30'),
      discountTaken: d('20.00'),
    });
    expect(matching.plan.confidence).toBe(0.98);
  });

  it('never settles more than the balance', () => {
    for (const offered of ['0.00', '1.00', '979.99', '980.00', '999.99', '1000.00', '5000.00']) {
      const { plan } = settle(offered, { invoice: working('2/10 NET30') });
      const settled = plan.cash.plus(plan.discount).plus(plan.writeOff).plus(plan.deduction);
      expect(settled.lessThanOrEqualTo(d('1000.00'))).toBe(true);
      expect(plan.cash.plus(plan.excess).toFixed(2)).toBe(d(offered).toFixed(2));
    }
  });

  it('explains itself with the figures', () => {
    const { plan } = settle('975.00', { invoice: working('2/10 NET30') });
    expect(plan.evidence).toEqual({
      amountPaid: '975.00',
      openBalance: '1000.00',
      difference: '25.00',
      discountEarned: '20.00',
      discountDeadline: '2026-03-11',
      discountTaken: '0.00',
      writeOffLimit: '10.00',
      adjustmentReasonCode: null,
    });
    expect(plan.reasons).toEqual([
      'Early-payment discount 20.00 earned under 2/10 NET30',
      'Difference 5.00 is within the write-off tolerance of 10.00',
    ]);
  });
});

describe('writeOffLimit', () => {
  const tolerance = (absolute: string, percent: string) => ({
    absolute: d(absolute),
    percent: d(percent),
  });
  it.each([
    ['25.00', '1', '1000.00', 'USD', '10'],
    ['25.00', '1', '5000.00', 'USD', '25'],
    ['25.00', '0', '5000.00', 'USD', '0'],
    ['0.00', '5', '5000.00', 'USD', '0'],
    ['25.00', '1', '333.33', 'USD', '3.33'], // 3.3333 rounded down
    ['500', '1', '12345', 'JPY', '123'],
    ['5.000', '0.5', '123.457', 'KWD', '0.617'],
  ])('abs %s, %s %% of %s %s -> %s', (absolute, percent, balance, currency, expected) => {
    expect(
      writeOffLimit(tolerance(absolute, percent), d(balance), currency as 'USD').toString(),
    ).toBe(expected);
  });
});
