import { type CurrencyCode, Decimal, formatAmount, moneyOf } from '@o2c/domain';
import type { Remittance } from '@o2c/integration';

/** Payments and their sum per currency, currencies in alphabetical order. */
export function fileTotals(remittances: readonly Remittance[]): Record<string, unknown>[] {
  const totals = new Map<string, { payments: number; amount: Decimal }>();
  for (const remittance of remittances) {
    const total = totals.get(remittance.currency) ?? { payments: 0, amount: new Decimal(0) };
    total.payments += 1;
    total.amount = total.amount.plus(remittance.amount);
    totals.set(remittance.currency, total);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, total]) => ({
      currency,
      payments: total.payments,
      amount: formatAmount(moneyOf(total.amount, currency as CurrencyCode)),
    }));
}
