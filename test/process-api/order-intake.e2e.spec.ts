import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Order intake that needs no person: validated, priced, allocated across warehouses by
 * region, released with one message per warehouse, every step in the event log.
 */
describe('process API: order intake, straight through', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let west: { id: string; code: string };
  let east: { id: string; code: string };

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    west = await fixtures.warehouse(['US-WEST']);
    east = await fixtures.warehouse(['US-EAST']);
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  it('releases a clean order touchlessly: contract and list prices, one message per warehouse', async () => {
    const customer = await fixtures.customer();
    const bolts = await fixtures.item({ listPrice: '10.00', standardCost: '6.00' });
    const nuts = await fixtures.item({ listPrice: '2.50', standardCost: '1.00' });
    await fixtures.agreement(customer.id, bolts.id, '8.50', { breaks: [['100', '8.00']] });
    await fixtures.stock(west.id, bolts.id, '50');
    await fixtures.stock(west.id, nuts.id, '10');

    const response = await orders.submit(
      orderBody(customer.id, [
        { sku: bolts.sku, quantity: '2', uom: 'CS', requestedUnitPrice: '102.00' },
        { sku: nuts.sku, quantity: '5' },
      ]),
    );

    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`/process/v1/orders/${response.body.id}`);
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    const order = response.body;
    expect(order).toMatchObject({
      status: 'released',
      touchless: true,
      revision: 1,
      currency: 'USD',
      totals: {
        subtotal: { amount: '216.50', currency: 'USD' },
        taxTotal: { amount: '0.00', currency: 'USD' },
        total: { amount: '216.50', currency: 'USD' },
      },
    });
    expect(order.orderNumber).toMatch(/^SO\d{9}$/);
    expect(order.lines).toMatchObject([
      {
        lineNumber: 1,
        status: 'accepted',
        x12StatusCode: 'IA',
        item: { id: bolts.id, sku: bolts.sku },
        orderedItem: null,
        quantity: '2',
        uom: 'CS',
        baseQuantity: '24',
        baseUom: 'EA',
        quantityAllocated: '24',
        quantityBackordered: '0',
        quantityRejected: '0',
        requestedUnitPrice: { amount: '102.00', currency: 'USD' },
        contractUnitPrice: { amount: '102.00', currency: 'USD' },
        unitPrice: { amount: '102.00', currency: 'USD' },
        priceSource: 'contract',
        lineTotal: { amount: '204.00', currency: 'USD' },
      },
      {
        lineNumber: 2,
        status: 'accepted',
        contractUnitPrice: null,
        unitPrice: { amount: '2.50', currency: 'USD' },
        priceSource: 'list',
        lineTotal: { amount: '12.50', currency: 'USD' },
      },
    ]);
    expect(order.holds).toEqual([]);
    expect(order.tasks).toEqual([]);
    expect(order.allocations).toMatchObject([
      {
        lineNumber: 1,
        warehouseId: west.id,
        warehouseCode: west.code,
        quantity: '24',
        status: 'released',
      },
      { lineNumber: 2, warehouseId: west.id, quantity: '5', status: 'released' },
    ]);
    expect(order.events.map((event: { activity: string }) => event.activity)).toEqual([
      'order.received',
      'order.validated',
      'order.allocated',
      'order.released',
    ]);

    expect(await fixtures.balance(west.id, bolts.id)).toEqual({
      onHand: '50.0000',
      allocated: '24.0000',
    });
    expect(await fixtures.balance(west.id, nuts.id)).toEqual({
      onHand: '10.0000',
      allocated: '5.0000',
    });
    const [allocation] = order.allocations;
    expect(await fixtures.movements(`allocation:${allocation.id}`)).toEqual([
      { type: 'allocation', quantity: '24.0000' },
    ]);
    const outbox = await fixtures.outbox(order.id);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      eventType: 'order.released',
      payload: {
        orderId: order.id,
        orderNumber: order.orderNumber,
        warehouseId: west.id,
        warehouseCode: west.code,
        lines: [
          { lineNumber: 1, itemId: bolts.id, sku: bolts.sku, quantity: '24', uom: 'EA' },
          { lineNumber: 2, itemId: nuts.id, sku: nuts.sku, quantity: '5', uom: 'EA' },
        ],
      },
    });
  });

  it('audits every row it writes, in the request', async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item();
    await fixtures.stock(west.id, item.id, '5');
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]),
    );
    expect(response.status).toBe(201);
    const { rows } = await fixtures.client.query<{ objectType: string; n: number }>(
      `SELECT object_type AS "objectType", count(*)::int AS n FROM audit_log
        WHERE correlation_id = $1 GROUP BY 1 ORDER BY 1`,
      [response.headers['x-request-id']],
    );
    expect(rows).toEqual([
      { objectType: 'allocations', n: 1 },
      { objectType: 'inventory_balances', n: 1 },
      { objectType: 'inventory_movements', n: 1 },
      { objectType: 'sales_order_lines', n: 1 },
      { objectType: 'sales_orders', n: 1 },
    ]);
  });

  it('applies the quantity break of the contract on base units', async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item();
    await fixtures.agreement(customer.id, item.id, '8.50', { breaks: [['100', '8.00']] });
    await fixtures.stock(west.id, item.id, '500');
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10', uom: 'CS' }]),
    );
    expect(response.body.lines[0]).toMatchObject({
      baseQuantity: '120',
      unitPrice: { amount: '96.00' },
      lineTotal: { amount: '960.00' },
    });
  });

  it("resolves the customer's own item number", async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item();
    await fixtures.customerItem(customer.id, item.id, 'ACME-7731');
    await fixtures.stock(west.id, item.id, '20');
    const response = await orders.submit(
      orderBody(customer.id, [{ customerItemNumber: 'ACME-7731', quantity: '1', uom: 'CS' }], {
        channel: 'edi',
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body.lines[0]).toMatchObject({
      item: { id: item.id, sku: item.sku },
      customerItemNumber: 'ACME-7731',
      baseQuantity: '12',
      status: 'accepted',
    });
  });

  it('splits a line across warehouses, the ship-to region first', async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item();
    await fixtures.stock(west.id, item.id, '5');
    await fixtures.stock(east.id, item.id, '20');

    const toWest = await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '12' }]));
    expect(toWest.body.status).toBe('released');
    // All the region's stock first, the rest from the other warehouse.
    const byWarehouse = (allocations: { warehouseId: string; quantity: string }[]) =>
      Object.fromEntries(
        allocations.map((allocation) => [allocation.warehouseId, allocation.quantity]),
      );
    expect(byWarehouse(toWest.body.allocations)).toEqual({ [west.id]: '5', [east.id]: '7' });
    const messages = await fixtures.outbox(toWest.body.id);
    expect(messages.map((message) => message.payload.warehouseId)).toEqual([west.id, east.id]);
    expect(messages.map((message) => message.payload.lines)).toMatchObject([
      [{ lineNumber: 1, quantity: '5' }],
      [{ lineNumber: 1, quantity: '7' }],
    ]);

    const toEast = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10' }], { shipToCode: 'EAST' }),
    );
    expect(toEast.body.allocations).toMatchObject([{ warehouseId: east.id, quantity: '10' }]);
    expect(await fixtures.balance(east.id, item.id)).toMatchObject({ allocated: '17.0000' });
    expect(await fixtures.balance(west.id, item.id)).toMatchObject({ allocated: '5.0000' });
  });

  it('backorders what is short when the customer allows it, and releases the rest', async () => {
    const customer = await fixtures.customer({ allowBackorders: true });
    const short = await fixtures.item();
    const none = await fixtures.item();
    await fixtures.stock(west.id, short.id, '3');

    const partly = await orders.submit(
      orderBody(customer.id, [
        { sku: short.sku, quantity: '10' },
        { sku: none.sku, quantity: '4' },
      ]),
    );
    expect(partly.body.status).toBe('released');
    expect(partly.body.lines).toMatchObject([
      {
        status: 'backordered',
        x12StatusCode: 'IB',
        quantityAllocated: '3',
        quantityBackordered: '7',
      },
      {
        status: 'backordered',
        x12StatusCode: 'IB',
        quantityAllocated: '0',
        quantityBackordered: '4',
      },
    ]);

    const nothing = await orders.submit(orderBody(customer.id, [{ sku: none.sku, quantity: '2' }]));
    expect(nothing.body).toMatchObject({ status: 'validated', allocations: [] });
    expect(nothing.body.lines[0]).toMatchObject({
      status: 'backordered',
      quantityBackordered: '2',
    });
    expect(nothing.body.events.map((event: { activity: string }) => event.activity)).toEqual([
      'order.received',
      'order.validated',
      'order.backordered',
    ]);
    expect(await fixtures.outbox(nothing.body.id)).toEqual([]);
  });

  it('cancels what is short at once when the customer cancels remainders: no hold, released', async () => {
    const customer = await fixtures.customer({ shortagePolicy: 'cancel' });
    const short = await fixtures.item();
    const none = await fixtures.item();
    const plenty = await fixtures.item();
    await fixtures.stock(west.id, short.id, '2');
    await fixtures.stock(east.id, short.id, '1');
    await fixtures.stock(west.id, plenty.id, '50');

    const response = await orders.submit(
      orderBody(customer.id, [
        { sku: short.sku, quantity: '10' },
        { sku: none.sku, quantity: '4' },
        { sku: plenty.sku, quantity: '5' },
      ]),
    );
    expect(response.status).toBe(201);
    const order = response.body;
    expect(order).toMatchObject({ status: 'released', holds: [], tasks: [], touchless: true });
    // 855: the short line keeps what two warehouses had (IC), the missing one is rejected (IR).
    expect(order.lines).toMatchObject([
      {
        status: 'changed',
        x12StatusCode: 'IC',
        quantityAllocated: '3',
        quantityBackordered: '0',
        quantityRejected: '7',
      },
      {
        status: 'rejected',
        x12StatusCode: 'IR',
        quantityAllocated: '0',
        quantityBackordered: '0',
        quantityRejected: '4',
      },
      {
        status: 'accepted',
        x12StatusCode: 'IA',
        quantityAllocated: '5',
        quantityRejected: '0',
      },
    ]);
    expect(await fixtures.balance(west.id, short.id)).toMatchObject({ allocated: '2.0000' });
    expect(await fixtures.balance(east.id, short.id)).toMatchObject({ allocated: '1.0000' });

    const activities = order.events.map((event: { activity: string }) => event.activity);
    expect(activities).toContain('order.remainder_cancelled');
    expect(activities.indexOf('order.remainder_cancelled')).toBeLessThan(
      activities.indexOf('order.released'),
    );
    expect(activities).not.toContain('order.held');
    const cancelled = order.events.find(
      (event: { activity: string }) => event.activity === 'order.remainder_cancelled',
    );
    expect(cancelled).toMatchObject({
      reason: 'SHORTAGE_POLICY.CANCEL',
      data: {
        shortagePolicy: 'cancel',
        lines: [
          { lineNumber: 1, sku: short.sku, ordered: '10', allocated: '3', cancelled: '7' },
          { lineNumber: 2, sku: none.sku, ordered: '4', allocated: '0', cancelled: '4' },
        ],
      },
    });
    const messages = await fixtures.outbox(order.id);
    expect(messages.length).toBeGreaterThan(0);
    // What was cancelled is not billed: 3 + 0 + 5 units at 10.00 each, not 19.
    expect(
      order.lines.map((line: { lineTotal: { amount: string } }) => line.lineTotal.amount),
    ).toEqual(['30.00', '0.00', '50.00']);
    expect(order.totals.total).toMatchObject({ amount: '80.00' });
  });

  it('rejects an order under the cancel policy when nothing at all can be supplied', async () => {
    const customer = await fixtures.customer({ shortagePolicy: 'cancel' });
    const none = await fixtures.item();
    const response = await orders.submit(
      orderBody(customer.id, [{ sku: none.sku, quantity: '3' }]),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'rejected',
      statusReason: 'INVENTORY.UNAVAILABLE',
      holds: [],
      allocations: [],
    });
    expect(response.body.lines[0]).toMatchObject({
      status: 'rejected',
      quantityAllocated: '0',
      quantityRejected: '3',
    });
  });

  it('ships a substitute in full when the item is out and the customer allows it', async () => {
    const customer = await fixtures.customer({ allowSubstitutions: true, allowBackorders: false });
    const ordered = await fixtures.item();
    const substitute = await fixtures.item();
    await fixtures.substitute(ordered.id, substitute.id);
    await fixtures.stock(east.id, substitute.id, '40');

    const response = await orders.submit(
      orderBody(customer.id, [{ sku: ordered.sku, quantity: '1', uom: 'CS' }]),
    );
    expect(response.body.status).toBe('released');
    expect(response.body.lines[0]).toMatchObject({
      status: 'substituted',
      x12StatusCode: 'IS',
      item: { id: substitute.id, sku: substitute.sku },
      orderedItem: { id: ordered.id, sku: ordered.sku },
      quantityAllocated: '12',
    });
    expect(response.body.allocations).toMatchObject([
      { itemId: substitute.id, warehouseId: east.id, quantity: '12' },
    ]);
    const [message] = await fixtures.outbox(response.body.id);
    expect(message.payload.lines).toMatchObject([{ itemId: substitute.id, sku: substitute.sku }]);
    expect(await fixtures.balance(east.id, substitute.id)).toMatchObject({ allocated: '12.0000' });
  });
});
