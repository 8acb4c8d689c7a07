import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { decodeCursor, encodeCursor } from '@o2c/http';
import { DataSource } from 'typeorm';
import { type AgingQuery, todayUtc } from '../collections.contract';
import {
  AGING_BUCKET_LABELS,
  type AgingCustomerRowView,
  type AgingRowView,
  presentAgingCustomerRow,
  presentAgingRow,
} from './aging.presenter';
import { agingReportSql, type AgingRowRecord, agingStatement } from './receivables-aging.query';

export interface AgingReportView {
  asOf: string;
  buckets: readonly string[];
  totals: AgingRowView[];
  customers: AgingCustomerRowView[];
  nextCursor: string | null;
}

/** AR aging per customer (keyset-paged by customer number and currency) and in total. */
@Injectable()
export class ReceivablesAgingReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(scope: AccountScope, query: AgingQuery): Promise<AgingReportView> {
    const asOf = query.asOf ?? todayUtc();
    const filters = {
      asOf,
      scope,
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.currency ? { currency: query.currency } : {}),
      ...(query.overdueOnly ? { overdueOnly: true } : {}),
      ...(query.minOverdue ? { minOverdue: query.minOverdue } : {}),
      ...(query.accountManager ? { accountManager: query.accountManager } : {}),
      ...(query.riskTier ? { riskTier: query.riskTier } : {}),
    };
    const page = agingStatement(filters);
    // (customer number, currency) of the last customer row.
    const after = decodeCursor(query.cursor, ['text', 'text']);
    const parameters = [...page.parameters];
    let afterSql: string | null = null;
    if (after) {
      parameters.push(after[0], after[1]);
      afterSql = `$${parameters.length - 1}, $${parameters.length}`;
    }
    parameters.push(query.limit + 1);
    const limitSql = `$${parameters.length}`;
    const report = await this.dataSource.query<(AgingRowRecord & { kind: string })[]>(
      agingReportSql(page.cte, afterSql, limitSql),
      parameters,
    );
    const rows = report.filter((row) => row.kind === 'customer');
    const totalRows = report.filter((row) => row.kind === 'total');
    const more = rows.length > query.limit;
    const pageRows = more ? rows.slice(0, query.limit) : rows;
    const last = pageRows.at(-1);
    return {
      asOf,
      buckets: AGING_BUCKET_LABELS,
      totals: totalRows.map(presentAgingRow),
      customers: pageRows.map(presentAgingCustomerRow),
      nextCursor: more && last ? encodeCursor([last.customerNumber ?? '', last.currency]) : null,
    };
  }
}
