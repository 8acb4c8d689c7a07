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

  describe('discount taken against the discount earned (2/10 NET30, 1000.00, earned 20.00)', () => {
    const terms = working('2/10 NET30');
    const noTolerance = customer({
      writeOffTolerance: { absolute: d('0.00'), percent: d('0') },
    });
    const taking = (offered: string, taken: string, overrides: Partial<SettlementRequest> = {}) =>
      settle(offered, { invoice: terms, discountTaken: d(taken), ...overrides });

    it('earned discount taken in full: settled by the discount, no dispute', () => {
      const { plan, view } = taking('980.00', '20.00', { valueDate: '2026-03-07' });
      expect(view).toBe('early-payment-discount cash 980.00 discount 20.00');
      expect(plan.deductionReasonCode).toBeNull();
      expect(plan.evidence).not.toHaveProperty('discountUnearned');
    });

    it('taken larger than earned, beyond tolerance: the earned part granted, the excess a pricing deduction', () => {
      const { plan, view } = taking('970.00', '30.00', {
        valueDate: '2026-03-07',
        customer: customer({ writeOffTolerance: { absolute: d('5.00'), percent: d('1') } }),
      });
      expect(view).toBe('short-payment cash 970.00 discount 20.00 deduction 10.00');
      expect(plan.deductionReasonCode).toBe('UNEARNED_DISCOUNT');
      expect(plan.deductionCategory).toMatchObject({
        category: 'pricing',
        source: 'unearned-discount',
      });
      expect(plan.confidence).toBe(0.95);
      expect(plan.evidence).toEqual({
        amountPaid: '970.00',
        openBalance: '1000.00',
        difference: '30.00',
        discountEarned: '20.00',
        discountDeadline: '2026-03-11',
        discountTaken: '30.00',
        discountUnearned: '10.00',
        writeOffLimit: '5.00',
        adjustmentReasonCode: null,
      });
      expect(plan.reasons).toEqual([
        'Early-payment discount 20.00 earned under 2/10 NET30',
        'Discount taken 30.00 is more than the 20.00 earned under 2/10 NET30: 10.00 unearned',
        'Short by 10.00, beyond the write-off tolerance of 5.00: deduction (pricing: Early-payment discount not earned: taken after the discount deadline or beyond the terms)',
      ]);
    });

    it('taken larger than earned but short by far more: a partial payment, not a pricing dispute', () => {
      const { plan, view } = taking('500.00', '30.00', {
        valueDate: '2026-03-07',
        customer: noTolerance,
      });
      expect(view.startsWith('partial-payment cash 500.00')).toBe(true);
      expect(plan.deduction.isZero()).toBe(true);
      expect(plan.deductionReasonCode).toBeNull();
    });

    it('taken larger than earned, within tolerance: the earned part granted, the excess written off', () => {
      const { plan, view } = taking('970.00', '30.00', { valueDate: '2026-03-07' });
      expect(view).toBe('discount-and-write-off cash 970.00 discount 20.00 writeOff 10.00');
      expect(plan.deduction.isZero()).toBe(true);
      expect(plan.evidence).toMatchObject({
        discountEarned: '20.00',
        discountTaken: '30.00',
        discountUnearned: '10.00',
        writeOffLimit: '10.00',
      });
      expect(plan.reasons).toEqual([
        'Early-payment discount 20.00 earned under 2/10 NET30',
        'Discount taken 30.00 is more than the 20.00 earned under 2/10 NET30: 10.00 unearned',
        'Difference 10.00 is within the write-off tolerance of 10.00',
      ]);
    });

    it('taken larger than earned by one cent beyond a zero tolerance is still a deduction', () => {
      const { plan, view } = taking('979.99', '20.01', { customer: noTolerance });
      expect(view).toBe('short-payment cash 979.99 discount 20.00 deduction 0.01');
      expect(plan.deductionReasonCode).toBe('UNEARNED_DISCOUNT');
    });

    it('taken larger than earned and an adjustment with its own reason: the payer reason wins', () => {
      const { plan, view } = taking('930.00', '30.00', {
        customer: noTolerance,
        adjustmentAmount: d('40.00'),
        adjustmentReasonCode: '04',
      });
      expect(view).toBe('short-payment cash 930.00 discount 20.00 deduction 50.00');
      expect(plan.deductionReasonCode).toBe('04');
      expect(plan.deductionCategory?.category).toBe('damage');
      expect(plan.evidence.discountUnearned).toBe('10.00');
    });

    it.each([
      ['990.00', '10.00', 'early-payment-discount cash 990.00 discount 10.00'],
      ['980.00', '10.00', 'early-payment-discount cash 980.00 discount 20.00'],
      ['970.00', '10.00', 'partial-payment cash 970.00'],
    ])('taken smaller than earned: offered %s, taken %s -> %s', (offered, taken, view) => {
      const { plan, view: seen } = taking(offered, taken, { customer: noTolerance });
      expect(seen).toBe(view);
      expect(plan.deductionReasonCode).toBeNull();
      expect(plan.evidence).not.toHaveProperty('discountUnearned');
    });

    it('taken after the discount date: nothing earned, all of it unearned', () => {
      const { plan, view } = taking('970.00', '30.00', {
        valueDate: '2026-03-12',
        customer: noTolerance,
      });
      expect(view).toBe('short-payment cash 970.00 deduction 30.00');
      expect(plan.deductionReasonCode).toBe('UNEARNED_DISCOUNT');
      expect(plan.evidence).toMatchObject({
        discountEarned: '0.00',
        discountTaken: '30.00',
        discountUnearned: '30.00',
      });
      expect(plan.reasons[0]).toBe(
        'Discount taken 30.00 is more than the 0.00 earned under 2/10 NET30: 30.00 unearned',
      );
    });

    it('taken after the discount date but within the grace days: earned as on time', () => {
      const { view } = taking('970.00', '30.00', {
        valueDate: '2026-03-13',
        customer: customer({
          discountGraceDays: 2,
          writeOffTolerance: { absolute: d('0.00'), percent: d('0') },
        }),
      });
      expect(view).toBe('short-payment cash 970.00 discount 20.00 deduction 10.00');
    });

    it.each([
      // 2 % of 1234.56 is 24.6912: 24.69 earned, 0.31 of the 25.00 taken is unearned.
      ['USD', '1234.56', '1209.56', '25.00', '0.00', 'short-payment', '24.69', '0', '0.31'],
      // Half a cent rounds up: 2 % of 1000.25 is 20.005, earned 20.01.
      ['USD', '1000.25', '979.25', '21.00', '0.00', 'short-payment', '20.01', '0', '0.99'],
      // No minor units: 2 % of 12345 is 246.9, earned 247; the write-off limit is 25.
      ['JPY', '12345', '12045', '300', '25', 'short-payment', '247', '0', '53'],
      ['JPY', '12345', '12075', '270', '25', 'discount-and-write-off', '247', '23', '0'],
      // Three: 2 % of 123.457 is 2.46914, earned 2.469.
      ['KWD', '123.457', '120.957', '2.500', '0.000', 'short-payment', '2.469', '0', '0.031'],
    ])(
      'rounding in %s: balance %s, offered %s, taken %s, tolerance %s -> %s, discount %s, write-off %s, deduction %s',
      (currency, balance, offered, taken, absolute, kind, discount, writeOff, deduction) => {
        const target = { ...working('2/10 NET30', balance), currency: currency as 'USD' };
        const { plan } = taking(offered, taken, {
          invoice: target,
          customer: customer({ writeOffTolerance: { absolute: d(absolute), percent: d('1') } }),
        });
        expect(plan.kind).toBe(kind);
        expect([plan.discount, plan.writeOff, plan.deduction].map(String)).toEqual([
          discount,
          writeOff,
          deduction,
        ]);
        const unearned = d(taken).minus(d(discount));
        expect(plan.evidence.discountUnearned).toBe(unearned.toFixed(d(balance).decimalPlaces()));
        const settled = plan.cash.plus(plan.discount).plus(plan.writeOff).plus(plan.deduction);
        expect(settled.equals(d(balance))).toBe(true);
      },
    );
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
