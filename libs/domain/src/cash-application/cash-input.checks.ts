import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { type CurrencyCode, isCurrencyCode, minorUnits } from '../money/currency.table';

/** Shared checks of the cash-application inputs, each naming the offending field. */
export const CASH_INPUT = DomainErrorCode.CASH_INVALID_INPUT;

/** A finite decimal with at most the currency's minor units, re-homed on the domain Decimal. */
export function checkedMoney(value: Decimal, currency: CurrencyCode, field: string): Decimal {
  // Already one of ours (the usual case): no copy needed, only the checks.
  const ours = value instanceof Decimal && value.constructor === Decimal && value.isFinite();
  const amount = ours && !value.isNegative() ? value : finiteDecimal(value, field, CASH_INPUT);
  if (amount.decimalPlaces() > minorUnits(currency)) {
    throw new DomainError(
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      `${field} has more than ${minorUnits(currency)} decimals allowed for ${currency}`,
      field,
    );
  }
  return amount;
}

export function checkedCurrency(value: unknown, field: string): CurrencyCode {
  if (!isCurrencyCode(value)) {
    throw new DomainError(
      DomainErrorCode.MONEY_UNKNOWN_CURRENCY,
      `${field} must be a supported ISO 4217 code`,
      field,
    );
  }
  return value;
}

export function requireText(value: unknown, field: string): void {
  if (!hasText(value)) throw invalidCashInput(field, 'must be given');
}

/** What requireText asks for, for callers that name the field only when it fails. */
export function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function invalidCashInput(field: string, rule: string): DomainError {
  return new DomainError(CASH_INPUT, `${field} ${rule}`, field);
}
