import { Decimal, formatAmount, minorUnits, moneyOf, parseCurrency } from '@o2c/domain';

/** Money in every API: a decimal string with an ISO 4217 currency, never a float. */
export interface MoneyView {
  amount: string;
  currency: string;
}

/** Stored numeric(19,4) amounts at exactly the currency's minor units ("12.50"). */
export function presentMoney(amount: string, currency: string): MoneyView {
  return { amount: formatAmount(moneyOf(new Decimal(amount), parseCurrency(currency))), currency };
}

/** Unit prices keep their stored precision (up to 4 decimals), never fewer than the currency's:
 *  rounding 0.0125 USD per piece to 0.01 would misstate the price. */
export function presentUnitPrice(amount: string, currency: string): MoneyView {
  const value = new Decimal(amount);
  const places = Math.max(minorUnits(parseCurrency(currency)), value.decimalPlaces());
  return { amount: value.toFixed(places), currency };
}

export function presentOptionalUnitPrice(
  amount: string | null,
  currency: string,
): MoneyView | null {
  return amount === null ? null : presentUnitPrice(amount, currency);
}

/** Stored decimals without a currency (quantities, percentages), without trailing zeros. */
export function presentDecimal(value: string): string {
  return new Decimal(value).toString();
}
