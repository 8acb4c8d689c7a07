import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  Decimal,
  daysSalesOutstanding,
  formatAmount,
  moneyOf,
  parseCurrency,
} from '@o2c/domain';
import type { AccountScope } from '@o2c/governance';
import { DataSource } from 'typeorm';
import { type DsoQuery, todayUtc } from '../collections.contract';
import { balanceAsOf } from './balance-as-of.sql';

export const DSO_FORMULA =
  'DSO = receivables at period end / net credit sales in the period x days in the period';

interface DsoRow {
  currency: string;
  receivables: string;
  invoiced: string;
  credited: string;
}

export interface DsoView {
  formula: string;
  periodStart: string;
  periodEnd: string;
  periodDays: number;
  customerId: string | null;
  figures: {
    currency: string;
    receivables: { amount: string; currency: string };
    creditSales: { amount: string; currency: string };
    dso: string | null;
  }[];
}

/**
 * DSO per currency in one statement: receivables are the open balances of invoices issued by
 * the period end (not void or written off) as they stood that day (rolled back from today's
 * for a past period end, see balance-as-of.sql.ts); net credit sales are the totals of
 * invoices issued in the period less the credit memos issued in it. The division is the
 * domain's. Receivables are summed over every invoice of the scope, not only the open items:
 * a currency whose invoices are all settled still answers, with nothing receivable.
 */
@Injectable()
export class DaysSalesOutstandingReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(scope: AccountScope, query: DsoQuery): Promise<DsoView> {
    const periodEnd = query.periodEnd ?? todayUtc();
    const periodStart = addDays(periodEnd, 1 - query.periodDays, 'periodEnd');
    const parameters: unknown[] = [periodStart, periodEnd];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const where: string[] = [];
    if (scope !== 'all') where.push(`customer_id = ANY(${bind([...scope])}::uuid[])`);
    if (query.customerId) where.push(`customer_id = ${bind(query.customerId)}::uuid`);
    if (query.currency) where.push(`currency = ${bind(query.currency)}`);
    const and = where.map((condition) => ` AND ${condition}`).join('');
    const asOf = balanceAsOf({ parameter: '$2', day: periodEnd }, todayUtc(), 'invoices');
    const rows = await this.dataSource.query<DsoRow[]>(
      `WITH ${asOf.cte} receivables AS (
         SELECT currency, sum(${asOf.balance}) AS amount FROM invoices ${asOf.join}
          WHERE issue_date <= $2::date AND status NOT IN ('void', 'written_off')${and}
          GROUP BY currency
       ), invoiced AS (
         SELECT currency, sum(total) AS amount FROM invoices
          WHERE issue_date BETWEEN $1::date AND $2::date AND status <> 'void'${and}
          GROUP BY currency
       ), credited AS (
         SELECT currency, sum(total) AS amount FROM credit_memos
          WHERE issue_date BETWEEN $1::date AND $2::date AND status = 'issued'${and}
          GROUP BY currency
       )
       SELECT currency, COALESCE(r.amount, 0)::text AS receivables,
              COALESCE(i.amount, 0)::text AS invoiced, COALESCE(c.amount, 0)::text AS credited
         FROM receivables r
         FULL JOIN invoiced i USING (currency)
         FULL JOIN credited c USING (currency)
        ORDER BY currency`,
      parameters,
    );
    return {
      formula: DSO_FORMULA,
      periodStart,
      periodEnd,
      periodDays: query.periodDays,
      customerId: query.customerId ?? null,
      figures: rows.map((row) => {
        const currency = parseCurrency(row.currency);
        const receivables = new Decimal(row.receivables);
        const netSales = Decimal.max(new Decimal(row.invoiced).minus(row.credited), 0);
        const dso = daysSalesOutstanding({
          receivables,
          creditSales: netSales,
          periodDays: query.periodDays,
        });
        const money = (value: Decimal) => ({
          amount: formatAmount(moneyOf(value, currency)),
          currency: row.currency,
        });
        return {
          currency: row.currency,
          receivables: money(receivables),
          creditSales: money(netSales),
          dso: dso === null ? null : dso.toFixed(1),
        };
      }),
    };
  }
}
