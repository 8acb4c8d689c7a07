import type { TokenRequest } from '@o2c/governance';
import { OrderFlow } from '@o2c/process-api';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';
import { staff, TASKS } from './work-queues.client';

const HOUR = 3_600_000;
const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10);

const pricingAnalyst = staff('pia', 'pricing-analyst');
const planner = staff('ines', 'inventory-planner');

/**
 * What counts against a customer's credit limit, over HTTP against real PostgreSQL: an order on
 * hold keeps its credit (approving its other holds resumes it without judging credit again),
 * an order judged on its own credit is never counted twice, and quantity refused on a shortage
 * or a short shipment leaves the order's totals and so the exposure.
 */
describe('process API: credit exposure of held orders and refused quantity', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let flow: OrderFlow;
  let dataSource: DataSource;
  let warehouse: { id: string; code: string };
  const system = { principal: 'system:test', kind: 'system' };

  beforeAll(async () => {
    // More connections than the default 4, so the raced requests really overlap.
    gateway = await startTestGateway({ DATABASE_POOL_SIZE: '8' });
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

  /** An item at 100.00 under the customer's contract, `stock` on hand. */
  async function contractItem(customer: TradingAccount, stock = '1000') {
    const item = await fixtures.item({ listPrice: '100.00', standardCost: '10.00' });
    await fixtures.agreement(customer.id, item.id, '100.00');
    await fixtures.stock(warehouse.id, item.id, stock);
    return item;
  }

  /** `quantity` at 100.00; with a requested price outside tolerance it goes to pricing review. */
  const line = (sku: string, quantity: string, outsideTolerance = false) => ({
    sku,
    quantity,
    ...(outsideTolerance ? { requestedUnitPrice: '90.00' } : {}),
  });

  async function etag(taskId: string): Promise<string> {
    const response = await gateway.http().get(`${TASKS}/${taskId}`);
    expect(response.status).toBe(200);
    return response.headers.etag;
  }

  /** A person claims the task and approves it through the task API. */
  async function approveTask(taskId: string, as: TokenRequest): Promise<Response> {
    const claim = await gateway
      .as(as)
      .post(`${TASKS}/${taskId}/claim`)
      .set('if-match', await etag(taskId));
    expect(gateway.expectContract('claimTask', claim).status).toBe(200);
    const decision = await gateway
      .as(as)
      .post(`${TASKS}/${taskId}/decision`)
      .set('if-match', await etag(taskId))
      .send({ decision: 'approve' });
    return gateway.expectContract('decideTask', decision);
  }

  const taskOf = (order: { tasks: { id: string; queue: string }[] }, queue: string) =>
    order.tasks.find((task) => task.queue === queue)?.id ?? '';

  /** What was handed to the warehouses: the sum of released orders' totals. */
  async function releasedTotal(customerId: string): Promise<string> {
    const { rows } = await fixtures.client.query<{ total: string }>(
      `SELECT COALESCE(sum(total), 0)::text AS total FROM sales_orders
        WHERE customer_id = $1 AND status = 'released'`,
      [customerId],
    );
    return rows[0]?.total ?? '';
  }

  async function eventData(orderId: string, activity: string): Promise<Record<string, unknown>> {
    const { rows } = await fixtures.client.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM process_events
        WHERE object_type = 'order' AND object_id = $1 AND activity = $2`,
      [orderId, activity],
    );
    expect(rows).toHaveLength(1);
    return rows[0]?.data ?? {};
  }

  it('an order on a pricing hold keeps its credit: the next order goes on credit hold', async () => {
    const customer = await fixtures.customer({ creditLimit: '1000' });
    const item = await contractItem(customer);
    const a = await orders.submit(orderBody(customer.id, [line(item.sku, '8', true)]));
    expect(a.body).toMatchObject({ status: 'on_hold', holds: [{ type: 'pricing' }] });

    const b = await orders.submit(orderBody(customer.id, [line(item.sku, '8')]));
    expect(b.body.status).toBe('on_hold');
    expect(b.body.holds).toMatchObject([
      {
        type: 'credit',
        reasonCode: 'CREDIT.LIMIT_EXCEEDED',
        evidence: {
          exposureBefore: { amount: '800.00' },
          exposureAfter: { amount: '1600.00' },
        },
      },
    ]);

    // The pricing decision resumes A straight to allocation: it had its credit at intake.
    const decided = await approveTask(taskOf(a.body, 'pricing-review'), pricingAnalyst);
    expect(decided.status).toBe(200);
    expect(decided.body.order.status).toBe('released');
    expect((await orders.get(b.body.id)).body.status).toBe('on_hold');
    expect(await releasedTotal(customer.id)).toBe('800.0000');
  });

  it('a pricing approval racing the next order never releases more than the limit', async () => {
    for (let round = 0; round < 4; round += 1) {
      const customer = await fixtures.customer({ creditLimit: '1000' });
      const item = await contractItem(customer);
      const a = await orders.submit(orderBody(customer.id, [line(item.sku, '8', true)]));
      expect(a.body.status).toBe('on_hold');
      const taskId = taskOf(a.body, 'pricing-review');
      const claim = await gateway
        .as(pricingAnalyst)
        .post(`${TASKS}/${taskId}/claim`)
        .set('if-match', await etag(taskId));
      expect(claim.status).toBe(200);
      const tag = await etag(taskId);

      const [decided, b] = await Promise.all([
        gateway
          .as(pricingAnalyst)
          .post(`${TASKS}/${taskId}/decision`)
          .set('if-match', tag)
          .send({ decision: 'approve' }),
        orders.submit(orderBody(customer.id, [line(item.sku, '8')])),
      ]);
      expect(decided.status).toBe(200);
      expect(b.status).toBe(201);
      // Whichever commits first, A's 800 is counted when B is judged.
      expect(b.body).toMatchObject({ status: 'on_hold', holds: [{ type: 'credit' }] });
      expect(b.body.holds[0].evidence.exposureBefore).toEqual({
        amount: '800.00',
        currency: 'USD',
      });
      expect((await orders.get(a.body.id)).body.status).toBe('released');
      expect(await releasedTotal(customer.id)).toBe('800.0000');
    }
  });

  it('a shortage accepted on review leaves only the accepted quantity in totals and exposure', async () => {
    const customer = await fixtures.customer({ creditLimit: '2000', allowBackorders: false });
    const item = await contractItem(customer, '3');
    const a = await orders.submit(orderBody(customer.id, [line(item.sku, '10')]));
    expect(a.body).toMatchObject({
      status: 'on_hold',
      totals: { total: { amount: '1000.00' } },
      holds: [{ type: 'inventory' }],
    });

    const decided = await approveTask(taskOf(a.body, 'inventory-review'), planner);
    expect(decided.status).toBe(200);
    const accepted = (await orders.get(a.body.id)).body;
    expect(accepted).toMatchObject({
      status: 'released',
      totals: { subtotal: { amount: '300.00' }, total: { amount: '300.00' } },
    });
    expect(accepted.lines).toMatchObject([
      {
        quantityAllocated: '3',
        quantityRejected: '7',
        lineTotal: { amount: '300.00' },
      },
    ]);
    expect(await eventData(a.body.id, 'order.allocated')).toMatchObject({
      totals: {
        total: { from: '1000.0000', to: '300.0000' },
        lines: [{ lineNumber: 1, from: '1000.0000', to: '300.0000' }],
      },
    });

    // The next order is judged on the 300 that will be billed, not the 1000 ordered.
    await fixtures.stock(warehouse.id, item.id, '100');
    const b = await orders.submit(orderBody(customer.id, [line(item.sku, '18')]));
    expect(b.body.holds).toMatchObject([
      {
        type: 'credit',
        evidence: { exposureBefore: { amount: '300.00' }, exposureAfter: { amount: '2100.00' } },
      },
    ]);
    const c = await orders.submit(orderBody(customer.id, [line(item.sku, '7')]));
    // 300 + 1800 held + 700: B on hold keeps its credit too.
    expect(c.body.holds).toMatchObject([
      { type: 'credit', evidence: { exposureBefore: { amount: '2100.00' } } },
    ]);
  });

  it('a credit hold cleared by a payment is judged once, and then counts for the next order', async () => {
    const customer = await fixtures.customer({ creditLimit: '1000' });
    const invoiceId = await fixtures.receivable(customer.id, '950', daysFromToday(10));
    const item = await contractItem(customer);
    const a = await orders.submit(orderBody(customer.id, [line(item.sku, '6', true)]));
    expect(a.body.holds.map((hold: { type: string }) => hold.type).sort()).toEqual([
      'credit',
      'pricing',
    ]);

    await fixtures.client.query(
      `UPDATE invoices SET amount_applied = total, open_balance = 0, status = 'paid' WHERE id = $1`,
      [invoiceId],
    );
    await dataSource.transaction((manager) =>
      flow.releaseHoldsWhoseConditionCleared(manager, customer.id, system),
    );
    // 600 against 1000: released. Counted twice (1200) it would have stayed held.
    const cleared = (await orders.get(a.body.id)).body;
    expect(cleared.status).toBe('on_hold');
    expect(cleared.holds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'credit', status: 'released', resolvedBy: 'system:test' }),
        expect.objectContaining({ type: 'pricing', status: 'open' }),
      ]),
    );

    // Still held for pricing, A keeps the credit it was just granted.
    const b = await orders.submit(orderBody(customer.id, [line(item.sku, '6')]));
    expect(b.body.holds).toMatchObject([
      {
        type: 'credit',
        evidence: { exposureBefore: { amount: '600.00' }, exposureAfter: { amount: '1200.00' } },
      },
    ]);
    const decided = await approveTask(taskOf(a.body, 'pricing-review'), pricingAnalyst);
    expect(decided.body.order.status).toBe('released');
    expect(await releasedTotal(customer.id)).toBe('600.0000');

    // Clearing again re-judges B with A counted once: still over the limit.
    await dataSource.transaction((manager) =>
      flow.releaseHoldsWhoseConditionCleared(manager, customer.id, system),
    );
    expect((await orders.get(b.body.id)).body.status).toBe('on_hold');
    expect(await releasedTotal(customer.id)).toBe('600.0000');
  });

  it('a credit hold is not cleared past an order held for pricing', async () => {
    const customer = await fixtures.customer({ creditLimit: '1000' });
    const invoiceId = await fixtures.receivable(customer.id, '500', daysFromToday(10));
    const item = await contractItem(customer);
    const priced = await orders.submit(orderBody(customer.id, [line(item.sku, '4', true)]));
    expect(priced.body.holds).toMatchObject([{ type: 'pricing' }]);
    const credit = await orders.submit(orderBody(customer.id, [line(item.sku, '7')]));
    expect(credit.body.holds).toMatchObject([
      { type: 'credit', evidence: { exposureBefore: { amount: '900.00' } } },
    ]);

    await fixtures.client.query(
      `UPDATE invoices SET amount_applied = total, open_balance = 0, status = 'paid' WHERE id = $1`,
      [invoiceId],
    );
    await dataSource.transaction((manager) =>
      flow.releaseHoldsWhoseConditionCleared(manager, customer.id, system),
    );
    // 400 on a pricing hold + 700 exceeds 1000: the credit hold stays.
    expect((await orders.get(credit.body.id)).body.holds).toMatchObject([
      { type: 'credit', status: 'open' },
    ]);
    const decided = await approveTask(taskOf(priced.body, 'pricing-review'), pricingAnalyst);
    expect(decided.body.order.status).toBe('released');
    expect((await orders.get(credit.body.id)).body.status).toBe('on_hold');
    expect(await releasedTotal(customer.id)).toBe('400.0000');
  });
});
