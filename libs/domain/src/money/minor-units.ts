import { Decimal } from '../decimal/decimal';
import { type CurrencyCode, minorUnits } from './currency.table';

/**
 * Amounts as whole minor units (cents) in a JS number, for scans that compare many amounts:
 * a Decimal comparison allocates, a number comparison does not. Exact below 2^50.
 */

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const POINT = 46;

/** Below this many minor units, amount x scale in floating point is within 0.5 of the integer. */
export const EXACT_MINOR_LIMIT = 2 ** 50;

const SCALES = new Map<CurrencyCode, Decimal>();

/** An amount in whole minor units (cents) as a number; exact for any real ledger's balances. */
export function minorUnitsOf(amount: Decimal, currency: CurrencyCode): number {
  const digits = minorUnits(currency);
  // The usual case, an amount already in the currency's minor units: a float product rounded
  // to the nearest integer is the exact count (no Decimal multiplication, no new object).
  if (amount.decimalPlaces() <= digits) {
    const minor = Math.round(amount.toNumber() * 10 ** digits);
    if (Math.abs(minor) < EXACT_MINOR_LIMIT) return minor;
  }
  let scale = SCALES.get(currency);
  if (scale === undefined) {
    scale = new Decimal(10).pow(digits);
    SCALES.set(currency, scale);
  }
  return amount.times(scale).toNumber();
}

/**
 * The amount written `-?\d+(\.\d+)?` (a numeric as Postgres prints it) in whole minor units
 * of a currency with `minorDigits` decimals, read from the text without building a Decimal;
 * trailing zeros of the fraction are not decimals. It is the count `minorUnitsOf` gives for
 * `new Decimal(text)`. Null for anything else: more decimals than the currency has, any other
 * spelling (exponent, '+', '.5', '1.', NaN, Infinity, spaces), or 2^50 minor units or more.
 * The caller then takes the Decimal path, which stays the one definition of what is accepted
 * and of how anything else is refused. Negative zero is zero.
 */
export function scanMinorUnits(text: string, minorDigits: number): number | null {
  const length = text.length;
  let index = length > 0 && text.charCodeAt(0) === MINUS ? 1 : 0;
  const negative = index === 1;
  const integerStart = index;
  let units = 0;
  for (; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < ZERO || code > NINE) break;
    units = units * 10 + (code - ZERO);
  }
  if (index === integerStart) return null;
  let decimals = 0;
  if (index < length) {
    if (text.charCodeAt(index) !== POINT || index + 1 === length) return null;
    index += 1;
    let end = length;
    while (end > index && text.charCodeAt(end - 1) === ZERO) end -= 1;
    decimals = end - index;
    if (decimals > minorDigits) return null;
    for (; index < end; index += 1) {
      const code = text.charCodeAt(index);
      if (code < ZERO || code > NINE) return null;
      units = units * 10 + (code - ZERO);
    }
  }
  // Past 2^53 the sums above may be inexact, but they stay past the limit: refused either way.
  for (let scale = decimals; scale < minorDigits; scale += 1) units *= 10;
  if (units >= EXACT_MINOR_LIMIT) return null;
  return negative && units !== 0 ? -units : units;
}
