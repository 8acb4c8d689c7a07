import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { decodeCursor, type MoneyView, type Page, presentMoney, toPage } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { CollectionsQueueQuery } from '../collections.contract';

interface QueueRow {
  rank: string;
  id: string;
  status: string;
  assigneeRole: string;
  assignee: string | null;
  priority: number;
  slaDueAt: Date | null;
  version: number;
  evidence: QueueEvidence;
  score: number;
  overdue: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  riskTier: string;
  creditLimit: string;
  currency: string;
}

interface QueueEvidence {
  amountOverdue?: MoneyView;
  overdueInOtherCurrencies?: MoneyView[];
  oldestOverdueDays?: number;
  openDisputes?: number;
  brokenPromises?: number;
  lastDunningLevel?: number;
  risk?: { score: number; band: string; reasons: unknown[] };
}

/**
 * The live collections tasks ranked by risk score, then amount overdue (the refresh wrote both
 * into the task's evidence), each with its rank in the whole queue the caller may see; keyset
 * pages on (score, amount, id).
 */
const RANKED = `
  WITH ranked AS (
    SELECT t.id, t.status, t.assignee_role AS "assigneeRole", t.assignee, t.priority,
           t.sla_due_at AS "slaDueAt", t.version, t.evidence,
           COALESCE((t.evidence->'risk'->>'score')::int, 0) AS score,
           COALESCE((t.evidence->'amountOverdue'->>'amount')::numeric, 0) AS overdue_amount,
           c.id AS "customerId", c.customer_number AS "customerNumber", c.name AS "customerName",
           c.risk_tier AS "riskTier", c.credit_limit::text AS "creditLimit", c.currency
      FROM tasks t JOIN customers c ON c.id = t.subject_id
     WHERE t.queue = 'collections' AND t.status IN ('open', 'claimed') AND t.subject_type = 'customer'
       __SCOPE__
  ), numbered AS (
    SELECT *, row_number() OVER (ORDER BY score DESC, overdue_amount DESC, id) AS rank
      FROM ranked
  )
  SELECT rank::text, id, status, "assigneeRole", assignee, priority, "slaDueAt", version, evidence,
         score, overdue_amount::text AS overdue, "customerId", "customerNumber", "customerName",
         "riskTier", "creditLimit", currency
    FROM numbered`;

@Injectable()
export class CollectionsQueueReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(scope: AccountScope, query: CollectionsQueueQuery): Promise<Page<unknown>> {
    const parameters: unknown[] = [];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const scoped = scope === 'all' ? '' : `AND t.subject_id = ANY(${bind([...scope])}::uuid[])`;
    const where: string[] = [];
    if (query.assignee) where.push(`assignee = ${bind(query.assignee)}`);
    if (query.assigneeRole) where.push(`"assigneeRole" = ${bind(query.assigneeRole)}`);
    if (query.minRiskScore !== undefined) where.push(`score >= ${bind(query.minRiskScore)}`);
    // (risk score, amount overdue, task id) of the last row.
    const after = decodeCursor(query.cursor, ['int', 'decimal', 'uuid']);
    if (after) {
      const [score, amount, id] = after;
      where.push(
        `(score < ${bind(score)} OR (score = $${parameters.length} AND (overdue_amount < ${bind(amount)}::numeric OR (overdue_amount = $${parameters.length}::numeric AND id > ${bind(id)}::uuid))))`,
      );
    }
    const sql = `${RANKED.replace('__SCOPE__', scoped)}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY score DESC, overdue_amount DESC, id
      LIMIT ${bind(query.limit + 1)}`;
    const rows = await this.dataSource.query<QueueRow[]>(sql, parameters);
    return toPage(rows, query.limit, (row) => [row.score, row.overdue, row.id], presentQueueItem);
  }
}

function presentQueueItem(row: QueueRow) {
  const evidence = row.evidence;
  return {
    rank: Number(row.rank),
    task: {
      id: row.id,
      status: row.status,
      assigneeRole: row.assigneeRole,
      assignee: row.assignee,
      priority: row.priority,
      dueAt: row.slaDueAt?.toISOString() ?? null,
      version: row.version,
    },
    customer: {
      id: row.customerId,
      customerNumber: row.customerNumber,
      name: row.customerName,
      riskTier: row.riskTier,
      creditLimit: presentMoney(row.creditLimit, row.currency),
    },
    amountOverdue: evidence.amountOverdue ?? presentMoney(row.overdue, row.currency),
    overdueInOtherCurrencies: evidence.overdueInOtherCurrencies ?? [],
    oldestOverdueDays: evidence.oldestOverdueDays ?? 0,
    risk: evidence.risk ?? { score: row.score, band: 'low', reasons: [] },
    lastDunningLevel: evidence.lastDunningLevel ?? 0,
    openDisputes: evidence.openDisputes ?? 0,
    brokenPromises: evidence.brokenPromises ?? 0,
  };
}
