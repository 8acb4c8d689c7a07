import { OrderFlow } from '@o2c/process-api';
import { DataSource } from 'typeorm';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

const HOUR = 3_600_000;
const activities = (order: { events: { activity: string }[] }) =>
  order.events.map((event) => event.activity);
const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10);

/**
 * Orders a person must look at: pricing, margin, credit, overdue and inventory holds, each with
 * its evidence and a task routed by the approval policy; blocked customers; and the flow
 * resuming (or ending) when holds are decided or their condition clears.
 */
describe('process API: holds, tasks and resuming the flow', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let flow: OrderFlow;
  let dataSource: DataSource;
  let warehouse: { id: string; code: string };
  const system = { principal: 'system:test', kind: 'system' };

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    flow = gateway.app.get(OrderFlow);
    dataSource = gateway.app.get(DataSource);
    warehouse = await fixtures.warehouse(['US-WEST']);
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  /** A customer and an item at 8.50 contract (cost 6.00), 100 in stock. */
  async function pricedItem(customer: TradingAccount, stock = '100') {
    const item = await fixtures.item({ listPrice: '10.00', standardCost: '6.00' });
    await fixtures.agreement(customer.id, item.id, '8.50');
    await fixtures.stock(warehouse.id, item.id, stock);
    return item;
  }

  /** What the work-queue process does when a person approves a hold's task. */
  async function approve(holdId: string) {
    await fixtures.client.query(
      `UPDATE order_holds SET status = 'released', resolved_at = now(), resolved_by = 'reviewer'
        WHERE id = $1`,
      [holdId],
    );
    await fixtures.client.query(
      `UPDATE tasks SET status = 'completed', decision = 'approve', decided_at = now(),
              decided_by = 'reviewer' WHERE hold_id = $1`,
      [holdId],
    );
  }

  it('holds a requested price outside tolerance for pricing review, with a routed task', async () => {
    const customer = await fixtures.customer({ priceTolerancePercent: '2.5' });
    const item = await pricedItem(customer);
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10', requestedUnitPrice: '8.00' }]),
    );

    expect(response.status).toBe(201);
    const order = response.body;
    expect(order).toMatchObject({ status: 'on_hold', touchless: false, allocations: [] });
    expect(order.lines[0]).toMatchObject({
      status: 'open',
      x12StatusCode: null,
      requestedUnitPrice: { amount: '8.00' },
      unitPrice: { amount: '8.50' },
      priceSource: 'contract',
    });
    expect(order.holds).toMatchObject([
      {
        type: 'pricing',
        status: 'open',
        reasonCode: 'PRICE.OUTSIDE_TOLERANCE',
        evidence: {
          reasons: ['PRICE.OUTSIDE_TOLERANCE'],
          tolerancePercent: '2.5',
          deviationAction: 'hold',
          lines: [
            {
              lineNumber: 1,
              sku: item.sku,
              requestedUnitPrice: { amount: '8.00', currency: 'USD' },
              contractUnitPrice: { amount: '8.50', currency: 'USD' },
              deviationPercent: '-5.89',
              marginPercent: '29.41',
            },
          ],
        },
      },
    ]);
    const [task] = order.tasks;
    expect(task).toMatchObject({
      queue: 'pricing-review',
      status: 'open',
      holdId: order.holds[0].id,
      assigneeRole: 'pricing-analyst',
      priority: 3,
    });
    expect(Date.parse(task.slaDueAt) - Date.parse(task.createdAt)).toBeCloseTo(4 * HOUR, -4);
    expect(activities(order)).toEqual(['order.received', 'order.validated', 'order.held']);
    expect(await fixtures.balance(warehouse.id, item.id)).toMatchObject({ allocated: '0.0000' });
    expect(await fixtures.outbox(order.id)).toMatchObject([
      {
        eventType: 'order.held',
        payload: {
          orderNumber: order.orderNumber,
          notify: { accountManager: 'pat.lee@example.com' },
          holds: [{ type: 'pricing', assigneeRole: 'pricing-analyst' }],
        },
      },
    ]);
  });

  it('corrects a price outside tolerance when that is the customer policy, and releases', async () => {
    const customer = await fixtures.customer({ priceDeviationAction: 'correct' });
    const item = await pricedItem(customer);
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10', requestedUnitPrice: '8.00' }]),
    );
    expect(response.body).toMatchObject({ status: 'released', touchless: true, holds: [] });
    expect(response.body.lines[0]).toMatchObject({
      requestedUnitPrice: { amount: '8.00' },
      unitPrice: { amount: '8.50' },
      priceSource: 'corrected',
      lineTotal: { amount: '85.00' },
    });
    // The correction is on the order's timeline: what was asked, what is charged, by which rule.
    const read = await orders.get(response.body.id);
    const events = read.body.events as { activity: string; data: Record<string, unknown> }[];
    expect(events.filter((event) => event.activity === 'order.price_corrected')).toEqual([
      expect.objectContaining({
        data: {
          reason: 'PRICE.OUTSIDE_TOLERANCE',
          tolerancePercent: expect.any(String),
          deviationAction: 'correct',
          lines: [
            {
              lineNumber: 1,
              sku: item.sku,
              uom: expect.any(String),
              requestedUnitPrice: { amount: '8.00', currency: 'USD' },
              unitPrice: { amount: '8.50', currency: 'USD' },
              contractUnitPrice: expect.anything(),
              deviationPercent: expect.any(String),
            },
          ],
        },
      }),
    ]);
  });

  it('holds a line below the margin floor for pricing review', async () => {
    const customer = await fixtures.customer({ marginFloorPercent: '40' });
    const item = await pricedItem(customer);
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]),
    );
    expect(response.body.status).toBe('on_hold');
    expect(response.body.holds[0]).toMatchObject({
      type: 'pricing',
      reasonCode: 'PRICE.BELOW_MARGIN_FLOOR',
      evidence: { marginFloorPercent: '40', lines: [{ marginPercent: '29.41' }] },
    });
  });

  it('holds an order over the credit limit, with the exposure as evidence', async () => {
    const customer = await fixtures.customer({ creditLimit: '1000' });
    await fixtures.receivable(customer.id, '900', daysFromToday(10));
    const item = await fixtures.item({ listPrice: '20.00', standardCost: '5.00' });
    await fixtures.stock(warehouse.id, item.id, '100');

    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10' }]),
    );

    const order = response.body;
    expect(order.status).toBe('on_hold');
    expect(order.holds).toMatchObject([
      {
        type: 'credit',
        reasonCode: 'CREDIT.LIMIT_EXCEEDED',
        evidence: {
          reasons: ['CREDIT.LIMIT_EXCEEDED'],
          creditLimit: { amount: '1000.00', currency: 'USD' },
          exposureBefore: { amount: '900.00' },
          orderTotal: { amount: '200.00' },
          exposureAfter: { amount: '1100.00' },
          overrun: { amount: '100.00' },
          overrunPercent: '10.00',
          overdue: [],
        },
      },
    ]);
    // Default policy: an overrun of 10 % or more goes to the credit manager, priority 2, 8 h.
    const [task] = order.tasks;
    expect(task).toMatchObject({
      queue: 'credit-review',
      assigneeRole: 'credit-manager',
      priority: 2,
    });
    expect(Date.parse(task.slaDueAt) - Date.parse(task.createdAt)).toBeCloseTo(8 * HOUR, -4);
    expect(await fixtures.balance(warehouse.id, item.id)).toMatchObject({ allocated: '0.0000' });
  });

  it('holds an order of a customer with invoices overdue beyond its limit', async () => {
    const customer = await fixtures.customer({ overdueDaysLimit: 30 });
    await fixtures.receivable(customer.id, '100', daysFromToday(-45));
    await fixtures.receivable(customer.id, '50', daysFromToday(-5));
    const item = await pricedItem(customer);
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]),
    );
    expect(response.body.holds).toMatchObject([
      {
        type: 'credit',
        reasonCode: 'CREDIT.OVERDUE_RECEIVABLES',
        evidence: {
          oldestOverdueDays: 45,
          overdueDaysLimit: 30,
          overdue: [
            { bucket: '1-30', amount: { amount: '50.00', currency: 'USD' } },
            { bucket: '31-60', amount: { amount: '100.00', currency: 'USD' } },
          ],
        },
      },
    ]);
    expect(response.body.tasks[0]).toMatchObject({ assigneeRole: 'credit-analyst', priority: 3 });
  });

  it('opens a credit and a pricing hold together, one task each', async () => {
    const customer = await fixtures.customer({ creditLimit: '10' });
    const item = await pricedItem(customer);
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10', requestedUnitPrice: '5.00' }]),
    );
    expect(response.body.holds.map((hold: { type: string }) => hold.type)).toEqual([
      'credit',
      'pricing',
    ]);
    expect(response.body.tasks.map((task: { queue: string }) => task.queue).sort()).toEqual([
      'credit-review',
      'pricing-review',
    ]);
  });

  it('records the order of a blocked customer as rejected, with the reason', async () => {
    const customer = await fixtures.customer({ status: 'blocked' });
    const item = await pricedItem(customer);
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '4' }]),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'rejected',
      statusReason: 'CUSTOMER.BLOCKED',
      touchless: false,
      holds: [],
      tasks: [],
      allocations: [],
    });
    expect(response.body.lines[0]).toMatchObject({
      status: 'rejected',
      x12StatusCode: 'IR',
      quantityRejected: '4',
    });
    expect(activities(response.body)).toEqual(['order.received', 'order.rejected']);
    expect(await fixtures.outbox(response.body.id)).toMatchObject([
      { eventType: 'order.rejected', payload: { reason: 'CUSTOMER.BLOCKED' } },
    ]);
  });

  it('holds for inventory review what it can neither ship, backorder nor substitute', async () => {
    const customer = await fixtures.customer({ allowBackorders: false, allowSubstitutions: false });
    const item = await pricedItem(customer, '3');
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10' }]),
    );
    expect(response.body.status).toBe('on_hold');
    expect(response.body.holds).toMatchObject([
      {
        type: 'inventory',
        reasonCode: 'INVENTORY.SHORTAGE',
        evidence: {
          shortagePolicy: 'review',
          allowBackorders: false,
          shortages: [
            { lineNumber: 1, sku: item.sku, ordered: '10', allocatable: '3', short: '7' },
          ],
        },
      },
    ]);
    expect(response.body.tasks[0]).toMatchObject({
      queue: 'inventory-review',
      assigneeRole: 'inventory-planner',
    });
    expect(await fixtures.balance(warehouse.id, item.id)).toMatchObject({ allocated: '0.0000' });

    // The planner accepts the short shipment: the order resumes with 3, 7 rejected (IC).
    await approve(response.body.holds[0].id);
    await dataSource.transaction((manager) => flow.resume(manager, response.body.id, system));
    const resumed = (await orders.get(response.body.id)).body;
    expect(resumed.status).toBe('released');
    expect(resumed.lines[0]).toMatchObject({
      status: 'changed',
      x12StatusCode: 'IC',
      quantityAllocated: '3',
      quantityRejected: '7',
    });
    expect(await fixtures.balance(warehouse.id, item.id)).toMatchObject({ allocated: '3.0000' });
  });

  it('resumes when the last hold is decided: allocates and releases, no longer touchless', async () => {
    const customer = await fixtures.customer({ creditLimit: '10' });
    const item = await pricedItem(customer);
    const held = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10', requestedUnitPrice: '5.00' }]),
    );
    const [credit, pricing] = held.body.holds;

    await approve(credit.id);
    await dataSource.transaction((manager) => flow.resume(manager, held.body.id, system));
    expect((await orders.get(held.body.id)).body.status).toBe('on_hold');

    await approve(pricing.id);
    await dataSource.transaction((manager) => flow.resume(manager, held.body.id, system));
    const resumed = await orders.get(held.body.id);
    expect(resumed.body).toMatchObject({ status: 'released', touchless: false });
    expect(resumed.headers.etag).not.toBe(held.headers.etag);
    expect(resumed.body.allocations).toMatchObject([{ quantity: '10', status: 'released' }]);
    expect(activities(resumed.body).slice(-3)).toEqual([
      'order.approved',
      'order.allocated',
      'order.released',
    ]);
    expect((await fixtures.outbox(held.body.id)).map((message) => message.eventType)).toEqual([
      'order.held',
      'order.released',
    ]);
  });

  it('rejects a held order on a decision: holds closed, tasks cancelled, parties told', async () => {
    const customer = await fixtures.customer({ creditLimit: '10' });
    const item = await pricedItem(customer);
    const held = await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '2' }]));

    await dataSource.transaction((manager) =>
      flow.reject(manager, held.body.id, system, 'credit declined'),
    );

    const rejected = (await orders.get(held.body.id)).body;
    expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'credit declined' });
    expect(rejected.holds).toMatchObject([{ status: 'rejected', resolvedBy: 'system:test' }]);
    expect(rejected.tasks).toMatchObject([{ status: 'cancelled' }]);
    expect(rejected.lines[0]).toMatchObject({ status: 'rejected', quantityRejected: '2' });
    const messages = await fixtures.outbox(held.body.id);
    expect(messages.at(-1)).toMatchObject({
      eventType: 'order.rejected',
      payload: { reason: 'credit declined', notify: { accountManager: 'pat.lee@example.com' } },
    });
  });

  it('releases credit holds whose condition cleared, oldest first, within the limit', async () => {
    const customer = await fixtures.customer({ creditLimit: '1000' });
    const invoiceId = await fixtures.receivable(customer.id, '950', daysFromToday(10));
    const item = await fixtures.item({ listPrice: '100.00', standardCost: '10.00' });
    await fixtures.stock(warehouse.id, item.id, '100');
    const first = await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '6' }]));
    const second = await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '5' }]));
    expect([first.body.status, second.body.status]).toEqual(['on_hold', 'on_hold']);

    // Nothing changed yet: both stay held.
    await dataSource.transaction((manager) =>
      flow.releaseHoldsWhoseConditionCleared(manager, customer.id, system),
    );
    expect((await orders.get(first.body.id)).body.status).toBe('on_hold');

    // A payment settles the invoice: 600 fits the limit, 600 + 500 does not.
    await fixtures.client.query(
      `UPDATE invoices SET amount_applied = total, open_balance = 0, status = 'paid' WHERE id = $1`,
      [invoiceId],
    );
    await dataSource.transaction((manager) =>
      flow.releaseHoldsWhoseConditionCleared(manager, customer.id, system),
    );

    const released = (await orders.get(first.body.id)).body;
    expect(released.status).toBe('released');
    expect(released.holds).toMatchObject([
      { type: 'credit', status: 'released', resolvedBy: 'system:test' },
    ]);
    expect(released.tasks).toMatchObject([{ status: 'cancelled' }]);
    expect(activities(released)).toContain('hold.released');
    const stillHeld = (await orders.get(second.body.id)).body;
    expect(stillHeld.status).toBe('on_hold');
    expect(stillHeld.holds[0].status).toBe('open');
    expect(await fixtures.balance(warehouse.id, item.id)).toMatchObject({ allocated: '6.0000' });
  });

  it('routes by the rules stored in approval_routing_rules when the queue has any', async () => {
    const ruleId = await fixtures.routingRule({
      queue: 'credit-review',
      name: 'Any credit hold (test)',
      role: 'credit-analyst',
      priority: 1,
      slaMinutes: 120,
      taskPriority: 4,
      condition: { reasons: ['CREDIT.LIMIT_EXCEEDED'], maxOverrunPercent: '1000' },
    });
    try {
      const customer = await fixtures.customer({ creditLimit: '10' });
      const item = await pricedItem(customer);
      const response = await orders.submit(
        orderBody(customer.id, [{ sku: item.sku, quantity: '2' }]),
      );
      const [task] = response.body.tasks;
      expect(task).toMatchObject({ assigneeRole: 'credit-analyst', priority: 4 });
      expect(Date.parse(task.slaDueAt) - Date.parse(task.createdAt)).toBeCloseTo(2 * HOUR, -4);
      const { rows } = await fixtures.client.query<{ routingRuleId: string }>(
        'SELECT routing_rule_id AS "routingRuleId" FROM tasks WHERE id = $1',
        [task.id],
      );
      expect(rows[0].routingRuleId).toBe(ruleId);
    } finally {
      await fixtures.client.query('DELETE FROM approval_routing_rules WHERE id = $1', [ruleId]);
    }
  });
  it('falls back to the default policy when the queue has no active rule', async () => {
    await fixtures.client.query(
      `UPDATE approval_routing_rules SET active = false WHERE queue = 'inventory-review'`,
    );
    try {
      const customer = await fixtures.customer({ allowBackorders: false });
      const item = await pricedItem(customer, '1');
      const response = await orders.submit(
        orderBody(customer.id, [{ sku: item.sku, quantity: '2' }]),
      );
      const [task] = response.body.tasks;
      expect(task).toMatchObject({ queue: 'inventory-review', assigneeRole: 'inventory-planner' });
      expect(Date.parse(task.slaDueAt) - Date.parse(task.createdAt)).toBeCloseTo(8 * HOUR, -4);
      const { rows } = await fixtures.client.query<{ routingRuleId: string | null }>(
        'SELECT routing_rule_id AS "routingRuleId" FROM tasks WHERE id = $1',
        [task.id],
      );
      expect(rows[0].routingRuleId).toBeNull();
    } finally {
      await fixtures.client.query(
        `UPDATE approval_routing_rules SET active = true WHERE queue = 'inventory-review'`,
      );
    }
  });
});
