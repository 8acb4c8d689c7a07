import { Decimal } from '@o2c/domain';
import { CashRunSummary } from './cash-run.summary';

describe('CashRunSummary', () => {
  it('counts applications by rule and sums cash per currency, merging batches', () => {
    const first = new CashRunSummary();
    first.payments = 2;
    first.application('exact-invoice-number', 'USD', new Decimal('100.10'));
    first.application('exact-invoice-number', 'EUR', new Decimal('5'));
    first.waiting('USD', new Decimal('7.5'), true);
    const second = new CashRunSummary();
    second.payments = 1;
    second.application('fuzzy-invoice-number', 'USD', new Decimal('0.90'));
    second.putOnAccount('USD', new Decimal('3'));
    second.deduction('USD', new Decimal('12'));
    first.merge(second);
    expect(first.toJSON()).toEqual({
      payments: 3,
      applied: {
        count: 3,
        amounts: [
          { amount: '5.00', currency: 'EUR' },
          { amount: '101.00', currency: 'USD' },
        ],
      },
      byRule: {
        'exact-invoice-number': {
          count: 2,
          amounts: [
            { amount: '5.00', currency: 'EUR' },
            { amount: '100.10', currency: 'USD' },
          ],
        },
        'fuzzy-invoice-number': { count: 1, amounts: [{ amount: '0.90', currency: 'USD' }] },
      },
      onAccount: { count: 1, amounts: [{ amount: '3.00', currency: 'USD' }] },
      inReview: { count: 0, amounts: [] },
      unidentified: { count: 1, amounts: [{ amount: '7.50', currency: 'USD' }] },
      deductions: { count: 1, amounts: [{ amount: '12.00', currency: 'USD' }] },
      elapsedMs: 0,
    });
  });
});
