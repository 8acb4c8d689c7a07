import type { Response } from 'supertest';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

interface LineView {
  item: { id: string };
  baseQuantity: string;
  quantityAllocated: string;
  quantityBackordered: string;
  quantityRejected: string;
}

/**
 * Orders racing over HTTP against real PostgreSQL for the last units of stock and for one
 * credit limit. The row locks (customer, then balances in a fixed order) and the guarded
 * UPDATE are the only concurrency control: no oversell, no deadlock, no limit slipped past.
 */
describe('process API: orders under concurrency', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;

  beforeAll(async () => {
    // More connections than the default 4, so more transactions really overlap.
    gateway = await startTestGateway({ DATABASE_POOL_SIZE: '8' });
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  const statusCounts = (responses: Response[]) => {
    const counts: Record<string, number> = {};
    for (const response of responses) {
      const key =
        response.status === 201 ? String(response.body.status) : `http ${response.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };

  it('60 orders from 60 customers race for 30 + 12 units: zero oversell, each order allocated, backordered or rejected', async () => {
    const west = await fixtures.warehouse(['US-WEST']);
    const east = await fixtures.warehouse(['US-EAST']);
    const contested = await fixtures.item();
    const second = await fixtures.item();
    await fixtures.stock(west.id, contested.id, '20');
    await fixtures.stock(east.id, contested.id, '10');
    await fixtures.stock(east.id, second.id, '12');
    const customers: TradingAccount[] = [];
    for (let n = 0; n < 60; n += 1) {
      // Half wait for backorders; the other half have what is short cancelled at once. None
      // reviews shortages, so no order may end on a hold (review is covered below).
      customers.push(
        await fixtures.customer({ shortagePolicy: n % 2 === 0 ? 'backorder' : 'cancel' }),
      );
    }
    const bodies = customers.map((customer, n) => {
      const lines = [{ sku: contested.sku, quantity: String((n % 3) + 1) }];
      // Every third order also wants the second item, listed first on odd orders, so
      // transactions ask for the same balances in different line orders.
      if (n % 3 === 0) {
        const other = { sku: second.sku, quantity: '1' };
        if (n % 2 === 1) lines.unshift(other);
        else lines.push(other);
      }
      return orderBody(customer.id, lines, { shipToCode: n % 4 === 0 ? 'EAST' : 'MAIN' });
    });
    const demanded = bodies.reduce(
      (sum, body) =>
        sum +
        (body.lines as { sku: string; quantity: string }[])
          .filter((line) => line.sku === contested.sku)
          .reduce((lineSum, line) => lineSum + Number(line.quantity), 0),
      0,
    );

    const started = Date.now();
    const responses = await Promise.all(bodies.map((body) => orders.submit(body)));
    const elapsedMs = Date.now() - started;

    expect(responses.every((response) => response.status === 201)).toBe(true);
    const counts = statusCounts(responses);
    // released: something allocated; validated: nothing allocated, waiting as a backorder;
    // rejected: nothing could be supplied and nothing waits. Nothing else, no hold.
    const resolved = ['released', 'validated', 'rejected'];
    expect(Object.keys(counts).filter((status) => !resolved.includes(status))).toEqual([]);

    // Every line is resolved: allocated + backordered + rejected = ordered, on every order.
    let allocatedContested = 0;
    let backorderedContested = 0;
    let rejectedContested = 0;
    for (const response of responses) {
      const order = response.body as {
        status: string;
        lines: LineView[];
        holds: { type: string }[];
      };
      expect(order.holds).toEqual([]);
      const allocatedOnOrder = order.lines.reduce(
        (sum, line) => sum + Number(line.quantityAllocated),
        0,
      );
      const backorderedOnOrder = order.lines.reduce(
        (sum, line) => sum + Number(line.quantityBackordered),
        0,
      );
      if (order.status === 'released') expect(allocatedOnOrder).toBeGreaterThan(0);
      if (order.status === 'validated') {
        expect(allocatedOnOrder).toBe(0);
        expect(backorderedOnOrder).toBeGreaterThan(0);
      }
      if (order.status === 'rejected') expect(allocatedOnOrder + backorderedOnOrder).toBe(0);
      for (const line of order.lines) {
        const parts =
          Number(line.quantityAllocated) +
          Number(line.quantityBackordered) +
          Number(line.quantityRejected);
        expect(parts).toBe(Number(line.baseQuantity));
        if (line.item.id !== contested.id) continue;
        allocatedContested += Number(line.quantityAllocated);
        backorderedContested += Number(line.quantityBackordered);
        rejectedContested += Number(line.quantityRejected);
      }
    }
    expect(allocatedContested + backorderedContested + rejectedContested).toBe(demanded);

    // The database agrees with the answers, the ledger and the allocation rows, to the unit.
    const { rows } = await fixtures.client.query<{
      itemId: string;
      onHand: string;
      allocated: string;
      allocationSum: string;
      ledgerSum: string;
    }>(
      `SELECT b.item_id AS "itemId", b.on_hand::text AS "onHand", b.allocated::text AS allocated,
              (SELECT COALESCE(sum(a.quantity), 0) FROM allocations a
                WHERE a.warehouse_id = b.warehouse_id AND a.item_id = b.item_id
                  AND a.status IN ('allocated', 'released'))::text AS "allocationSum",
              (SELECT COALESCE(sum(m.quantity), 0) FROM inventory_movements m
                WHERE m.warehouse_id = b.warehouse_id AND m.item_id = b.item_id
                  AND m.type = 'allocation')::text AS "ledgerSum"
         FROM inventory_balances b WHERE b.item_id = ANY($1::uuid[])`,
      [[contested.id, second.id]],
    );
    for (const row of rows) {
      expect(Number(row.allocated)).toBeLessThanOrEqual(Number(row.onHand));
      expect(row.allocationSum).toBe(row.allocated);
      expect(row.ledgerSum).toBe(row.allocated);
    }
    const contestedAllocated = rows
      .filter((row) => row.itemId === contested.id)
      .reduce((sum, row) => sum + Number(row.allocated), 0);
    expect(contestedAllocated).toBe(allocatedContested);
    expect(contestedAllocated).toBeLessThanOrEqual(30);
    // A backorder takes whatever is left, so once there is one the stock is all allocated.
    expect(backorderedContested).toBeGreaterThan(0);
    expect(contestedAllocated).toBe(30);
    // Cancelling customers who came too late had their remainders rejected, not held.
    expect(rejectedContested).toBeGreaterThan(0);

    console.info(
      `inventory race: ${bodies.length} orders, ${demanded} units of ${30} demanded, ` +
        `${contestedAllocated} allocated, ${backorderedContested} backordered, ` +
        `${rejectedContested} cancelled; outcomes ${JSON.stringify(counts)}; ${elapsedMs} ms`,
    );
  });

  it('review-policy customers racing for the last units still go to inventory review', async () => {
    const warehouse = await fixtures.warehouse(['US-WEST']);
    const item = await fixtures.item();
    await fixtures.stock(warehouse.id, item.id, '4');
    const customers: TradingAccount[] = [];
    for (let n = 0; n < 10; n += 1) {
      customers.push(await fixtures.customer({ shortagePolicy: 'review' }));
    }
    const responses = await Promise.all(
      customers.map((customer) =>
        orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '1' }])),
      ),
    );
    expect(statusCounts(responses)).toEqual({ released: 4, on_hold: 6 });
    for (const response of responses.filter((each) => each.body.status === 'on_hold')) {
      expect(response.body.holds).toMatchObject([
        {
          type: 'inventory',
          reasonCode: 'INVENTORY.SHORTAGE',
          evidence: {
            shortagePolicy: 'review',
            shortages: [{ lineNumber: 1, ordered: '1', allocatable: '0', short: '1' }],
          },
        },
      ]);
      // Held before anything is reserved: the person decides with the stock untouched.
      expect(response.body.lines[0]).toMatchObject({ quantityAllocated: '0' });
    }
    expect(await fixtures.balance(warehouse.id, item.id)).toMatchObject({ allocated: '4.0000' });
  });

  it('orders of one customer racing one credit limit never both slip through', async () => {
    const warehouse = await fixtures.warehouse(['US-WEST']);
    const item = await fixtures.item({ listPrice: '100.00' });
    await fixtures.stock(warehouse.id, item.id, '10000');
    for (let round = 0; round < 5; round += 1) {
      const customer = await fixtures.customer({ creditLimit: '1000' });
      const pair = await Promise.all(
        [0, 1].map(() => orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '6' }]))),
      );
      expect(statusCounts(pair)).toEqual({ released: 1, on_hold: 1 });
      const held = pair.find((response) => response.body.status === 'on_hold');
      expect(held?.body.holds[0]).toMatchObject({
        reasonCode: 'CREDIT.LIMIT_EXCEEDED',
        evidence: { exposureBefore: { amount: '600.00' }, exposureAfter: { amount: '1200.00' } },
      });
    }

    // Ten at once against room for three.
    const customer = await fixtures.customer({ creditLimit: '1000' });
    const many = await Promise.all(
      Array.from({ length: 10 }, () =>
        orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '3' }])),
      ),
    );
    expect(statusCounts(many)).toEqual({ released: 3, on_hold: 7 });
  });
});
