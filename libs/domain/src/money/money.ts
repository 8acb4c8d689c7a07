/**
 * ROUNDING RULE (the single source of truth; libs/domain/README.md repeats it):
 * - Amounts are rounded at the currency's ISO 4217 minor unit (USD 2, JPY 0, KWD 3 digits),
 *   half away from zero: ROUND_HALF_UP in decimal.js, the usual commercial invoicing rule
 *   (1.005 -> 1.01, -1.005 -> -1.01).
 * - Rounding happens once per document line value (extended, discount, tax...).
 * - Document totals are sums of rounded line values and are never re-rounded, so a printed
 *   invoice always adds up.
 * Intermediate values (unit price x quantity, amount x rate) stay unrounded until that point.
 */
import { Decimal, toDecimal } from '../decimal/decimal';
import { tryParseDecimalString } from '../decimal/decimal-string.parser';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { type CurrencyCode, isCurrencyCode, minorUnits } from './currency.table';

/** An amount in one currency. Frozen; `amount` may be unrounded until `roundMoney`. */
export interface Money {
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
}

export function moneyOf(amount: Decimal, currency: CurrencyCode): Money {
  if (!amount.isFinite()) {
    throw new DomainError(DomainErrorCode.MONEY_INVALID_AMOUNT, 'Amount must be finite');
  }
  return Object.freeze({ amount: toDecimal(amount), currency });
}

export function zeroMoney(currency: CurrencyCode): Money {
  return moneyOf(new Decimal(0), currency);
}

export function parseCurrency(currency: unknown, field = 'currency'): CurrencyCode {
  if (!isCurrencyCode(currency)) {
    throw new DomainError(
      DomainErrorCode.MONEY_UNKNOWN_CURRENCY,
      `${field} must be a supported ISO 4217 code such as "USD"`,
      field,
    );
  }
  return currency;
}

/**
 * Parses a boundary amount such as "12.50". Negative amounts are allowed (credit notes); use
 * `assertNotNegative` where they are not. More decimals than the currency has is an error,
 * never a silent rounding: "12.345" USD is a client bug.
 */
export function parseMoney(
  amount: unknown,
  currency: unknown,
  field = 'amount',
  currencyField = 'currency',
): Money {
  const code = parseCurrency(currency, currencyField);
  const value = tryParseDecimalString(amount);
  if (value === undefined) {
    throw new DomainError(
      DomainErrorCode.MONEY_INVALID_AMOUNT,
      `${field} must be a decimal string such as "12.50"`,
      field,
    );
  }
  if (value.decimalPlaces() > minorUnits(code)) {
    throw new DomainError(
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      `${field} has more than ${minorUnits(code)} decimals allowed for ${code}`,
      field,
    );
  }
  return moneyOf(value, code);
}

/** Rounds to the currency's minor unit, half away from zero (the rule above). */
export function roundMoney(money: Money): Money {
  const rounded = money.amount.toDecimalPlaces(minorUnits(money.currency), Decimal.ROUND_HALF_UP);
  return moneyOf(rounded, money.currency);
}

export function isRounded(money: Money): boolean {
  return money.amount.decimalPlaces() <= minorUnits(money.currency);
}

/**
 * The boundary representation: exactly the currency's minor units ("12.50", JPY "1250"),
 * never exponent notation. An unrounded amount is rounded by the same rule first.
 */
export function formatAmount(money: Money): string {
  // Rounds and prints in one step (what roundMoney then toFixed would give, without the two
  // intermediate Money objects: evidence and reasons format amounts by the hundred thousand).
  const text = money.amount.toFixed(minorUnits(money.currency), Decimal.ROUND_HALF_UP);
  // A negative amount that rounds to zero is zero, as a rounded Money is ("-0.00" never prints).
  return text.charCodeAt(0) === 45 && NEGATIVE_ZERO.test(text) ? text.slice(1) : text;
}

const NEGATIVE_ZERO = /^-0(?:\.0+)?$/;

export function assertNotNegative(money: Money, field: string): Money {
  if (money.amount.lessThan(0)) {
    throw new DomainError(
      DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
      `${field} must not be negative`,
      field,
    );
  }
  return money;
}
