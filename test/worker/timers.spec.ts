import { HoldReminderJob, SlaEscalationJob } from '@o2c/integration';
import { Pool } from 'pg';
import { insertHeldOrder } from '../factories/work-queue.factory';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startWorkerContext, type WorkerContext } from './relay-context';

let database: TestDatabase;
let observer: Pool;
let worker: WorkerContext;
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  observer = new Pool({ connectionString: database.url, max: 4 });
  worker = await startTimers();
});

afterAll(async () => {
  await worker?.close();
  await observer?.end();
  await database?.drop();
});

function startTimers(variables: Record<string, string> = {}): Promise<WorkerContext> {
  return startWorkerContext({ databaseUrl: database.url, variables, timers: true });
}

interface TaskRow {
  assigneeRole: string;
  assignee: string | null;
  status: string;
  priority: number;
  slaDueAt: Date;
  escalationLevel: number;
  version: number;
}

async function task(id: string): Promise<TaskRow> {
  const { rows } = await observer.query<TaskRow>(
    `SELECT assignee_role AS "assigneeRole", assignee, status, priority, sla_due_at AS "slaDueAt",
            escalation_level AS "escalationLevel", version
       FROM tasks WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** As if the task's due time had passed: the clock of its last escalation moves back too. */
async function makeOverdue(taskId: string): Promise<void> {
  await observer.query(
    `UPDATE tasks
        SET escalated_at = escalated_at - (sla_due_at - now() + interval '1 minute'),
            sla_due_at = now() - interval '1 minute'
      WHERE id = $1`,
    [taskId],
  );
}

async function messagesFor(aggregateId: string) {
  const { rows } = await observer.query<{ eventType: string; payload: Record<string, unknown> }>(
    `SELECT event_type AS "eventType", payload FROM outbox_messages
      WHERE aggregate_id = $1 ORDER BY sequence`,
    [aggregateId],
  );
  return rows;
}

async function heldOrder(
  role: string,
  queue: 'credit-review' | 'pricing-review' | 'inventory-review',
) {
  const type =
    queue === 'credit-review' ? 'credit' : queue === 'pricing-review' ? 'pricing' : 'inventory';
  return insertHeldOrder(worker.dataSource, {
    holds: [{ type, queue, role, priority: 3, dueAt: new Date(Date.now() - 60_000) }],
  });
}

describe('SLA escalation', () => {
  it('climbs the credit policy analyst, manager, finance director, then reports overdue once', async () => {
    const order = await heldOrder('credit-analyst', 'credit-review');
    const taskId = order.tasks[0].id;
    await observer.query(
      `UPDATE tasks SET status = 'claimed', assignee = 'ana', claimed_at = now() WHERE id = $1`,
      [taskId],
    );
    const escalation = worker.get(SlaEscalationJob);

    const started = Date.now();
    expect(await escalation.runOnce()).toEqual({ claimed: 1, reassigned: 1, overdue: 0 });
    const first = await task(taskId);
    expect(first).toEqual(
      expect.objectContaining({
        assigneeRole: 'credit-manager',
        assignee: null,
        status: 'open',
        priority: 2,
        escalationLevel: 1,
      }),
    );
    // The manager rule's 8-hour SLA, from now.
    expect(first.slaDueAt.getTime() - started).toBeGreaterThan(8 * HOUR - 60_000);
    expect(first.slaDueAt.getTime() - started).toBeLessThan(8 * HOUR + 60_000);
    // Handled: not escalated again until the new due time passes, by this worker or another.
    expect(await escalation.runOnce()).toEqual({ claimed: 0, reassigned: 0, overdue: 0 });
    const restarted = await startTimers();
    try {
      expect(await restarted.get(SlaEscalationJob).runOnce()).toEqual(
        expect.objectContaining({ claimed: 0 }),
      );
      await makeOverdue(taskId);
      expect(await restarted.get(SlaEscalationJob).runOnce()).toEqual(
        expect.objectContaining({ reassigned: 1 }),
      );
    } finally {
      await restarted.close();
    }
    expect(await task(taskId)).toEqual(
      expect.objectContaining({
        assigneeRole: 'finance-director',
        priority: 1,
        escalationLevel: 2,
      }),
    );

    await makeOverdue(taskId);
    expect(await escalation.runOnce()).toEqual({ claimed: 1, reassigned: 0, overdue: 1 });
    const top = await task(taskId);
    expect(top).toEqual(
      expect.objectContaining({ assigneeRole: 'finance-director', escalationLevel: 3 }),
    );
    expect(top.slaDueAt.getTime()).toBeLessThan(Date.now());
    expect(await escalation.runOnce()).toEqual(expect.objectContaining({ claimed: 0 }));

    const messages = await messagesFor(taskId);
    expect(messages.map((message) => message.eventType)).toEqual([
      'task.escalated',
      'task.escalated',
      'task.overdue',
    ]);
    expect(messages[0].payload).toEqual(
      expect.objectContaining({
        eventType: 'task.escalated',
        queue: 'credit-review',
        orderNumber: order.order.orderNumber,
        from: { role: 'credit-analyst', assignee: 'ana' },
        to: { role: 'credit-manager', assignee: null },
        notify: { role: 'credit-manager', previousRole: 'credit-analyst', previousAssignee: 'ana' },
        escalationLevel: 1,
        object: { type: 'task', id: taskId },
        relatedObjects: [
          { type: 'order', id: order.order.id, qualifier: 'subject' },
          { type: 'hold', id: order.holds[0].id, qualifier: 'hold' },
        ],
        actor: 'system:worker-timers',
      }),
    );
    expect(messages[2].payload).toEqual(
      expect.objectContaining({
        notify: { role: 'finance-director', assignee: null },
        escalationLevel: 3,
      }),
    );
    const { rows: events } = await observer.query(
      `SELECT activity, actor FROM process_events WHERE object_type = 'task' AND object_id = $1
        ORDER BY sequence`,
      [taskId],
    );
    expect(events).toEqual([
      { activity: 'task.escalated', actor: 'system:worker-timers' },
      { activity: 'task.escalated', actor: 'system:worker-timers' },
      { activity: 'task.overdue', actor: 'system:worker-timers' },
    ]);
  });

  it('follows the routing policy stored in the database', async () => {
    await observer.query(
      `INSERT INTO approval_routing_rules (queue, name, condition, role, priority, sla_minutes, task_priority)
       VALUES ('pricing-review', 'Large price overrides', '{"minOrderTotal": "100000"}',
               'pricing-manager', 5, 120, 2)`,
    );
    const order = await heldOrder('pricing-analyst', 'pricing-review');
    await worker.get(SlaEscalationJob).runOnce();
    const escalated = await task(order.tasks[0].id);
    expect(escalated).toEqual(
      expect.objectContaining({ assigneeRole: 'pricing-manager', priority: 2 }),
    );
    expect(escalated.slaDueAt.getTime() - Date.now()).toBeLessThan(2 * HOUR + 60_000);
  });

  it('reports a task overdue, without moving it, when its queue has nobody above its role', async () => {
    const order = await heldOrder('inventory-planner', 'inventory-review');
    expect(await worker.get(SlaEscalationJob).runOnce()).toEqual(
      expect.objectContaining({ overdue: 1, reassigned: 0 }),
    );
    expect(await task(order.tasks[0].id)).toEqual(
      expect.objectContaining({ assigneeRole: 'inventory-planner', escalationLevel: 1 }),
    );
    expect((await messagesFor(order.tasks[0].id)).map((message) => message.eventType)).toEqual([
      'task.overdue',
    ]);
  });

  it('shares overdue tasks between two workers: each escalated exactly once', async () => {
    const order = await heldOrder('credit-analyst', 'credit-review');
    await observer.query(`UPDATE tasks SET sla_due_at = now() + interval '1 hour' WHERE id = $1`, [
      order.tasks[0].id,
    ]);
    const { rows } = await observer.query<{ id: string }>(
      `INSERT INTO tasks (queue, status, subject_type, subject_id, priority, sla_due_at, assignee_role)
       SELECT 'credit-review', 'open', 'sales_order', $1, 3,
              now() - g * interval '1 second', 'credit-analyst'
         FROM generate_series(1, 60) AS g
       RETURNING id`,
      [order.order.id],
    );
    const ids = rows.map((row) => row.id);
    const workers = [
      await startTimers({ TIMER_BATCH_SIZE: '7' }),
      await startTimers({ TIMER_BATCH_SIZE: '7' }),
    ];
    try {
      const rounds = await Promise.all(
        workers.map(async (each) => {
          let claimed = 0;
          for (;;) {
            const round = await each.get(SlaEscalationJob).runOnce();
            if (round.claimed === 0) return claimed;
            claimed += round.claimed;
          }
        }),
      );
      expect(rounds[0] + rounds[1]).toBe(60);
      expect(rounds.every((claimed) => claimed > 0)).toBe(true);
    } finally {
      await Promise.all(workers.map((each) => each.close()));
    }
    const { rows: levels } = await observer.query<{ level: number; count: number }>(
      `SELECT escalation_level AS level, count(*)::int AS count FROM tasks
        WHERE id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    expect(levels).toEqual([{ level: 1, count: 60 }]);
    const { rows: messages } = await observer.query<{ count: number; distinct: number }>(
      `SELECT count(*)::int AS count, count(DISTINCT aggregate_id)::int AS distinct
         FROM outbox_messages WHERE event_type = 'task.escalated' AND aggregate_id = ANY($1::text[])`,
      [ids],
    );
    expect(messages[0]).toEqual({ count: 60, distinct: 60 });
  });
});

