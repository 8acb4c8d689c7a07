import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { decodeCursor, type Page, ProblemException, toPage } from '@o2c/http';
import { readAll } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListDisputesQuery } from '../dispute.contract';
import {
  type DisputeDetailView,
  type DisputeSummaryView,
  presentDisputeDetail,
  presentDisputeSummary,
} from './dispute.presenter';
import {
  DISPUTE_SELECT,
  type DisputeLineRow,
  type DisputeMemoRow,
  type DisputeRow,
  type DisputeTaskRow,
  type TimelineRow,
} from './dispute.rows';

const LINES = `
  SELECT dl.invoice_line_id AS "invoiceLineId", il.line_number AS "lineNumber",
         il.item_id AS "itemId", dl.quantity::text AS quantity, dl.amount::text AS amount, dl.note
    FROM dispute_lines dl JOIN invoice_lines il ON il.id = dl.invoice_line_id
   WHERE dl.dispute_id = $1
   ORDER BY il.line_number`;

/** The live task, else the last one. */
const TASK = `
  SELECT id, status, assignee_role AS "assigneeRole", assignee, priority,
         sla_due_at AS "slaDueAt", version
    FROM tasks
   WHERE queue = 'dispute' AND subject_id = $1
   ORDER BY (status IN ('open', 'claimed')) DESC, created_at DESC
   LIMIT 1`;

const MEMO = `
  SELECT id, memo_number AS "memoNumber", reason, total::text AS total, currency,
         issue_date::text AS "issueDate"
    FROM credit_memos WHERE dispute_id = $1
   ORDER BY created_at DESC LIMIT 1`;

/** Ordered by the bigint sequence (not its text, which would put 100 before 99). */
const TIMELINE = `
  SELECT e.sequence::text AS sequence, e.activity, e.occurred_at AS "occurredAt", e.actor,
         e.reason, e.data
    FROM process_events e
   WHERE e.object_type = 'dispute' AND e.object_id = $1
   ORDER BY e.sequence`;

/** Reading disputes; another account's dispute is "not found", in lists too. */
@Injectable()
export class DisputeReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async detail(
    scope: AccountScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DisputeDetailView> {
    const scoped = scopeCondition(scope, 2);
    const rows = await manager.query<DisputeRow[]>(
      `${DISPUTE_SELECT} WHERE d.id = $1${scoped.sql}`,
      [id, ...scoped.parameters],
    );
    const row = rows[0];
    if (!row) throw ProblemException.notFound('dispute', id);
    const [lines, tasks, memos, timeline] = await readAll<
      [DisputeLineRow[], DisputeTaskRow[], DisputeMemoRow[], TimelineRow[]]
    >(manager, [
      () => manager.query(LINES, [id]),
      () => manager.query(TASK, [id]),
      () => manager.query(MEMO, [id]),
      () => manager.query(TIMELINE, [id]),
    ]);
    return presentDisputeDetail(
      { row, lines, task: tasks[0] ?? null, memo: memos[0] ?? null, timeline },
      new Date(),
    );
  }

  async page(scope: AccountScope, query: ListDisputesQuery): Promise<Page<DisputeSummaryView>> {
    const now = new Date();
    const where: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (scope !== 'all') where.push(`d.customer_id = ANY(${bind([...scope])}::uuid[])`);
    if (query.status) where.push(`d.status = ANY(${bind(query.status)}::text[])`);
    if (query.category) where.push(`d.category = ANY(${bind(query.category)}::text[])`);
    if (query.source) where.push(`d.source = ${bind(query.source)}`);
    if (query.customerId) where.push(`d.customer_id = ${bind(query.customerId)}`);
    if (query.invoiceId) where.push(`d.invoice_id = ${bind(query.invoiceId)}`);
    if (query.paymentId) where.push(`d.payment_id = ${bind(query.paymentId)}`);
    if (query.owner) where.push(`d.owner = ${bind(query.owner)}`);
    if (query.raisedFrom) where.push(`d.created_at >= ${bind(query.raisedFrom)}`);
    if (query.raisedTo) where.push(`d.created_at < ${bind(query.raisedTo)}`);
    if (query.overdue !== undefined) {
      const overdue = `(d.status IN ('open', 'under_review') AND d.sla_due_at IS NOT NULL AND d.sla_due_at < ${bind(now)})`;
      where.push(query.overdue ? overdue : `NOT ${overdue}`);
    }
    const after = decodeCursor(query.cursor, ['bigint']);
    if (after) where.push(`d.dispute_number < ${bind(after[0])}::bigint`);
    const sql = `${DISPUTE_SELECT}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY d.dispute_number DESC
      LIMIT ${bind(query.limit + 1)}`;
    const rows = await this.dataSource.query<DisputeRow[]>(sql, parameters);
    return toPage(
      rows,
      query.limit,
      (row) => [row.disputeNumber],
      (row) => presentDisputeSummary(row, now),
    );
  }
}

function scopeCondition(scope: AccountScope, position: number) {
  if (scope === 'all') return { sql: '', parameters: [] as unknown[] };
  return { sql: ` AND d.customer_id = ANY($${position}::uuid[])`, parameters: [[...scope]] };
}
