/**
 * Amounts are generated as integer cents and quantities as integer thousandths; only these
 * helpers turn them into the decimal strings the numeric columns receive. Integer-only
 * arithmetic keeps every value exact (no binary float ever reaches a money column).
 */

export function assertWholeNumber(value: number, what: string): void {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} must be a safe integer: ${value}`);
}

/** 123456 -> '1234.56'; -5 -> '-0.05'. */
export function centsToDecimal(cents: number): string {
  assertWholeNumber(cents, 'cents');
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const units = (magnitude - (magnitude % 100)) / 100;
  return `${sign}${units}.${String(magnitude % 100).padStart(2, '0')}`;
}

/** 1500 -> '1.5', 2000 -> '2', 1 -> '0.001' (trailing zeros dropped). */
export function thousandthsToDecimal(thousandths: number): string {
  assertWholeNumber(thousandths, 'thousandths');
  if (thousandths < 0) return `-${thousandthsToDecimal(-thousandths)}`;
  const units = (thousandths - (thousandths % 1000)) / 1000;
  const fraction = String(thousandths % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(units) : `${units}.${fraction}`;
}

/** Integer division rounding half up, for non-negative operands. */
export function divideRounded(dividend: number, divisor: number): number {
  assertWholeNumber(dividend, 'dividend');
  assertWholeNumber(divisor, 'divisor');
  if (dividend < 0 || divisor <= 0)
    throw new RangeError('divideRounded takes a non-negative dividend');
  const doubled = 2 * dividend + divisor;
  return (doubled - (doubled % (2 * divisor))) / (2 * divisor);
}

/** `cents` scaled by `percent` / 100, rounded half up: scalePercent(1999, 85) = 1699. */
export function scalePercent(cents: number, percent: number): number {
  assertWholeNumber(cents, 'cents');
  assertWholeNumber(percent, 'percent');
  return divideRounded(cents * percent, 100);
}

/** Rounds a price up so it ends in 9 cents, the way list prices are usually printed. */
export function endInNine(cents: number): number {
  assertWholeNumber(cents, 'cents');
  const remainder = cents % 10;
  return remainder === 9 ? cents : cents - remainder + 9;
}
