import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { holdReminderDue } from '@o2c/domain';
import type { DataSource } from 'typeorm';
import { TimerMetrics } from '../metrics/timer.metrics';
import { writeTimerEvents, type TimerEvent } from './timer-events.writer';
import { TIMER_SETTINGS, type TimerSettings } from './timer.settings';

interface AgingHoldRow {
  id: string;
  orderId: string;
  type: string;
  reasonCode: string;
  openedAt: Date;
  reminderLevel: number;
  orderNumber: string;
  externalPoNumber: string | null;
  customerId: string;
  customerNumber: string;
  accountManager: string | null;
  taskId: string | null;
  queue: string | null;
  assigneeRole: string | null;
  assignee: string | null;
  taskDueAt: Date | null;
  now: Date;
}

/**
 * Open holds whose age passed the threshold of their next reminder level ($1: the thresholds
 * in hours; level n waits for element n). Skips holds another worker has claimed.
 */
const CLAIM_AGING_HOLDS = `
  SELECT h.id, h.order_id AS "orderId", h.type, h.reason_code AS "reasonCode",
         h.opened_at AS "openedAt", h.reminder_level AS "reminderLevel",
         o.order_number AS "orderNumber", o.external_po_number AS "externalPoNumber",
         c.id AS "customerId", c.customer_number AS "customerNumber",
         c.account_manager AS "accountManager",
         t.id AS "taskId", t.queue, t.assignee_role AS "assigneeRole", t.assignee,
         t.sla_due_at AS "taskDueAt", now() AS now
    FROM order_holds h
    JOIN sales_orders o ON o.id = h.order_id
    JOIN customers c ON c.id = o.customer_id
    LEFT JOIN tasks t ON t.hold_id = h.id AND t.status IN ('open', 'claimed')
   WHERE h.status = 'open'
     AND h.reminder_level < cardinality($1::float8[])
     AND h.opened_at <= now() - make_interval(secs => ($1::float8[])[h.reminder_level + 1] * 3600)
   ORDER BY h.opened_at
   LIMIT $2
     FOR UPDATE OF h SKIP LOCKED`;

const RAISE_LEVELS = `
  UPDATE order_holds h
     SET reminder_level = r.level, reminded_at = now(), version = h.version + 1,
         updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, level int)
   WHERE h.id = r.id AND h.reminder_level < r.level`;

export interface ReminderRound {
  claimed: number;
  reminded: number;
}

/**
 * Reminds about holds that have waited too long: `order.hold_reminder` through the outbox (to
 * the account manager and the reviewing role), once per reminder level, the level kept on
 * the hold in the same transaction. A worker that was stopped for days sends one reminder
 * at the level reached, not one per missed level.
 */
@Injectable()
export class HoldReminderJob {
  private readonly logger = new Logger('HoldReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TIMER_SETTINGS) private readonly settings: TimerSettings,
    private readonly metrics: TimerMetrics,
  ) {}

  async runOnce(): Promise<ReminderRound> {
    const thresholds = this.settings.holdReminderHours;
    if (thresholds.length === 0) return { claimed: 0, reminded: 0 };
    const round = await this.dataSource.transaction(async (manager) => {
      const holds = await manager.query<AgingHoldRow[]>(CLAIM_AGING_HOLDS, [
        thresholds,
        this.settings.batchSize,
      ]);
      const levels: { id: string; level: number }[] = [];
      const events: TimerEvent[] = [];
      for (const hold of holds) {
        const reminder = holdReminderDue(
          hold.openedAt.toISOString(),
          hold.now.toISOString(),
          thresholds,
          hold.reminderLevel,
        );
        if (!reminder) continue;
        levels.push({ id: hold.id, level: reminder.level });
        events.push(reminderEvent(hold, reminder.level, reminder.ageHours));
      }
      if (levels.length > 0) {
        await manager.query(RAISE_LEVELS, [JSON.stringify(levels)]);
        await writeTimerEvents(manager, events, holds[0].now);
      }
      return { claimed: holds.length, reminded: levels.length, levels };
    });
    for (const { level } of round.levels) this.metrics.reminded(level);
    if (round.reminded > 0) this.logger.log(`${round.reminded} aging hold reminder(s) sent`);
    return { claimed: round.claimed, reminded: round.reminded };
  }
}

function reminderEvent(hold: AgingHoldRow, level: number, ageHours: number): TimerEvent {
  const task = hold.taskId
    ? {
        id: hold.taskId,
        queue: hold.queue,
        assigneeRole: hold.assigneeRole,
        assignee: hold.assignee,
        slaDueAt: hold.taskDueAt?.toISOString() ?? null,
      }
    : null;
  return {
    objectType: 'hold',
    objectId: hold.id,
    activity: 'order.hold_reminder',
    reason: `hold open for ${ageHours} hours (reminder ${level})`,
    data: {
      orderId: hold.orderId,
      orderNumber: hold.orderNumber,
      externalPoNumber: hold.externalPoNumber,
      customerId: hold.customerId,
      customerNumber: hold.customerNumber,
      reminderLevel: level,
      hold: {
        id: hold.id,
        type: hold.type,
        reasonCode: hold.reasonCode,
        openedAt: hold.openedAt.toISOString(),
        ageHours,
      },
      task,
      notify: {
        accountManager: hold.accountManager,
        ...(task?.assigneeRole ? { role: task.assigneeRole } : {}),
      },
    },
    relatedObjects: [
      { type: 'order', id: hold.orderId, qualifier: 'subject' },
      ...(hold.taskId ? [{ type: 'task', id: hold.taskId, qualifier: 'task' }] : []),
    ],
    log: false,
    // In the order's stream: consumers see it in order with the order's other events.
    aggregateType: 'order',
    aggregateId: hold.orderId,
  };
}
