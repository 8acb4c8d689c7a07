import { Decimal, toDecimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from './domain-error';

/** The codes to report for a value that is not a finite decimal, or one below zero. */
export interface DecimalInputCodes {
  readonly invalid: DomainErrorCode;
  readonly negative: DomainErrorCode;
}

export const AMOUNT_INPUT: DecimalInputCodes = Object.freeze({
  invalid: DomainErrorCode.MONEY_INVALID_AMOUNT,
  negative: DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
});

export const QUANTITY_INPUT: DecimalInputCodes = Object.freeze({
  invalid: DomainErrorCode.QUANTITY_INVALID,
  negative: DomainErrorCode.QUANTITY_NEGATIVE,
});

/**
 * Returns `value` re-homed on the domain's Decimal (see decimal/decimal.ts). The instance check
 * is for callers that bypass the types, e.g. a decimal string straight from a JSON row.
 */
export function finiteDecimal(value: Decimal, field: string, code: DomainErrorCode): Decimal {
  if (!Decimal.isDecimal(value) || !value.isFinite()) {
    throw new DomainError(code, `${field} must be a finite decimal`, field);
  }
  return toDecimal(value);
}

export function nonNegativeDecimal(
  value: Decimal,
  field: string,
  codes: DecimalInputCodes,
): Decimal {
  const checked = finiteDecimal(value, field, codes.invalid);
  if (checked.isNegative()) {
    throw new DomainError(codes.negative, `${field} must not be negative`, field);
  }
  return checked;
}
