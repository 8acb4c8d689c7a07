import { Decimal as GlobalDecimal } from 'decimal.js';
import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from './currency.table';
import { type Money, moneyOf } from './money';
import {
  addMoney,
  compareMoney,
  isGreaterThan,
  isLessThan,
  isNegative,
  isPositive,
  isZero,
  maxMoney,
  minMoney,
  moneyEquals,
  multiplyMoney,
  negateMoney,
  subtractMoney,
  sumMoney,
} from './money-arithmetic';
import { captureDomainError } from '../testing/domain-error.capture';

const m = (amount: string, currency: CurrencyCode = 'USD'): Money =>
  moneyOf(new Decimal(amount), currency);
const mismatch = { code: DomainErrorCode.MONEY_CURRENCY_MISMATCH };
const cents = fc.stringMatching(/^-?\d{1,12}\.\d{2}$/).map((text) => m(text));

describe('addMoney / subtractMoney', () => {
  it('adds and subtracts exactly, where floats would not', () => {
    expect(addMoney(m('0.1'), m('0.2')).amount.toString()).toBe('0.3');
    expect(subtractMoney(m('0.3'), m('0.1')).amount.toString()).toBe('0.2');
    expect(subtractMoney(m('1'), m('1.01')).amount.toString()).toBe('-0.01');
    expect(addMoney(m('999999999999999.99'), m('0.01')).amount.toString()).toBe('1000000000000000');
  });

  it('refuses to mix currencies', () => {
    expect(captureDomainError(() => addMoney(m('1'), m('1', 'EUR')))).toMatchObject(mismatch);
    expect(captureDomainError(() => subtractMoney(m('1', 'JPY'), m('1')))).toMatchObject(mismatch);
  });

  it('returns frozen results and leaves the operands alone', () => {
    const a = m('1.5');
    const sum = addMoney(a, m('2'));
    expect(Object.isFrozen(sum)).toBe(true);
    expect(a.amount.toString()).toBe('1.5');
  });

  it('satisfies (a + b) - b = a and a + b = b + a', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        expect(moneyEquals(subtractMoney(addMoney(a, b), b), a)).toBe(true);
        expect(moneyEquals(addMoney(a, b), addMoney(b, a))).toBe(true);
      }),
    );
  });
});

describe('multiplyMoney / negateMoney', () => {
  it('multiplies without rounding', () => {
    expect(multiplyMoney(m('10.00'), new Decimal('0.0825')).amount.toString()).toBe('0.825');
    expect(multiplyMoney(m('1'), new Decimal(1).div(3)).amount.toString()).toBe(
      '0.' + '3'.repeat(40),
    );
    expect(multiplyMoney(m('2.5'), new Decimal(-2)).amount.toString()).toBe('-5');
  });

  it('uses the domain precision even for a foreign Decimal factor', () => {
    const third = new GlobalDecimal(1).div(3); // 20 digits in the global configuration
    expect(multiplyMoney(m('3'), third).amount.toString()).toBe('0.99999999999999999999');
  });

  it('negates, keeping zero positive', () => {
    expect(negateMoney(m('1.25')).amount.toString()).toBe('-1.25');
    expect(negateMoney(m('0')).amount.isNegative()).toBe(false);
  });
});

describe('sumMoney', () => {
  it('sums to zero for an empty list', () => {
    expect(sumMoney([], 'JPY')).toEqual(m('0', 'JPY'));
  });

  it('sums a list in one currency', () => {
    expect(sumMoney([m('0.1'), m('0.2'), m('-0.05')], 'USD').amount.toString()).toBe('0.25');
  });

  it('names the first item in another currency', () => {
    expect(captureDomainError(() => sumMoney([m('1'), m('1', 'EUR')], 'USD'))).toMatchObject({
      code: DomainErrorCode.MONEY_CURRENCY_MISMATCH,
      field: '[1]',
    });
    expect(captureDomainError(() => sumMoney([m('1')], 'EUR'))).toMatchObject({ field: '[0]' });
  });

  it('equals repeated addition', () => {
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 20 }), (list) => {
        const folded = list.reduce((total, item) => addMoney(total, item), m('0'));
        expect(moneyEquals(sumMoney(list, 'USD'), folded)).toBe(true);
      }),
    );
  });
});

describe('comparisons', () => {
  it('compares like a comparator', () => {
    expect(compareMoney(m('1'), m('2'))).toBe(-1);
    expect(compareMoney(m('2'), m('1'))).toBe(1);
    expect(compareMoney(m('1.50'), m('1.5'))).toBe(0);
    expect(captureDomainError(() => compareMoney(m('1'), m('1', 'EUR')))).toMatchObject(mismatch);
  });

  it('orders amounts', () => {
    expect(isGreaterThan(m('0.01'), m('0'))).toBe(true);
    expect(isGreaterThan(m('0'), m('0'))).toBe(false);
    expect(isLessThan(m('-0.01'), m('0'))).toBe(true);
    expect(isLessThan(m('0'), m('0'))).toBe(false);
    expect(captureDomainError(() => isGreaterThan(m('1'), m('1', 'GBP')))).toMatchObject(mismatch);
    expect(minMoney(m('1'), m('2')).amount.toString()).toBe('1');
    expect(maxMoney(m('1'), m('2')).amount.toString()).toBe('2');
    expect(captureDomainError(() => minMoney(m('1'), m('1', 'GBP')))).toMatchObject(mismatch);
  });

  it('treats different currencies as unequal rather than an error', () => {
    expect(moneyEquals(m('1'), m('1.00'))).toBe(true);
    expect(moneyEquals(m('1'), m('1', 'EUR'))).toBe(false);
    expect(moneyEquals(m('1'), m('1.01'))).toBe(false);
  });

  it('classifies the sign', () => {
    expect([isZero(m('0')), isNegative(m('0')), isPositive(m('0'))]).toEqual([true, false, false]);
    expect([isZero(m('-0')), isNegative(m('-0')), isPositive(m('-0'))]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isZero(m('-1')), isNegative(m('-1')), isPositive(m('-1'))]).toEqual([
      false,
      true,
      false,
    ]);
    expect([isZero(m('1e-30')), isNegative(m('1e-30')), isPositive(m('1e-30'))]).toEqual([
      false,
      false,
      true,
    ]);
  });
});
