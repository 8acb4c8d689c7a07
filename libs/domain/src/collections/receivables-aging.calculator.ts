import { daysBetween, parseCalendarDate } from '../dates/calendar-date';
import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { type CurrencyCode, isCurrencyCode } from '../money/currency.table';
import { agingBucket } from '../credit/credit-exposure.calculator';

/** Days past the due date: not yet due (or due today) is current. */
export const RECEIVABLES_AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '>90'] as const;
export type ReceivablesAgingBucket = (typeof RECEIVABLES_AGING_BUCKETS)[number];

/** One open item: an invoice's open balance (a credit, negative, is allowed and ages too). */
export interface AgingItem {
  readonly customerId: string;
  readonly currency: CurrencyCode;
  readonly dueDate: string;
  readonly openBalance: Decimal;
}

export interface AgingRow {
  /** Null on the totals rows. */
  readonly customerId: string | null;
  readonly currency: CurrencyCode;
  readonly buckets: Readonly<Record<ReceivablesAgingBucket, Decimal>>;
  readonly total: Decimal;
  /** Everything outside 'current'. */
  readonly overdue: Decimal;
  /** Days the oldest overdue item is past due; 0 when nothing is overdue. */
  readonly oldestOverdueDays: number;
  readonly itemCount: number;
}

export interface AgingReport {
  readonly asOf: string;
  /** One row per customer and currency, by customer id then currency. */
  readonly byCustomer: readonly AgingRow[];
  /** One row per currency: amounts in different currencies are never added together. */
  readonly totals: readonly AgingRow[];
}

/**
 * Accounts-receivable aging by due date as of a day: each item lands in the bucket of its
 * days past due (due on `asOf` itself is still current), per customer and in total, per
 * currency. Zero balances are skipped.
 */
export function ageReceivables(items: readonly AgingItem[], asOf: string): AgingReport {
  parseCalendarDate(asOf, 'asOf');
  const customers = new Map<string, Accumulator>();
  const totals = new Map<string, Accumulator>();
  items.forEach((item, index) => {
    const field = `items[${index}]`;
    if (!isCurrencyCode(item.currency)) {
      throw new DomainError(
        DomainErrorCode.MONEY_UNKNOWN_CURRENCY,
        `${field}.currency must be a supported ISO 4217 code`,
        `${field}.currency`,
      );
    }
    const balance = finiteDecimal(
      item.openBalance,
      `${field}.openBalance`,
      DomainErrorCode.COLLECTIONS_INVALID_INPUT,
    );
    if (balance.isZero()) return;
    const days = daysBetween(parseCalendarDate(item.dueDate, `${field}.dueDate`), asOf);
    const bucket = agingBucket(days);
    const key = `${item.customerId}\u0000${item.currency}`;
    accumulate(customers, key, item.customerId, item.currency, bucket, balance, days);
    accumulate(totals, item.currency, null, item.currency, bucket, balance, days);
  });
  const rows = (map: Map<string, Accumulator>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  return { asOf, byCustomer: rows(customers), totals: rows(totals) };
}

interface Accumulator {
  customerId: string | null;
  currency: CurrencyCode;
  buckets: Record<ReceivablesAgingBucket, Decimal>;
  total: Decimal;
  overdue: Decimal;
  oldestOverdueDays: number;
  itemCount: number;
}

function accumulate(
  map: Map<string, Accumulator>,
  key: string,
  customerId: string | null,
  currency: CurrencyCode,
  bucket: ReceivablesAgingBucket,
  balance: Decimal,
  days: number,
): void {
  let row = map.get(key);
  if (row === undefined) {
    const zero = new Decimal(0);
    row = {
      customerId,
      currency,
      buckets: { current: zero, '1-30': zero, '31-60': zero, '61-90': zero, '>90': zero },
      total: zero,
      overdue: zero,
      oldestOverdueDays: 0,
      itemCount: 0,
    };
    map.set(key, row);
  }
  row.buckets[bucket] = row.buckets[bucket].plus(balance);
  row.total = row.total.plus(balance);
  if (bucket !== 'current') {
    row.overdue = row.overdue.plus(balance);
    if (balance.greaterThan(0)) row.oldestOverdueDays = Math.max(row.oldestOverdueDays, days);
  }
  row.itemCount += 1;
}
