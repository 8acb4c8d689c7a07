import { randomUUID } from 'node:crypto';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { type Body, staff, WorkQueuesClient } from './work-queues.client';

const HOUR = 3_600_000;

/**
 * Routing is policy data read when a hold opens: orders submitted through intake land in the
 * role the rules in force name, and a rule changed through the API routes the next hold.
 */
describe('process API: approval routing of credit holds opened by order intake', () => {
  let client: WorkQueuesClient;
  let fixtures: OrderIntakeFixtures;
  let sku: string;

  beforeAll(async () => {
    client = await WorkQueuesClient.start();
    fixtures = await OrderIntakeFixtures.connect(client.gateway.database.url);
    const warehouse = await fixtures.warehouse(['US-WEST']);
    const item = await fixtures.item({ listPrice: '10.00' });
    await fixtures.stock(warehouse.id, item.id, '100000');
    sku = item.sku;
  });
  afterAll(async () => {
    await fixtures.close();
    await client.close();
  });

  /** An order of `quantity` EA at 10.00 by a new customer with this credit limit: its task. */
  async function creditTaskFor(creditLimit: string, quantity: number): Promise<Body> {
    const customer = await fixtures.customer({ creditLimit });
    const submitted = client.gateway.expectContract(
      'submitOrder',
      await client.gateway
        .http()
        .post('/process/v1/orders')
        .set('idempotency-key', randomUUID())
        .send({
          customerId: customer.id,
          channel: 'portal',
          externalPoNumber: `PO-${randomUUID().slice(0, 8)}`,
          shipToId: customer.shipTos.main,
          lines: [{ sku, quantity: String(quantity), uom: 'EA' }],
        }),
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('on_hold');
    const tasks = await client.listTasks('credit-review', { customerId: customer.id });
    expect(tasks.body.items).toHaveLength(1);
    return tasks.body.items[0] as Body;
  }

  it('routes by the overrun: below 10 % to a credit analyst, 10 % or more to a credit manager', async () => {
    const small = await creditTaskFor('1000.00', 105);
    expect(small).toMatchObject({ assigneeRole: 'credit-analyst', priority: 3 });
    expect(small.evidence).toMatchObject({ routedBy: 'Credit limit overrun below 10 %' });
    const large = await creditTaskFor('1000.00', 120);
    expect(large).toMatchObject({ assigneeRole: 'credit-manager', priority: 2 });
  });

  it('routes the next credit hold by a rule added through the API, and keeps earlier tasks', async () => {
    const before = await creditTaskFor('2000.00', 210);
    expect(before.assigneeRole).toBe('credit-analyst');

    const rule = client.gateway.expectContract(
      'createApprovalRoutingRule',
      await client.gateway
        .http()
        .post('/process/v1/approval-routing-rules')
        .send({
          queue: 'credit-review',
          name: 'Orders of 2,000 or more',
          order: 5,
          role: 'finance-director',
          slaHours: 2,
          priority: 1,
          when: { minOrderTotal: '2000' },
        }),
    );
    expect(rule.status).toBe(201);

    const after = await creditTaskFor('2000.00', 210);
    expect(after).toMatchObject({
      assigneeRole: 'finance-director',
      priority: 1,
      routingRuleId: rule.body.id,
    });
    const opened = new Date(after.createdAt as string).getTime();
    expect(Math.abs(new Date(after.dueAt as string).getTime() - (opened + 2 * HOUR))).toBeLessThan(
      5_000,
    );
    // Open tasks keep the role they were routed with.
    expect((await client.getTask(before.id as string)).body.assigneeRole).toBe('credit-analyst');

    // A smaller order still follows the overrun bands.
    expect((await creditTaskFor('1000.00', 105)).assigneeRole).toBe('credit-analyst');

    const deactivated = client.gateway.expectContract(
      'updateApprovalRoutingRule',
      await client.gateway
        .http()
        .patch(`/process/v1/approval-routing-rules/${rule.body.id}`)
        .set('if-match', rule.headers.etag)
        .send({ active: false }),
    );
    expect(deactivated.status).toBe(200);
    expect((await creditTaskFor('2000.00', 210)).assigneeRole).toBe('credit-analyst');
  });

  it('routes to a changed role once the rule is edited', async () => {
    const rules = await client.listRules({ queue: 'credit-review' });
    const overrunRule = (rules.body.items as Body[]).find(
      (rule) => rule.name === 'Credit limit overrun of 10 % or more',
    );
    expect(overrunRule).toBeDefined();
    const edited = await client.updateRule(
      String(overrunRule?.id),
      { role: 'finance-director', slaHours: 1 },
      `"${String(overrunRule?.version)}"`,
    );
    expect(edited.status).toBe(200);
    expect(await creditTaskFor('1000.00', 150)).toMatchObject({
      assigneeRole: 'finance-director',
      routingRuleId: overrunRule?.id,
    });
  });

  it('lets the routed role claim and approve: the order is allocated and released at once', async () => {
    const task = await creditTaskFor('1000.00', 105);
    const analyst = staff('carla', 'credit-analyst');
    const taskId = String(task.id);
    expect((await client.claim(taskId, analyst)).status).toBe(200);
    const decided = await client.decide(
      taskId,
      { decision: 'approve', comment: 'good payer' },
      analyst,
    );
    expect(decided.status).toBe(200);
    expect(decided.body.order.status).toBe('released');
    const order = client.gateway.expectContract(
      'getOrderDetail',
      await client.gateway.http().get(`/process/v1/orders/${String(decided.body.order.id)}`),
    );
    expect(order.body.status).toBe('released');
    expect(
      (await fixtures.outbox(String(decided.body.order.id))).map((row) => row.eventType),
    ).toEqual(['order.held', 'order.hold_released', 'order.released']);
  });
});
