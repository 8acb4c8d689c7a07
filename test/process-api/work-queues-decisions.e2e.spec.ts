import type { HeldOrder, HoldSpec } from '../factories/work-queue.factory';
import { fieldErrors, staff, WorkQueuesClient } from './work-queues.client';

const analyst = staff('ana', 'credit-analyst');
const otherAnalyst = staff('oscar', 'credit-analyst');
const pricingAnalyst = staff('pia', 'pricing-analyst');

const creditHold: HoldSpec = {
  type: 'credit',
  queue: 'credit-review',
  role: 'credit-analyst',
  reasonCode: 'CREDIT.LIMIT_EXCEEDED',
};
const pricingHold: HoldSpec = {
  type: 'pricing',
  queue: 'pricing-review',
  role: 'pricing-analyst',
  reasonCode: 'PRICE.OUTSIDE_TOLERANCE',
};

describe('process API: work queues (decisions resume the order flow)', () => {
  let client: WorkQueuesClient;

  beforeAll(async () => {
    client = await WorkQueuesClient.start();
  });
  afterAll(() => client.close());

  const orderStatus = async (held: HeldOrder) =>
    (
      await client.sql<{ status: string }>('SELECT status FROM sales_orders WHERE id = $1', [
        held.order.id,
      ])
    )[0]?.status;
  const orderEvents = (held: HeldOrder) =>
    client.sql<{ activity: string; status: string | null; actor: string }>(
      `SELECT activity, data->>'status' AS status, actor FROM process_events
        WHERE object_type = 'order' AND object_id = $1 ORDER BY sequence`,
      [held.order.id],
    );
  const orderOutbox = async (held: HeldOrder) =>
    (
      await client.sql<{ event_type: string }>(
        `SELECT event_type FROM outbox_messages
          WHERE aggregate_type = 'order' AND aggregate_id = $1 ORDER BY sequence`,
        [held.order.id],
      )
    ).map((row) => row.event_type);

  async function claimed(held: HeldOrder, index: number, as = analyst): Promise<string> {
    const taskId = held.tasks[index]?.id ?? '';
    expect((await client.claim(taskId, as)).status).toBe(200);
    return taskId;
  }

  it('approving one of two holds releases that hold and leaves the order on hold', async () => {
    const held = await client.heldOrder({ holds: [creditHold, pricingHold] });
    const taskId = await claimed(held, 0);
    const response = await client.decide(taskId, { decision: 'approve', comment: 'ok' }, analyst);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'completed',
      decision: 'approve',
      decisionComment: 'ok',
      decidedBy: 'ana',
      hold: { status: 'released', resolvedBy: 'internal:ana', resolutionComment: 'ok' },
      order: { status: 'on_hold' },
    });
    expect(response.body.hold.resolvedAt).not.toBeNull();
    expect(await orderStatus(held)).toBe('on_hold');
    expect((await client.getTask(held.tasks[1]?.id ?? '')).body.status).toBe('open');
    expect(await orderEvents(held)).toEqual([
      { activity: 'hold.released', status: null, actor: 'internal:ana' },
    ]);
    expect(await orderOutbox(held)).toEqual(['order.hold_released']);
    const taskEvents = await client.sql<{ activity: string }>(
      'SELECT activity FROM process_events WHERE object_id = $1 ORDER BY sequence',
      [taskId],
    );
    expect(taskEvents.map((event) => event.activity)).toEqual(['task.claimed', 'task.completed']);
    const allocations = await client.sql('SELECT id FROM allocations WHERE order_line_id = $1', [
      held.line.id,
    ]);
    expect(allocations).toEqual([]);
  });

  it('approving the last open hold allocates and releases the order in the same call', async () => {
    const held = await client.heldOrder({ holds: [creditHold, pricingHold] });
    const credit = await claimed(held, 0);
    expect((await client.decide(credit, { decision: 'approve' }, analyst)).status).toBe(200);
    const pricing = await claimed(held, 1, pricingAnalyst);
    const response = await client.decide(pricing, { decision: 'approve' }, pricingAnalyst);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'completed', hold: { status: 'released' } });
    expect(response.body.order.status).toBe('released');

    expect(await orderStatus(held)).toBe('released');
    const allocations = await client.sql<{ quantity: string; warehouse_id: string }>(
      'SELECT quantity::text, warehouse_id FROM allocations WHERE order_line_id = $1',
      [held.line.id],
    );
    expect(allocations).toEqual([{ quantity: '10.0000', warehouse_id: held.warehouse.id }]);
    const balance = await client.sql<{ allocated: string }>(
      'SELECT allocated::text FROM inventory_balances WHERE warehouse_id = $1 AND item_id = $2',
      [held.warehouse.id, held.item.id],
    );
    expect(balance).toEqual([{ allocated: '10.0000' }]);

    // Both decisions, then the flow resumed by the second one, in one transaction with it.
    expect((await orderEvents(held)).map((event) => event.activity)).toEqual([
      'hold.released',
      'hold.released',
      'order.approved',
      'order.allocated',
      'order.released',
    ]);
    const outbox = await orderOutbox(held);
    expect(outbox).toEqual(['order.hold_released', 'order.hold_released', 'order.released']);
    const [decision] = await client.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'order.hold_released'
        ORDER BY sequence DESC LIMIT 1`,
      [held.order.id],
    );
    expect(decision?.payload).toMatchObject({
      eventType: 'order.hold_released',
      orderId: held.order.id,
      orderNumber: held.order.orderNumber,
      holdId: held.holds[1]?.id,
      type: 'pricing',
      taskId: pricing,
      decision: 'approve',
      decidedBy: 'pia',
      actor: 'internal:pia',
    });
  });

  it('rejecting a hold rejects the order, cancels its other tasks and notifies', async () => {
    const held = await client.heldOrder({ holds: [creditHold, pricingHold] });
    const taskId = await claimed(held, 0);
    const response = await client.decide(
      taskId,
      { decision: 'reject', comment: 'exposure too high' },
      analyst,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'completed',
      decision: 'reject',
      hold: { status: 'rejected', resolutionComment: 'exposure too high' },
      order: { status: 'rejected' },
    });
    expect(await orderStatus(held)).toBe('rejected');
    expect((await client.getTask(held.tasks[1]?.id ?? '')).body.status).toBe('cancelled');
    const events = await orderEvents(held);
    expect(events.map((event) => event.activity)).toEqual([
      'hold.rejected',
      'hold.rejected',
      'order.rejected',
    ]);
    expect(events[0]?.actor).toBe('internal:ana');
    expect(await orderOutbox(held)).toEqual(['order.hold_rejected', 'order.rejected']);
    const [notice] = await client.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'order.rejected'`,
      [held.order.id],
    );
    expect(notice?.payload).toMatchObject({ reason: 'exposure too high' });
  });

  it('requires a comment to reject, naming the field', async () => {
    const held = await client.heldOrder({ holds: [creditHold] });
    const taskId = await claimed(held, 0);
    for (const body of [{ decision: 'reject' }, { decision: 'reject', comment: '   ' }]) {
      const response = await client.decide(taskId, body, analyst);
      expect(response.status).toBe(400);
      expect(fieldErrors(response)).toEqual(['/body/comment required-for-reject']);
    }
    const bad = await client.decide(taskId, { decision: 'maybe' }, analyst);
    expect(fieldErrors(bad)).toEqual(['/body/decision enum']);
    const extra = await client.decide(taskId, { decision: 'approve', amount: '5' }, analyst);
    expect(fieldErrors(extra)).toEqual(['/body/amount additionalProperties']);
    const missing = await client.decide(taskId, {}, analyst);
    expect(fieldErrors(missing)).toEqual(['/body/decision required']);
    expect((await client.getTask(taskId)).body.status).toBe('claimed');
    expect(await orderStatus(held)).toBe('on_hold');
  });

  it('lets only the claimer or an admin decide', async () => {
    const held = await client.heldOrder({ holds: [creditHold] });
    const unclaimed = await client.decide(
      held.tasks[0]?.id ?? '',
      { decision: 'approve' },
      analyst,
    );
    expect(unclaimed.status).toBe(403);
    expect(fieldErrors(unclaimed)).toEqual(['/assignee task-claimer']);
    const taskId = await claimed(held, 0);
    const other = await client.decide(taskId, { decision: 'approve' }, otherAnalyst);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('TASK.CLAIMER_REQUIRED');
    const admin = await client.decide(taskId, { decision: 'approve' });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ decidedBy: 'test-admin', assignee: 'ana' });
  });

  it('answers 409 to a decision on a completed or cancelled task, 412 to a stale ETag', async () => {
    const held = await client.heldOrder({ holds: [creditHold] });
    const taskId = await claimed(held, 0);
    const tag = await client.etag(taskId);
    expect((await client.decide(taskId, { decision: 'approve' }, analyst, tag)).status).toBe(200);
    const stale = await client.decide(taskId, { decision: 'reject', comment: 'no' }, analyst, tag);
    expect(stale.status).toBe(412);
    const again = await client.decide(taskId, { decision: 'reject', comment: 'no' }, analyst);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TASK.ALREADY_DECIDED');

    const cancelled = await client.heldOrder({ holds: [{ ...creditHold, status: 'cancelled' }] });
    const response = await client.decide(cancelled.tasks[0]?.id ?? '', { decision: 'approve' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('TASK.ALREADY_DECIDED');
    expect(await orderStatus(cancelled)).toBe('on_hold');
  });

  it('resumes the flow exactly once when the last two holds are approved concurrently', async () => {
    const held = await client.heldOrder({ holds: [creditHold, pricingHold] });
    const credit = await claimed(held, 0);
    const pricing = await claimed(held, 1, pricingAnalyst);
    const results = await Promise.all([
      client.decide(credit, { decision: 'approve' }, analyst),
      client.decide(pricing, { decision: 'approve' }, pricingAnalyst),
    ]);
    expect(results.map((response) => response.status)).toEqual([200, 200]);
    expect(await orderStatus(held)).toBe('released');
    const allocations = await client.sql('SELECT id FROM allocations WHERE order_line_id = $1', [
      held.line.id,
    ]);
    expect(allocations).toHaveLength(1);
  });
});
