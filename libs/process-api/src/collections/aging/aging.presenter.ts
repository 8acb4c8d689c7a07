import { Decimal, formatAmount, moneyOf, parseCurrency } from '@o2c/domain';
import type { AgingRowRecord } from './receivables-aging.query';

export const AGING_BUCKET_LABELS = ['current', '1-30', '31-60', '61-90', '>90'] as const;

export interface AgingRowView {
  currency: string;
  buckets: Record<(typeof AGING_BUCKET_LABELS)[number], string>;
  total: string;
  overdue: string;
  oldestOverdueDays: number;
  invoiceCount: number;
}

export interface AgingCustomerRowView extends AgingRowView {
  customer: {
    id: string;
    customerNumber: string;
    name: string;
    riskTier: string;
    accountManager: string | null;
  };
}

/** Amounts at exactly the currency's minor units. */
function amount(value: string, currency: string): string {
  return formatAmount(moneyOf(new Decimal(value), parseCurrency(currency)));
}

export function presentAgingRow(row: AgingRowRecord): AgingRowView {
  const at = (value: string) => amount(value, row.currency);
  return {
    currency: row.currency,
    buckets: {
      current: at(row.current),
      '1-30': at(row.days1To30),
      '31-60': at(row.days31To60),
      '61-90': at(row.days61To90),
      '>90': at(row.over90),
    },
    total: at(row.total),
    overdue: at(row.overdue),
    oldestOverdueDays: row.oldestOverdueDays,
    invoiceCount: row.invoiceCount,
  };
}

export function presentAgingCustomerRow(row: AgingRowRecord): AgingCustomerRowView {
  return {
    ...presentAgingRow(row),
    customer: {
      id: row.customerId ?? '',
      customerNumber: row.customerNumber ?? '',
      name: row.customerName ?? '',
      riskTier: row.riskTier ?? 'low',
      accountManager: row.accountManager,
    },
  };
}
