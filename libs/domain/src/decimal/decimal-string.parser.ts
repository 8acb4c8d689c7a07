import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { Decimal } from './decimal';

/**
 * The only accepted textual shape for amounts and quantities: optional minus, 1 to 15 integer
 * digits, optional fraction. No exponent, `+`, spaces or bare `.5`: boundary strings must be
 * unambiguous, and 15 integer digits is far beyond any invoice while staying well inside the
 * 40-digit working precision.
 */
const DECIMAL_STRING = /^-?\d{1,15}(\.\d+)?$/;

/** Returns the parsed value, or undefined when `text` is not a well-formed decimal string. */
export function tryParseDecimalString(text: unknown): Decimal | undefined {
  if (typeof text !== 'string' || !DECIMAL_STRING.test(text)) return undefined;
  const value = new Decimal(text);
  return value.isZero() ? new Decimal(0) : value;
}

export function parseDecimalString(
  text: unknown,
  field: string,
  code: DomainErrorCode = DomainErrorCode.DECIMAL_INVALID,
): Decimal {
  const value = tryParseDecimalString(text);
  if (value === undefined) {
    throw new DomainError(code, `${field} must be a decimal string such as "12.50"`, field);
  }
  return value;
}
