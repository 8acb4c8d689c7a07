import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escalationTarget, slaDueAt } from '@o2c/domain';
import type { RelatedObject } from '@o2c/persistence';
import type { DataSource } from 'typeorm';
import { TimerMetrics } from '../metrics/timer.metrics';
import { RoutingPolicyReader } from './routing-policy.reader';
import { writeTimerEvents, type TimerEvent } from './timer-events.writer';
import { TIMER_SETTINGS, type TimerSettings } from './timer.settings';

interface OverdueTaskRow {
  id: string;
  queue: string;
  status: string;
  assigneeRole: string;
  assignee: string | null;
  priority: number;
  slaDueAt: Date;
  escalationLevel: number;
  subjectType: string;
  subjectId: string;
  holdId: string | null;
  orderNumber: string | null;
  customerNumber: string | null;
  now: Date;
}

/** Live tasks past their due time that were not handled for that due time yet; a task taken
 *  by another worker's transaction is skipped, not waited for. */
const CLAIM_OVERDUE = `
  SELECT t.id, t.queue, t.status, t.assignee_role AS "assigneeRole", t.assignee, t.priority,
         t.sla_due_at AS "slaDueAt", t.escalation_level AS "escalationLevel",
         t.subject_type AS "subjectType", t.subject_id AS "subjectId", t.hold_id AS "holdId",
         o.order_number AS "orderNumber", c.customer_number AS "customerNumber", now() AS now
    FROM tasks t
    LEFT JOIN sales_orders o ON t.subject_type = 'sales_order' AND o.id = t.subject_id
    LEFT JOIN customers c ON c.id = o.customer_id
   WHERE t.status IN ('open', 'claimed')
     AND t.sla_due_at <= now()
     AND (t.escalated_at IS NULL OR t.escalated_at < t.sla_due_at)
   ORDER BY t.sla_due_at
   LIMIT $1
     FOR UPDATE OF t SKIP LOCKED`;

/** Reassigned tasks go to the new role's queue unclaimed, with its SLA; tasks with nobody
 *  above keep holder and due time. Either way the level rises and escalated_at marks the due
 *  time as handled. */
const APPLY = `
  UPDATE tasks t
     SET assignee_role = COALESCE(e.role, t.assignee_role),
         assignee = CASE WHEN e.role IS NULL THEN t.assignee END,
         claimed_at = CASE WHEN e.role IS NULL THEN t.claimed_at END,
         status = CASE WHEN e.role IS NULL THEN t.status ELSE 'open' END,
         priority = COALESCE(e.priority, t.priority),
         sla_due_at = COALESCE(e.due, t.sla_due_at),
         escalation_level = t.escalation_level + 1,
         escalated_at = now(),
         version = t.version + 1,
         updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, role text, priority int, due timestamptz)
   WHERE t.id = e.id`;

export interface EscalationRound {
  claimed: number;
  reassigned: number;
  overdue: number;
}

/**
 * Escalates tasks past their SLA: each goes to the next role up its queue's routing policy
 * (see escalationTarget) with that role's SLA, unclaimed, and `task.escalated` tells the new
 * role; a task with nobody above stays put and `task.overdue` tells its holder. One
 * transaction per batch, rows claimed with SKIP LOCKED, so several workers share the work and
 * a restarted worker picks up exactly what is still due.
 */
@Injectable()
export class SlaEscalationJob {
  private readonly logger = new Logger('SlaEscalation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingPolicyReader,
    @Inject(TIMER_SETTINGS) private readonly settings: TimerSettings,
    private readonly metrics: TimerMetrics,
  ) {}

  async runOnce(): Promise<EscalationRound> {
    const round = await this.dataSource.transaction(async (manager) => {
      const tasks = await manager.query<OverdueTaskRow[]>(CLAIM_OVERDUE, [this.settings.batchSize]);
      if (tasks.length === 0) return { claimed: 0, reassigned: 0, overdue: 0 };
      const rules = await this.routing.rulesFor(manager, [
        ...new Set(tasks.map((task) => task.queue)),
      ]);
      const changes: {
        id: string;
        role: string | null;
        priority: number | null;
        due: string | null;
      }[] = [];
      const events: TimerEvent[] = [];
      for (const task of tasks) {
        const target = escalationTarget(rules, task);
        const now = task.now.toISOString();
        const due = target ? slaDueAt(now, target.slaHours) : null;
        changes.push({
          id: task.id,
          role: target?.role ?? null,
          priority: target?.priority ?? null,
          due,
        });
        events.push(escalationEvent(task, target?.role ?? null, due, target?.priority));
      }
      await manager.query(APPLY, [JSON.stringify(changes)]);
      await writeTimerEvents(manager, events, tasks[0].now);
      const reassigned = changes.filter((change) => change.role !== null).length;
      return { claimed: tasks.length, reassigned, overdue: tasks.length - reassigned };
    });
    if (round.claimed > 0) {
      this.metrics.escalated(round.reassigned, round.overdue);
      this.logger.log(
        `${round.reassigned} overdue task(s) escalated, ${round.overdue} reported overdue`,
      );
    }
    return round;
  }
}

function escalationEvent(
  task: OverdueTaskRow,
  role: string | null,
  due: string | null,
  priority: number | undefined,
): TimerEvent {
  const relatedObjects: RelatedObject[] = [
    {
      type: task.subjectType === 'sales_order' ? 'order' : task.subjectType,
      id: task.subjectId,
      qualifier: 'subject',
    },
    ...(task.holdId ? [{ type: 'hold', id: task.holdId, qualifier: 'hold' }] : []),
  ];
  const from = { role: task.assigneeRole, assignee: task.assignee };
  const overdueSince = task.slaDueAt.toISOString();
  const subject = {
    queue: task.queue,
    orderNumber: task.orderNumber,
    customerNumber: task.customerNumber,
    overdueSince,
    escalationLevel: task.escalationLevel + 1,
  };
  if (role === null) {
    return {
      objectType: 'task',
      objectId: task.id,
      activity: 'task.overdue',
      reason: `SLA due ${overdueSince} passed; no role above ${task.assigneeRole} in the routing policy`,
      data: { ...subject, status: task.status, holder: from, notify: from },
      relatedObjects,
      log: true,
      aggregateType: 'task',
      aggregateId: task.id,
    };
  }
  const to = { role, assignee: null };
  return {
    objectType: 'task',
    objectId: task.id,
    activity: 'task.escalated',
    reason: `SLA due ${overdueSince} passed`,
    data: {
      ...subject,
      status: 'open',
      from,
      to,
      slaDueAt: due,
      priority: priority ?? task.priority,
      notify: { role, previousRole: task.assigneeRole, previousAssignee: task.assignee },
    },
    relatedObjects,
    log: true,
    aggregateType: 'task',
    aggregateId: task.id,
  };
}
