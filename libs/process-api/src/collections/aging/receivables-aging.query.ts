import type { AccountScope } from '@o2c/governance';
import { todayUtc } from '../collections.contract';
import { balanceAsOf } from './balance-as-of.sql';

/** Filters of an aging question; `asOf` is a calendar date. */
export interface AgingFilters {
  asOf: string;
  scope: AccountScope;
  customerId?: string;
  currency?: string;
  overdueOnly?: boolean;
  minOverdue?: string;
  accountManager?: string;
  riskTier?: string;
  /** The day balances stand as they are (default today, UTC); before it they are rolled back. */
  today?: string;
}

export interface AgingRowRecord {
  customerId: string | null;
  customerNumber: string | null;
  customerName: string | null;
  riskTier: string | null;
  accountManager: string | null;
  currency: string;
  current: string;
  days1To30: string;
  days31To60: string;
  days61To90: string;
  over90: string;
  total: string;
  overdue: string;
  oldestOverdueDays: number;
  invoiceCount: number;
}

/**
 * The aging as one set-based statement: open items (read from receivable_open_items, and for a
 * past day also the invoices that moved since: invoices issued by `asOf`, not void or
 * written off, with a balance on that day: for a past day, today's balance rolled back by
 * what moved it since, see balance-as-of.sql.ts) aged by days past due, summed per customer
 * and currency with FILTERed aggregates (the bucket bounds of ageReceivables in @o2c/domain:
 * due on asOf is current, 1-30, 31-60, 61-90, over 90), joined to the customer for the
 * customer filters. `rows` is then paged or totalled by the caller's final SELECT.
 */
export function agingStatement(filters: AgingFilters): { cte: string; parameters: unknown[] } {
  const parameters: unknown[] = [filters.asOf];
  const bind = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const asOf = balanceAsOf(
    { parameter: '$1', day: filters.asOf },
    filters.today ?? todayUtc(),
    'i',
  );
  const items: string[] = [asOf.hasBalance, asOf.live, 'i.issue_date <= $1::date'];
  // The customers are chosen where the invoices are found (their open items, and for a past
  // day those that moved since): a filter on the invoices would let the planner read every
  // invoice of the customers instead.
  const customers: ((column: string) => string)[] = [];
  if (filters.scope !== 'all') {
    const scope = bind([...filters.scope]);
    customers.push((column) => `${column} = ANY(${scope}::uuid[])`);
  }
  if (filters.customerId) {
    const customerId = bind(filters.customerId);
    customers.push((column) => `${column} = ${customerId}::uuid`);
  }
  if (filters.currency) items.push(`i.currency = ${bind(filters.currency)}`);
  const rows: string[] = [];
  if (filters.overdueOnly) rows.push('a.overdue > 0');
  if (filters.minOverdue) rows.push(`a.overdue >= ${bind(filters.minOverdue)}::numeric`);
  if (filters.accountManager) rows.push(`c.account_manager = ${bind(filters.accountManager)}`);
  if (filters.riskTier) rows.push(`c.risk_tier = ${bind(filters.riskTier)}`);
  const cte = `
    WITH ${asOf.cte} items AS (
      SELECT i.customer_id, i.currency, ${asOf.balance} AS balance, ($1::date - i.due_date) AS days
        FROM ${asOf.from((column) => customers.map((condition) => condition(column)))}
       WHERE ${items.join(' AND ')}
    ), aged AS (
      SELECT customer_id, currency,
             COALESCE(sum(balance) FILTER (WHERE days <= 0), 0) AS b_current,
             COALESCE(sum(balance) FILTER (WHERE days BETWEEN 1 AND 30), 0) AS b_1_30,
             COALESCE(sum(balance) FILTER (WHERE days BETWEEN 31 AND 60), 0) AS b_31_60,
             COALESCE(sum(balance) FILTER (WHERE days BETWEEN 61 AND 90), 0) AS b_61_90,
             COALESCE(sum(balance) FILTER (WHERE days > 90), 0) AS b_over_90,
             sum(balance) AS total,
             COALESCE(sum(balance) FILTER (WHERE days > 0), 0) AS overdue,
             COALESCE(max(days) FILTER (WHERE days > 0 AND balance > 0), 0) AS oldest,
             count(*) AS invoice_count
        FROM items
       WHERE balance <> 0
       GROUP BY customer_id, currency
    ), rows AS (
      SELECT a.*, c.customer_number, c.name, c.risk_tier, c.account_manager
        FROM aged a JOIN customers c ON c.id = a.customer_id
       ${rows.length > 0 ? `WHERE ${rows.join(' AND ')}` : ''}
    )`;
  return { cte, parameters };
}

const AMOUNTS = `
  b_current::text AS "current", b_1_30::text AS "days1To30", b_31_60::text AS "days31To60",
  b_61_90::text AS "days61To90", b_over_90::text AS "over90", total::text AS total,
  overdue::text AS overdue`;

/** The customer columns a row carries; NULL on the totals rows. */
const CUSTOMER_COLUMNS = `customer_id AS "customerId", customer_number AS "customerNumber",
  name AS "customerName", risk_tier AS "riskTier", account_manager AS "accountManager"`;

const TOTAL_COLUMNS = `NULL::uuid AS "customerId", NULL AS "customerNumber", NULL AS "customerName",
  NULL AS "riskTier", NULL AS "accountManager"`;

/**
 * The page of customer rows (by customer number and currency, after the keyset) and the
 * totals per currency over every selected customer, from one aggregation: `rows` is computed
 * once and read twice. `kind` tells them apart.
 */
export function agingReportSql(cte: string, afterParameter: string | null, limitParameter: string) {
  return `${cte}, page AS (
      SELECT * FROM rows
       ${afterParameter ? `WHERE (customer_number, currency) > (${afterParameter})` : ''}
       ORDER BY customer_number, currency
       LIMIT ${limitParameter}
    )
    SELECT * FROM (
      SELECT 'customer' AS kind, ${CUSTOMER_COLUMNS}, currency, ${AMOUNTS},
             oldest::int AS "oldestOverdueDays", invoice_count::int AS "invoiceCount"
        FROM page
      UNION ALL
      SELECT 'total', ${TOTAL_COLUMNS}, currency,
             sum(b_current)::text, sum(b_1_30)::text, sum(b_31_60)::text, sum(b_61_90)::text,
             sum(b_over_90)::text, sum(total)::text, sum(overdue)::text, max(oldest)::int,
             sum(invoice_count)::int
        FROM rows GROUP BY currency
    ) report
    ORDER BY kind, "customerNumber", currency`;
}

/** One row per currency over every selected customer. */
export function agingTotalsSql(cte: string) {
  return `${cte}
    SELECT ${TOTAL_COLUMNS}, currency,
           sum(b_current)::text AS "current", sum(b_1_30)::text AS "days1To30",
           sum(b_31_60)::text AS "days31To60", sum(b_61_90)::text AS "days61To90",
           sum(b_over_90)::text AS "over90", sum(total)::text AS total,
           sum(overdue)::text AS overdue, max(oldest)::int AS "oldestOverdueDays",
           sum(invoice_count)::int AS "invoiceCount"
      FROM rows
     GROUP BY currency
     ORDER BY currency`;
}
