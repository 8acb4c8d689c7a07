/**
 * Character scans that turn the amounts nearly every file holds ("1250.50", "-42", "0004418")
 * into the canonical string the Decimal path of remittance-amount.ts produces, without
 * building a Decimal. Each returns null for anything else (errors included): the caller then
 * takes the Decimal path, which stays the single definition of what is accepted and how it is
 * rejected. A large file holds hundreds of thousands of amounts, and the Decimal path costs
 * several objects and strings per amount.
 */

const ZERO = 48;
const NINE = 57;
const MINUS = 45;
const PLUS = 43;
const POINT = 46;

/** As remittance-amount.ts: more integer digits than this is an error (left to the slow path). */
const MAX_INTEGER_DIGITS = 15;

/** Zeros to pad a fraction to 0-3 minor units. */
const ZEROS = ['', '0', '00', '000'];

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * `digits` (a run of ASCII digits) from `start` to `end` with leading zeros dropped, and the
 * fraction from `fractionStart` to `fractionEnd` with trailing zeros dropped, written with
 * exactly `minor` decimals; null when it has more integer digits or decimals than allowed.
 */
function canonical(
  text: string,
  negative: boolean,
  start: number,
  end: number,
  fractionStart: number,
  fractionEnd: number,
  minor: number,
  allowNegative: boolean,
): string | null {
  while (start < end && text.charCodeAt(start) === ZERO) start += 1;
  while (fractionEnd > fractionStart && text.charCodeAt(fractionEnd - 1) === ZERO) fractionEnd -= 1;
  const decimals = fractionEnd - fractionStart;
  if (end - start > MAX_INTEGER_DIGITS || decimals > minor) return null;
  const zero = start === end && decimals === 0;
  if (negative && !zero && !allowNegative) return null;
  const integer = start === end ? '0' : text.slice(start, end);
  const sign = negative && !zero ? '-' : '';
  if (minor === 0) return sign + integer;
  const fraction = decimals === 0 ? '' : text.slice(fractionStart, fractionEnd);
  return `${sign}${integer}.${fraction}${ZEROS[minor - decimals]}`;
}

/**
 * An amount with its decimal point, already trimmed: ISO 20022 `\d+(\.\d+)?`, X12 also
 * `-?(\d+(\.\d*)?|\.\d+)`. Canonical: leading zeros dropped, exactly `minor` decimals, no
 * sign on zero.
 */
export function scanExplicitAmount(
  written: string,
  minor: number,
  x12: boolean,
  allowNegative: boolean,
): string | null {
  const length = written.length;
  let index = 0;
  const negative = x12 && length > 0 && written.charCodeAt(0) === MINUS;
  if (negative) index = 1;
  const start = index;
  while (index < length && isDigit(written.charCodeAt(index))) index += 1;
  const end = index;
  if (index === length) {
    return end === start
      ? null
      : canonical(written, negative, start, end, end, end, minor, allowNegative);
  }
  if (written.charCodeAt(index) !== POINT) return null;
  index += 1;
  const fractionStart = index;
  while (index < length && isDigit(written.charCodeAt(index))) index += 1;
  if (index !== length) return null;
  // ISO 20022 wants digits on both sides of the point; X12 on at least one.
  const fractionEmpty = index === fractionStart;
  if (x12 ? end === start && fractionEmpty : end === start || fractionEmpty) return null;
  return canonical(written, negative, start, end, fractionStart, index, minor, allowNegative);
}

/**
 * A BAI2 amount in minor units, already trimmed: `[+-]?\d+`, the decimal point implied by
 * `minor` ("123456" with 2 is "1234.56").
 */
export function scanImpliedAmount(
  written: string,
  minor: number,
  allowNegative: boolean,
): string | null {
  const length = written.length;
  const first = length > 0 ? written.charCodeAt(0) : 0;
  const negative = first === MINUS;
  if (negative && !allowNegative) return null;
  const signLength = negative || first === PLUS ? 1 : 0;
  if (length === signLength) return null;
  for (let index = signLength; index < length; index += 1) {
    if (!isDigit(written.charCodeAt(index))) return null;
  }
  const point = Math.max(signLength, length - minor);
  let start = signLength;
  while (start < point && written.charCodeAt(start) === ZERO) start += 1;
  if (point - start > MAX_INTEGER_DIGITS) return null;
  let zero = start === point;
  for (let index = point; zero && index < length; index += 1) {
    zero = written.charCodeAt(index) === ZERO;
  }
  const integer = start === point ? '0' : written.slice(start, point);
  const sign = negative && !zero ? '-' : '';
  if (minor === 0) return sign + integer;
  return `${sign}${integer}.${ZEROS[minor - (length - point)]}${written.slice(point)}`;
}

/**
 * A canonical amount as an integer count of minor units, or null when the text is not one
 * (more than `minor` decimals, or too many digits for an exact double).
 */
export function minorUnitsOf(amount: string, minor: number): number | null {
  const length = amount.length;
  let index = amount.charCodeAt(0) === MINUS ? 1 : 0;
  const negative = index === 1;
  let units = 0;
  let digits = 0;
  let decimals = -1;
  for (; index < length; index += 1) {
    const code = amount.charCodeAt(index);
    if (code === POINT && decimals === -1) {
      decimals = 0;
      continue;
    }
    if (!isDigit(code)) return null;
    units = units * 10 + (code - ZERO);
    digits += 1;
    if (decimals !== -1) decimals += 1;
  }
  if (digits === 0 || digits > MAX_INTEGER_DIGITS + 3 || decimals === 0 || decimals > minor) {
    return null;
  }
  for (let scale = Math.max(decimals, 0); scale < minor; scale += 1) units *= 10;
  if (!Number.isSafeInteger(units)) return null;
  return negative ? -units : units;
}

/** Minor units (a safe integer) as the canonical amount string. */
export function formatMinorUnits(units: number, minor: number): string {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units));
  if (minor === 0) return sign + digits;
  const padded = digits.length > minor ? digits : ZEROS[minor - digits.length + 1] + digits;
  const point = padded.length - minor;
  return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
}
