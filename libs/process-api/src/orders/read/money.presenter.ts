import { Decimal, formatAmount, minorUnits, moneyOf, parseCurrency } from '@o2c/domain';

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

export function presentOptionalUnitPrice(amount: string | null, currency: string) {
  return amount === null ? null : presentUnitPrice(amount, currency);
}

/** Quantities without trailing zeros ("12", "2.5"). */
export function presentQuantity(value: string): string {
  return new Decimal(value).toString();
}
