import { Decimal, minorUnits, parseCurrency } from '@o2c/domain';
import type { Item } from '@o2c/persistence';
import { type MoneyView, presentMoney } from '../../shared/money.presenter';

export interface ItemReferenceView {
  id: string;
  sku: string;
  description: string;
}

export interface DocumentTotalsView {
  subtotal: MoneyView;
  taxTotal: MoneyView;
  freight: MoneyView;
  total: MoneyView;
}

/** Unit prices keep their stored precision (up to 4 decimals) but never fewer than the
 *  currency's minor units: rounding 0.0125 USD per piece to 0.01 would misstate the price. */
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

export function presentItemReference(item: Item | undefined, itemId: string): ItemReferenceView {
  return { id: itemId, sku: item?.sku ?? '', description: item?.description ?? '' };
}

export function presentTotals(
  document: { subtotal: string; taxTotal: string; freight: string; total: string },
  currency: string,
): DocumentTotalsView {
  return {
    subtotal: presentMoney(document.subtotal, currency),
    taxTotal: presentMoney(document.taxTotal, currency),
    freight: presentMoney(document.freight, currency),
    total: presentMoney(document.total, currency),
  };
}

export function presentInstant(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}
