import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from './currency.table';
import { formatAmount, type Money, moneyOf } from './money';
import { allocateMoney } from './money-allocation';
import { sumMoney } from './money-arithmetic';
import { captureDomainError } from '../testing/domain-error.capture';

const m = (amount: string, currency: CurrencyCode = 'USD'): Money =>
  moneyOf(new Decimal(amount), currency);
const w = (...weights: string[]) => weights.map((weight) => new Decimal(weight));
const amounts = (parts: Money[]) => parts.map(formatAmount);

describe('allocateMoney', () => {
  it('splits evenly when it can', () => {
    expect(amounts(allocateMoney(m('9.00'), w('1', '1', '1')))).toEqual(['3.00', '3.00', '3.00']);
  });

  it('gives leftover cents to the largest remainders, ties to the earlier part', () => {
    expect(amounts(allocateMoney(m('10.00'), w('1', '1', '1')))).toEqual(['3.34', '3.33', '3.33']);
    expect(amounts(allocateMoney(m('0.05'), w('1', '1', '1')))).toEqual(['0.02', '0.02', '0.01']);
    // exact shares 3.333.., 6.666..: the 2/3 part has the larger remainder
    expect(amounts(allocateMoney(m('10.00'), w('1', '2')))).toEqual(['3.33', '6.67']);
  });

  it('spreads freight over line amounts proportionally', () => {
    const parts = allocateMoney(m('25.00'), w('120.00', '30.50', '49.50'));
    expect(amounts(parts)).toEqual(['15.00', '3.81', '6.19']);
  });

  it('gives nothing to a zero weight', () => {
    expect(amounts(allocateMoney(m('1.00'), w('0', '1', '0', '2')))).toEqual([
      '0.00',
      '0.33',
      '0.00',
      '0.67',
    ]);
  });

  it('keeps the sign of a negative total', () => {
    expect(amounts(allocateMoney(m('-10.00'), w('1', '1', '1')))).toEqual([
      '-3.34',
      '-3.33',
      '-3.33',
    ]);
  });

  it('allocates zero as zeros', () => {
    expect(amounts(allocateMoney(m('0'), w('1', '2')))).toEqual(['0.00', '0.00']);
  });

  it('works in the currency minor unit (JPY 0, KWD 3)', () => {
    expect(amounts(allocateMoney(m('100', 'JPY'), w('1', '1', '1')))).toEqual(['34', '33', '33']);
    expect(amounts(allocateMoney(m('1', 'KWD'), w('1', '1', '1')))).toEqual([
      '0.334',
      '0.333',
      '0.333',
    ]);
  });

  it('accepts fractional and tiny weights exactly', () => {
    const parts = allocateMoney(
      m('1.00'),
      w('0.000000000000000000000000000000001', '0.000000000000000000000000000000002'),
    );
    expect(amounts(parts)).toEqual(['0.33', '0.67']);
  });

  it('rejects an unrounded total', () => {
    expect(captureDomainError(() => allocateMoney(m('1.005'), w('1')))).toMatchObject({
      code: DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      field: 'total',
    });
  });

  it.each([[[]], [['0']], [['0', '0']]])(
    'rejects weights %p with no positive weight',
    (weights) => {
      expect(captureDomainError(() => allocateMoney(m('1'), w(...weights)))).toMatchObject({
        code: DomainErrorCode.MONEY_INVALID_ALLOCATION,
        field: 'weights',
      });
    },
  );

  it('rejects negative or non-finite weights naming them', () => {
    expect(captureDomainError(() => allocateMoney(m('1'), w('1', '-1')))).toMatchObject({
      code: DomainErrorCode.MONEY_INVALID_ALLOCATION,
      field: 'weights[1]',
    });
    expect(captureDomainError(() => allocateMoney(m('1'), [new Decimal(NaN)]))).toMatchObject({
      field: 'weights[0]',
    });
    expect(captureDomainError(() => allocateMoney(m('1'), [new Decimal(Infinity)]))).toMatchObject({
      field: 'weights[0]',
    });
  });

  it('always sums to the total, with parts within one cent of their exact share', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,13}\.\d{2}$/),
        fc.array(fc.stringMatching(/^\d{1,6}(\.\d{1,4})?$/), { minLength: 1, maxLength: 12 }),
        (totalText, weightTexts) => {
          const weights = w(...weightTexts);
          const sum = weights.reduce((acc, weight) => acc.plus(weight), new Decimal(0));
          fc.pre(sum.greaterThan(0));
          const total = m(totalText);
          const parts = allocateMoney(total, weights);

          expect(parts).toHaveLength(weights.length);
          expect(sumMoney(parts, 'USD').amount.equals(total.amount)).toBe(true);
          parts.forEach((part, index) => {
            const exact = total.amount.times(weights[index]).div(sum);
            expect(part.amount.minus(exact).abs().lessThan('0.01')).toBe(true);
            expect(part.amount.decimalPlaces()).toBeLessThanOrEqual(2);
            if (weights[index].isZero()) expect(part.amount.isZero()).toBe(true);
          });
        },
      ),
    );
  });
});
