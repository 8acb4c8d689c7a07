import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { decodeCursor, type Page, ProblemException, toPage } from '@o2c/http';
import { DataSource, type EntityManager } from 'typeorm';
import type { DunningNoticesQuery } from '../collections.contract';
import {
  type DunningNoticeRow,
  type DunningNoticeView,
  NOTICE_SELECT,
  presentDunningNotice,
} from './dunning-notice.presenter';

/** How many of a run's notices its own answer carries (list the rest by runId). */
const RUN_NOTICES_SHOWN = 500;

interface RunRow {
  id: string;
  asOf: string;
  requestedBy: string;
  invoicesExamined: number;
  noticesIssued: number;
  tasksOpened: number;
  tasksUpdated: number;
  tasksClosed: number;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface DunningRunView {
  id: string;
  asOf: string;
  requestedBy: string;
  invoicesExamined: number;
  noticesIssued: number;
  tasksOpened: number;
  tasksUpdated: number;
  tasksClosed: number;
  notices: DunningNoticeView[];
  createdAt: string;
  finishedAt: string | null;
}

/** Dunning runs and notices; account-bound callers see their accounts' notices only. */
@Injectable()
export class DunningReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(
    scope: AccountScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DunningRunView> {
    const runs = await manager.query<RunRow[]>(
      `SELECT id, as_of::text AS "asOf", requested_by AS "requestedBy",
              invoices_examined AS "invoicesExamined", notices_issued AS "noticesIssued",
              tasks_opened AS "tasksOpened", tasks_updated AS "tasksUpdated",
              tasks_closed AS "tasksClosed",
              created_at AS "createdAt", finished_at AS "finishedAt"
         FROM dunning_runs WHERE id = $1`,
      [id],
    );
    const run = runs[0];
    if (!run) throw ProblemException.notFound('dunning run', id);
    const scoped = scope === 'all' ? '' : ' AND n.customer_id = ANY($3::uuid[])';
    const notices = await manager.query<DunningNoticeRow[]>(
      `${NOTICE_SELECT} WHERE n.run_id = $1${scoped} ORDER BY n.customer_id, i.due_date, n.id LIMIT $2`,
      scope === 'all' ? [id, RUN_NOTICES_SHOWN] : [id, RUN_NOTICES_SHOWN, [...scope]],
    );
    return {
      id: run.id,
      asOf: run.asOf,
      requestedBy: run.requestedBy,
      invoicesExamined: run.invoicesExamined,
      noticesIssued: run.noticesIssued,
      tasksOpened: run.tasksOpened,
      tasksUpdated: run.tasksUpdated,
      tasksClosed: run.tasksClosed,
      notices: notices.map(presentDunningNotice),
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  }

  async notices(scope: AccountScope, query: DunningNoticesQuery): Promise<Page<DunningNoticeView>> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (scope !== 'all') where.push(`n.customer_id = ANY(${bind([...scope])}::uuid[])`);
    if (query.customerId) where.push(`n.customer_id = ${bind(query.customerId)}::uuid`);
    if (query.invoiceId) where.push(`n.invoice_id = ${bind(query.invoiceId)}::uuid`);
    if (query.runId) where.push(`n.run_id = ${bind(query.runId)}::uuid`);
    if (query.level !== undefined) where.push(`n.level = ${bind(query.level)}`);
    // (created_at as PostgreSQL writes it, id) of the last notice.
    const after = decodeCursor(query.cursor, ['postgres-timestamp', 'uuid']);
    if (after) {
      where.push(
        `(n.created_at, n.id) < (${bind(after[0])}::timestamptz, ${bind(after[1])}::uuid)`,
      );
    }
    const rows = await this.dataSource.query<DunningNoticeRow[]>(
      `${NOTICE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY n.created_at DESC, n.id DESC LIMIT ${bind(query.limit + 1)}`,
      parameters,
    );
    return toPage(rows, query.limit, (row) => [row.createdAtKey, row.id], presentDunningNotice);
  }
}
