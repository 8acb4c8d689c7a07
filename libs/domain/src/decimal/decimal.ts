import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one Decimal constructor for money and quantities. A private clone, so the global
 * decimal.js configuration (precision 20) is neither relied upon nor mutated for other users.
 * Precision 40 keeps every intermediate product of 15-digit amounts exact; ROUND_HALF_UP is
 * decimal.js's "half away from zero", our commercial rounding rule (see money/money.ts).
 * Exponent thresholds at +/-40 keep toString() free of exponent notation.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/** Instances of every decimal.js clone share one prototype, so the instance type is shared too. */
export type Decimal = DecimalJs;

/**
 * Re-homes a caller's Decimal onto our constructor. Needed because decimal.js does arithmetic
 * with the configuration of the receiver: `globalDecimal.div(3)` would round at 20 digits.
 * Negative zero becomes zero so it never prints or compares oddly.
 */
export function toDecimal(value: Decimal): Decimal {
  const copy = new Decimal(value);
  return copy.isZero() ? new Decimal(0) : copy;
}
