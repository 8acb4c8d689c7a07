import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { decodeCursor, type Page, ProblemException, toPage } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { ListProcessOrdersQuery } from '../order.contract';
import { type MoneyView, presentMoney } from '@o2c/http';

interface SummaryRow {
  id: string;
  orderNumber: string;
  customerId: string;
  channel: string;
  externalPoNumber: string | null;
  requestedDate: string | null;
  status: string;
  currency: string;
  total: string;
  touchless: boolean;
  revision: number;
  openHolds: string[];
  lineCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** created_at with microseconds, for the cursor (a JS Date would cut them off). */
  keysetAt: string;
}

export interface OrderSummaryView {
  id: string;
  orderNumber: string;
  customerId: string;
  channel: string;
  externalPoNumber: string | null;
  requestedDate: string | null;
  status: string;
  total: MoneyView;
  touchless: boolean;
  revision: number;
  openHolds: string[];
  lineCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT_SUMMARIES = `
  SELECT o.id, o.order_number AS "orderNumber", o.customer_id AS "customerId", o.channel,
         o.external_po_number AS "externalPoNumber", o.requested_date::text AS "requestedDate",
         o.status, o.currency, o.total::text AS total, o.touchless, o.revision, o.version,
         o.created_at AS "createdAt", o.updated_at AS "updatedAt",
         to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "keysetAt",
         ARRAY(SELECT DISTINCT h.type FROM order_holds h
                WHERE h.order_id = o.id AND h.status = 'open' ORDER BY 1) AS "openHolds",
         (SELECT count(*)::int FROM sales_order_lines l
           WHERE l.order_id = o.id AND l.status <> 'cancelled') AS "lineCount"
    FROM sales_orders o`;

/** Orders in the flow, newest first (created time, then id), inside the caller's accounts. */
@Injectable()
export class OrderListReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(scope: AccountScope, query: ListProcessOrdersQuery): Promise<Page<OrderSummaryView>> {
    if (
      query.createdFrom &&
      query.createdTo &&
      Date.parse(query.createdFrom) > Date.parse(query.createdTo)
    ) {
      throw ProblemException.invalid('/query/createdTo', 'range', 'must not be before createdFrom');
    }
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    if (scope !== 'all') where((p) => `o.customer_id = ANY(${p}::uuid[])`, [...scope]);
    if (query.customerId) where((p) => `o.customer_id = ${p}::uuid`, query.customerId);
    if (query.status) where((p) => `o.status = ANY(${p}::text[])`, query.status);
    if (query.channel) where((p) => `o.channel = ${p}`, query.channel);
    if (query.createdFrom) where((p) => `o.created_at >= ${p}::timestamptz`, query.createdFrom);
    if (query.createdTo) where((p) => `o.created_at <= ${p}::timestamptz`, query.createdTo);
    if (query.olderThanHours) {
      where(
        (p) => `o.created_at <= now() - make_interval(hours => ${p}::int)`,
        query.olderThanHours,
      );
    }
    if (query.holdType) {
      where(
        (p) => `EXISTS (SELECT 1 FROM order_holds h
                         WHERE h.order_id = o.id AND h.status = 'open' AND h.type = ${p})`,
        query.holdType,
      );
    }
    // (created_at, id) of the last row.
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    if (after) {
      parameters.push(after[0], after[1]);
      const at = `$${parameters.length - 1}`;
      const id = `$${parameters.length}`;
      conditions.push(`(o.created_at, o.id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    parameters.push(query.limit + 1);
    const sql = `${SELECT_SUMMARIES}
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY o.created_at DESC, o.id DESC LIMIT $${parameters.length}`;
    const rows = await this.dataSource.query<SummaryRow[]>(sql, parameters);
    return toPage(rows, query.limit, (row) => [row.keysetAt, row.id], presentSummary);
  }
}

function presentSummary(row: SummaryRow): OrderSummaryView {
  return {
    id: row.id,
    orderNumber: row.orderNumber,
    customerId: row.customerId,
    channel: row.channel,
    externalPoNumber: row.externalPoNumber,
    requestedDate: row.requestedDate,
    status: row.status,
    total: presentMoney(row.total, row.currency),
    touchless: row.touchless,
    revision: row.revision,
    openHolds: row.openHolds,
    lineCount: row.lineCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
