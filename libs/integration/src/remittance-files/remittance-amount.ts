import {
  type CurrencyCode,
  Decimal,
  formatAmount,
  isCurrencyCode,
  minorUnits,
  moneyOf,
} from '@o2c/domain';
import {
  formatMinorUnits,
  minorUnitsOf,
  scanExplicitAmount,
  scanImpliedAmount,
} from './canonical-amount.scanner';
import {
  locationOf,
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
  type RemittanceFileLocationOf,
} from './remittance-file.error';

/** Amounts beyond 15 integer digits are not money a customer sends; they are a broken file. */
const MAX_INTEGER_DIGITS = 15;
const XML_DECIMAL = /^\d+(\.\d+)?$/;
const X12_DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
const IMPLIED_DECIMAL = /^[+-]?\d+$/;

export function currencyOf(
  text: string | undefined,
  where: RemittanceFileLocationOf,
): CurrencyCode {
  const code = text?.trim() ?? '';
  if (!isCurrencyCode(code)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.UNKNOWN_CURRENCY,
      code === '' ? 'currency is missing' : `"${code}" is not a supported ISO 4217 currency`,
      locationOf(where),
    );
  }
  return code;
}

export interface AmountRules {
  /** X12 numbers may be signed and start with '.'; ISO 20022 amounts may not. */
  readonly syntax: 'iso20022' | 'x12';
  readonly allowNegative: boolean;
}

/**
 * An amount written with its decimal point ("1250.5", X12 "-.5"), checked against the
 * currency: more decimals than it has is an error, never a rounding ("8.850" EUR is fine: its
 * value has two). Returns the canonical string with exactly the minor units.
 */
export function explicitAmount(
  text: string | undefined,
  currency: CurrencyCode,
  where: RemittanceFileLocationOf,
  rules: AmountRules,
): string {
  const written = text?.trim() ?? '';
  const scanned = scanExplicitAmount(
    written,
    minorUnits(currency),
    rules.syntax === 'x12',
    rules.allowNegative,
  );
  if (scanned !== null) return scanned;
  const location = locationOf(where);
  if (written === '') {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.MISSING_ELEMENT,
      'amount is missing',
      location,
    );
  }
  const negative = written.startsWith('-');
  const pattern = rules.syntax === 'x12' ? X12_DECIMAL : XML_DECIMAL;
  if (negative && rules.syntax === 'iso20022') {
    throw negativeAmount(written, location);
  }
  if (!pattern.test(written)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${written}" is not a decimal amount`,
      location,
    );
  }
  const value = new Decimal(written);
  return checkedAmount(value, written, currency, location, rules.allowNegative);
}

/**
 * A BAI2 amount: digits with the decimal point implied by the currency ("123456" USD is
 * 1234.56, JPY 123456). Detail amounts are unsigned (the type code gives the direction): a
 * minus sign there is rejected; a plus sign is tolerated.
 */
export function impliedAmount(
  text: string | undefined,
  currency: CurrencyCode,
  where: RemittanceFileLocationOf,
  allowSign: boolean,
): string {
  const written = text?.trim() ?? '';
  const scanned = scanImpliedAmount(written, minorUnits(currency), allowSign);
  if (scanned !== null) return scanned;
  const location = locationOf(where);
  if (!IMPLIED_DECIMAL.test(written)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      written === ''
        ? 'amount is missing'
        : `"${written}" is not an amount in minor units (digits, no decimal point)`,
      location,
    );
  }
  if (!allowSign && written.startsWith('-')) throw negativeAmount(written, location);
  const value = new Decimal(written).div(new Decimal(10).pow(minorUnits(currency)));
  return checkedAmount(value, written, currency, location, true);
}

function checkedAmount(
  value: Decimal,
  written: string,
  currency: CurrencyCode,
  location: RemittanceFileLocation,
  allowNegative: boolean,
): string {
  if (value.isNegative() && !value.isZero() && !allowNegative)
    throw negativeAmount(written, location);
  if (value.abs().truncated().toString().length > MAX_INTEGER_DIGITS) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.INVALID_VALUE,
      `"${written}" has more than ${MAX_INTEGER_DIGITS} integer digits`,
      location,
    );
  }
  if (value.decimalPlaces() > minorUnits(currency)) {
    throw new RemittanceFileError(
      RemittanceFileErrorCode.TOO_MANY_DECIMALS,
      `"${written}" has more than the ${minorUnits(currency)} decimals ${currency} allows`,
      location,
    );
  }
  return formatAmount(moneyOf(value.isZero() ? new Decimal(0) : value, currency));
}

function negativeAmount(written: string, location: RemittanceFileLocation): RemittanceFileError {
  return new RemittanceFileError(
    RemittanceFileErrorCode.NEGATIVE_AMOUNT,
    `"${written}" is negative where only positive amounts are allowed`,
    location,
  );
}

/** Sum of canonical amount strings, as a canonical string. */
export function sumAmounts(amounts: readonly string[], currency: CurrencyCode): string {
  // Whole minor units add up exactly in a double while the total stays a safe integer.
  const minor = minorUnits(currency);
  let units = 0;
  for (const amount of amounts) {
    const value = minorUnitsOf(amount, minor);
    if (value === null) return decimalSum(amounts, currency);
    units += value;
    if (!Number.isSafeInteger(units)) return decimalSum(amounts, currency);
  }
  return formatMinorUnits(units, minor);
}

function decimalSum(amounts: readonly string[], currency: CurrencyCode): string {
  const total = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
  return formatAmount(moneyOf(total, currency));
}

export function negate(amount: string, currency: CurrencyCode): string {
  const minor = minorUnits(currency);
  const units = minorUnitsOf(amount, minor);
  if (units !== null) return formatMinorUnits(units === 0 ? 0 : -units, minor);
  return formatAmount(moneyOf(new Decimal(amount).negated(), currency));
}
