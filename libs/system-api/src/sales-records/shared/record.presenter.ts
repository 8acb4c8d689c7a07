import type { Item } from '@o2c/persistence';
import { type MoneyView, presentMoney } from '@o2c/http';

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
