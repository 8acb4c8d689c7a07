import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from './currency.table';
import { type Money, moneyOf } from './money';

function assertSameCurrency(expected: CurrencyCode, actual: Money, field?: string): void {
  if (actual.currency !== expected) {
    throw new DomainError(
      DomainErrorCode.MONEY_CURRENCY_MISMATCH,
      `Cannot combine ${actual.currency} with ${expected}`,
      field,
    );
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a.currency, b);
  return moneyOf(a.amount.plus(b.amount), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a.currency, b);
  return moneyOf(a.amount.minus(b.amount), a.currency);
}

/** Unrounded on purpose: callers round once, at the line (see the rule in money.ts). */
export function multiplyMoney(money: Money, factor: Decimal): Money {
  return moneyOf(money.amount.times(toDecimal(factor)), money.currency);
}

export function negateMoney(money: Money): Money {
  return moneyOf(money.amount.negated(), money.currency);
}

/** Sums amounts that must all be in `currency`; an empty list sums to zero. */
export function sumMoney(list: readonly Money[], currency: CurrencyCode): Money {
  let total = new Decimal(0);
  list.forEach((item, index) => {
    assertSameCurrency(currency, item, `[${index}]`);
    total = total.plus(item.amount);
  });
  return moneyOf(total, currency);
}

/** -1, 0 or 1, like a sort comparator. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a.currency, b);
  return a.amount.comparedTo(b.amount) as -1 | 0 | 1;
}

/** Different currencies are simply not equal; use compareMoney to treat that as an error. */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount.equals(b.amount);
}

export function isGreaterThan(a: Money, b: Money): boolean {
  return compareMoney(a, b) > 0;
}

export function isLessThan(a: Money, b: Money): boolean {
  return compareMoney(a, b) < 0;
}

export function isZero(money: Money): boolean {
  return money.amount.isZero();
}

export function isNegative(money: Money): boolean {
  return money.amount.lessThan(0);
}

export function isPositive(money: Money): boolean {
  return money.amount.greaterThan(0);
}

export function minMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) <= 0 ? a : b;
}

export function maxMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) >= 0 ? a : b;
}
