import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import type { EntityManager } from 'typeorm';

export interface CashTaskRow {
  id: string;
  queue: string;
  status: string;
  subjectType: string;
  subjectId: string;
  assigneeRole: string;
  assignee: string | null;
  version: number;
  evidence: Record<string, unknown>;
  /** The customer whose payment or order the task is about. */
  ownerId: string | null;
}

const FIND = `
  SELECT t.id, t.queue, t.status, t.subject_type AS "subjectType", t.subject_id AS "subjectId",
         t.assignee_role AS "assigneeRole", t.assignee, t.version, t.evidence,
         COALESCE(p.customer_id, o.customer_id) AS "ownerId"
    FROM tasks t
    LEFT JOIN payments p ON t.subject_type = 'payment' AND p.id = t.subject_id
    LEFT JOIN sales_orders o ON t.subject_type = 'sales_order' AND o.id = t.subject_id
   WHERE t.id = $1`;

const LOCK = `
  SELECT id, status, assignee_role AS "assigneeRole", assignee, version, evidence
    FROM tasks WHERE id = $1 FOR UPDATE`;

/** Tasks as the cash commands read them, within the caller's accounts. */
@Injectable()
export class CashTaskRepository {
  async find(
    manager: EntityManager,
    scope: AccountScope,
    id: string,
  ): Promise<CashTaskRow | undefined> {
    const [task] = await manager.query<CashTaskRow[]>(FIND, [id]);
    if (!task) return undefined;
    if (scope !== 'all' && (task.ownerId === null || !scope.includes(task.ownerId))) {
      return undefined;
    }
    return task;
  }

  async lock(
    manager: EntityManager,
    id: string,
  ): Promise<
    | Pick<CashTaskRow, 'id' | 'status' | 'assigneeRole' | 'assignee' | 'version' | 'evidence'>
    | undefined
  > {
    const [task] = await manager.query<CashTaskRow[]>(LOCK, [id]);
    return task;
  }
}
