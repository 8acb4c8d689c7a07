import { Injectable } from '@nestjs/common';
import { AuditTrail, auditImage } from '@o2c/governance';
import type { EntityManager } from 'typeorm';

/** A customer's task as the refresh wants it. */
export interface PlannedCollectionTask {
  customerId: string;
  priority: number;
  slaHours: number;
  role: string;
  evidence: Record<string, unknown>;
}

export interface TaskChanges {
  opened: { id: string; customerId: string }[];
  updated: { id: string; customerId: string }[];
  closed: { id: string; customerId: string }[];
}

/**
 * One live 'collections' task per customer, race-safe: an INSERT ... ON CONFLICT on the partial
 * unique index (queue, subject_id) of live dispute and collections tasks. An existing task
 * takes the new figures and priority only when they changed (its SLA can only get sooner; its
 * role and holder stay, a person may have moved it); a new one opens in its role's queue.
 * Logged as task events in the same statement.
 */
const UPSERT = `
  WITH planned AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(
      "customerId" uuid, priority int, "slaHours" int, role text, evidence jsonb)
  ), upserted AS (
    INSERT INTO tasks (queue, status, subject_type, subject_id, priority, sla_due_at,
                       assignee_role, evidence)
    SELECT 'collections', 'open', 'customer', "customerId", priority,
           now() + "slaHours" * interval '1 hour', role, evidence
      FROM planned
    ON CONFLICT (queue, subject_id)
       WHERE queue IN ('dispute', 'collections') AND status IN ('open', 'claimed')
    DO UPDATE SET evidence = EXCLUDED.evidence, priority = EXCLUDED.priority,
                  sla_due_at = LEAST(tasks.sla_due_at, EXCLUDED.sla_due_at),
                  version = tasks.version + 1, updated_at = now()
      WHERE tasks.evidence IS DISTINCT FROM EXCLUDED.evidence
         OR tasks.priority IS DISTINCT FROM EXCLUDED.priority
    RETURNING id, subject_id, (xmax = 0) AS inserted, priority, assignee_role, evidence
  ), events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, data, related_objects, correlation_id)
    SELECT 'task', u.id::text, CASE WHEN u.inserted THEN 'task.opened' ELSE 'task.updated' END,
           $2, jsonb_build_object('queue', 'collections', 'priority', u.priority,
             'assigneeRole', u.assignee_role, 'riskScore', u.evidence->'risk'->'score'),
           jsonb_build_array(jsonb_build_object('type', 'customer', 'id', u.subject_id,
             'qualifier', 'subject')),
           $3
      FROM upserted u
  )
  SELECT id, subject_id AS "customerId", inserted FROM upserted`;

/** Live tasks of customers with nothing overdue any more: completed as cleared. */
const CLOSE = `
  WITH closed AS (
    UPDATE tasks
       SET status = 'completed', decision = 'cleared',
           decision_comment = 'Nothing overdue as of ' || $2::text,
           decided_by = $3, decided_at = now(),
           version = version + 1, updated_at = now()
     WHERE queue = 'collections' AND status IN ('open', 'claimed')
       AND NOT (subject_id = ANY($1::uuid[]))
    RETURNING id, subject_id
  ), events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
    SELECT 'task', c.id::text, 'task.completed', $3, 'Nothing overdue as of ' || $2::text,
           jsonb_build_object('queue', 'collections', 'decision', 'cleared'),
           jsonb_build_array(jsonb_build_object('type', 'customer', 'id', c.subject_id,
             'qualifier', 'subject')),
           $4
      FROM closed c
  )
  SELECT id, subject_id AS "customerId" FROM closed`;

@Injectable()
export class CollectionTasksWriter {
  constructor(private readonly audit: AuditTrail) {}

  async apply(
    manager: EntityManager,
    planned: PlannedCollectionTask[],
    context: { asOf: string; actor: string; correlationId: string | null },
  ): Promise<TaskChanges> {
    const rows =
      planned.length === 0
        ? []
        : await manager.query<{ id: string; customerId: string; inserted: boolean }[]>(UPSERT, [
            JSON.stringify(planned),
            context.actor,
            context.correlationId,
          ]);
    const closed = await manager.query<{ id: string; customerId: string }[]>(CLOSE, [
      planned.map((task) => task.customerId),
      context.asOf,
      context.actor,
      context.correlationId,
    ]);
    const changes = {
      opened: rows.filter((row) => row.inserted).map(({ id, customerId }) => ({ id, customerId })),
      updated: rows
        .filter((row) => !row.inserted)
        .map(({ id, customerId }) => ({ id, customerId })),
      closed,
    };
    await this.record(manager, planned, changes);
    return changes;
  }

  /** Raw statements record their own audit rows (only inside an audited request). */
  private async record(
    manager: EntityManager,
    planned: PlannedCollectionTask[],
    changes: TaskChanges,
  ): Promise<void> {
    if (!this.audit.isRecording()) return;
    const byCustomer = new Map(planned.map((task) => [task.customerId, task]));
    const image = (customerId: string) => {
      const task = byCustomer.get(customerId);
      return auditImage({
        queue: 'collections',
        subjectId: customerId,
        priority: task?.priority,
        evidence: task?.evidence,
      });
    };
    for (const row of changes.opened) {
      await this.audit.record(manager, {
        objectType: 'tasks',
        objectId: row.id,
        before: null,
        after: image(row.customerId),
      });
    }
    for (const row of changes.updated) {
      await this.audit.record(manager, {
        objectType: 'tasks',
        objectId: row.id,
        before: null,
        after: image(row.customerId),
      });
    }
    for (const row of changes.closed) {
      await this.audit.record(manager, {
        objectType: 'tasks',
        objectId: row.id,
        before: auditImage({ status: 'open or claimed' }),
        after: auditImage({ status: 'completed', decision: 'cleared' }),
      });
    }
  }
}
