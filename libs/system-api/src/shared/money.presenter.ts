import { Decimal, formatAmount, moneyOf, parseCurrency, roundMoney } from '@o2c/domain';

export interface MoneyView {
  amount: string;
  currency: string;
}

/** Stored numeric(19,4) values are shown with exactly the currency's minor units ("12.50"). */
export function presentMoney(amount: string, currency: string): MoneyView {
  return {
    amount: formatAmount(roundMoney(moneyOf(new Decimal(amount), parseCurrency(currency)))),
    currency,
  };
}

/** Stored decimals without a currency (percentages, quantities), without trailing zeros. */
export function presentDecimal(value: string): string {
  return new Decimal(value).toString();
}