describe('hold reminders', () => {
  async function agedHold(hours: number) {
    const order = await heldOrder('credit-analyst', 'credit-review');
    await observer.query(`UPDATE tasks SET sla_due_at = now() + interval '1 day' WHERE id = $1`, [
      order.tasks[0].id,
    ]);
    await observer.query(
      `UPDATE order_holds SET opened_at = now() - $2 * interval '1 hour' WHERE id = $1`,
      [order.holds[0].id, hours],
    );
    await observer.query(`UPDATE customers SET account_manager = 'am-7' WHERE id = $1`, [
      order.customerId,
    ]);
    return order;
  }

  async function reminders(orderId: string) {
    return (await messagesFor(orderId)).filter(
      (message) => message.eventType === 'order.hold_reminder',
    );
  }

  it('reminds once per level as a hold ages, and jumps to the level reached', async () => {
    const order = await agedHold(25);
    const job = worker.get(HoldReminderJob);
    expect(await job.runOnce()).toEqual({ claimed: 1, reminded: 1 });
    expect(await job.runOnce()).toEqual({ claimed: 0, reminded: 0 });
    const [first] = await reminders(order.order.id);
    expect(first.payload).toEqual(
      expect.objectContaining({
        eventType: 'order.hold_reminder',
        orderId: order.order.id,
        orderNumber: order.order.orderNumber,
        reminderLevel: 1,
        hold: expect.objectContaining({ id: order.holds[0].id, type: 'credit', ageHours: 25 }),
        task: expect.objectContaining({ id: order.tasks[0].id, assigneeRole: 'credit-analyst' }),
        notify: { accountManager: 'am-7', role: 'credit-analyst' },
      }),
    );

    // Stopped for a week: one reminder at level 3, not levels 2 and 3.
    await observer.query(
      `UPDATE order_holds SET opened_at = now() - interval '200 hours' WHERE id = $1`,
      [order.holds[0].id],
    );
    expect(await job.runOnce()).toEqual({ claimed: 1, reminded: 1 });
    expect(await job.runOnce()).toEqual({ claimed: 0, reminded: 0 });
    expect(
      (await reminders(order.order.id)).map((message) => message.payload.reminderLevel),
    ).toEqual([1, 3]);
    const { rows } = await observer.query(
      'SELECT reminder_level AS "reminderLevel" FROM order_holds WHERE id = $1',
      [order.holds[0].id],
    );
    expect(rows).toEqual([{ reminderLevel: 3 }]);
  });

  it('sends nothing for young or released holds', async () => {
    const young = await agedHold(2);
    const released = await agedHold(30);
    await observer.query(
      `UPDATE order_holds SET status = 'released', resolved_at = now() WHERE id = $1`,
      [released.holds[0].id],
    );
    expect(await worker.get(HoldReminderJob).runOnce()).toEqual({ claimed: 0, reminded: 0 });
    expect(await reminders(young.order.id)).toEqual([]);
    expect(await reminders(released.order.id)).toEqual([]);
  });

  it('shares aging holds between two workers: one reminder each', async () => {
    const orders = [];
    for (let index = 0; index < 12; index += 1) orders.push(await agedHold(80));
    const workers = [
      await startTimers({ TIMER_BATCH_SIZE: '3' }),
      await startTimers({ TIMER_BATCH_SIZE: '3' }),
    ];
    try {
      await Promise.all(
        workers.map(async (each) => {
          while ((await each.get(HoldReminderJob).runOnce()).claimed > 0) {
            // until nothing is due
          }
        }),
      );
    } finally {
      await Promise.all(workers.map((each) => each.close()));
    }
    for (const order of orders) {
      expect(
        (await reminders(order.order.id)).map((message) => message.payload.reminderLevel),
      ).toEqual([2]);
    }
  });
});
