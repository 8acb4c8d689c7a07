import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { decodeCursor, type Page, toPage } from '@o2c/http';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListCreditMemosQuery } from './credit-memo.contract';
import {
  type CreditMemoLineRow,
  type CreditMemoRow,
  type CreditMemoView,
  presentCreditMemo,
} from './credit-memo.presenter';

const MEMO_COLUMNS = `
  m.id, m.memo_number AS "memoNumber", m.invoice_id AS "invoiceId", i.series,
  i.invoice_number::text AS "invoiceNumber", m.customer_id AS "customerId", m.reason, m.status,
  m.issue_date::text AS "issueDate", m.note, m.currency, m.total::text AS total, m.version,
  m.created_at AS "createdAt", i.total::text AS "invoiceTotal",
  i.amount_applied::text AS "amountApplied", i.amount_credited::text AS "amountCredited",
  i.open_balance::text AS "openBalance",
  to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "keysetAt"`;

const LINES = `
  SELECT l.id, l.memo_id AS "memoId", l.invoice_line_id AS "invoiceLineId",
         il.line_number AS "invoiceLineNumber", il.order_line_id AS "orderLineId",
         il.item_id AS "itemId", it.sku, l.quantity::text AS quantity, ol.uom,
         l.net::text AS net, l.tax::text AS tax, l.amount::text AS amount
    FROM credit_memo_lines l
    LEFT JOIN invoice_lines il ON il.id = l.invoice_line_id
    LEFT JOIN sales_order_lines ol ON ol.id = il.order_line_id
    LEFT JOIN items it ON it.id = il.item_id
   WHERE l.memo_id = ANY($1::uuid[])
   ORDER BY l.memo_id, l.line_number, l.id`;

type KeyedMemoRow = CreditMemoRow & { keysetAt: string };

/** Credit memo reads, newest first, always inside the caller's accounts. */
@Injectable()
export class CreditMemoReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(
    manager: EntityManager,
    id: string,
    scope: AccountScope,
  ): Promise<CreditMemoView | undefined> {
    const [row] = await this.memos(manager, scope, ['m.id = $ID'], { ID: id }, 1);
    if (!row) return undefined;
    const lines = await manager.query<CreditMemoLineRow[]>(LINES, [[row.id]]);
    return presentCreditMemo(row, lines);
  }

  async list(scope: AccountScope, query: ListCreditMemosQuery): Promise<Page<CreditMemoView>> {
    const manager = this.dataSource.manager;
    const conditions: string[] = [];
    const values: Record<string, unknown> = {};
    const filter = (name: keyof ListCreditMemosQuery, condition: string) => {
      if (query[name] === undefined) return;
      conditions.push(condition);
      values[name] = query[name];
    };
    filter('customerId', 'm.customer_id = $customerId::uuid');
    filter('invoiceId', 'm.invoice_id = $invoiceId::uuid');
    filter('reason', 'm.reason = $reason');
    filter('issuedFrom', 'm.issue_date >= $issuedFrom::date');
    filter('issuedTo', 'm.issue_date <= $issuedTo::date');
    // (created_at with microseconds, id) of the last row.
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    if (after) {
      conditions.push('(m.created_at, m.id) < ($keysetAt::timestamptz, $keysetId::uuid)');
      values.keysetAt = after[0];
      values.keysetId = after[1];
    }
    const rows = await this.memos(manager, scope, conditions, values, query.limit + 1);
    const lines = await manager.query<CreditMemoLineRow[]>(LINES, [rows.map((row) => row.id)]);
    return toPage(
      rows,
      query.limit,
      (row) => [row.keysetAt, row.id],
      (row) =>
        presentCreditMemo(
          row,
          lines.filter((line) => line.memoId === row.id),
        ),
    );
  }

  /** Named `$name` placeholders become positional ones; the account scope is always applied. */
  private memos(
    manager: EntityManager,
    scope: AccountScope,
    conditions: string[],
    values: Record<string, unknown>,
    limit: number,
  ): Promise<KeyedMemoRow[]> {
    const all =
      scope === 'all' ? conditions : [...conditions, 'm.customer_id = ANY($scope::uuid[])'];
    const named = scope === 'all' ? values : { ...values, scope: [...scope] };
    const parameters: unknown[] = [];
    const where = all.join(' AND ').replace(/\$([A-Za-z]+)/g, (_match, name: string) => {
      parameters.push(named[name]);
      return `$${parameters.length}`;
    });
    parameters.push(limit);
    return manager.query<KeyedMemoRow[]>(
      `SELECT ${MEMO_COLUMNS}
         FROM credit_memos m JOIN invoices i ON i.id = m.invoice_id
        ${where === '' ? '' : `WHERE ${where}`}
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT $${parameters.length}`,
      parameters,
    );
  }
}
