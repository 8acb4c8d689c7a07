import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  ShipmentEventsClient,
  shippedEvent,
  uniqueId,
  warehouseClient,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Partial shipments and backorders: what is not shipped stays backordered, and a receipt in the
 * inventory system API re-allocates it automatically, oldest order first, skipping orders on
 * hold, releasing the new quantities to the warehouse as intake does.
 */
describe('process API: backorders re-allocated on receipt', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let shipments: ShipmentEventsClient;
  let warehouse: { id: string; code: string };
  let wms: ReturnType<TestGateway['as']>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    shipments = new ShipmentEventsClient(gateway);
    warehouse = await fixtures.warehouse(['US-WEST']);
    wms = gateway.as(warehouseClient([warehouse.code]));
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  async function receive(itemId: string, quantity: string) {
    const response = gateway.expectContract(
      'postInventoryReceipt',
      await gateway
        .http()
        .post('/system/v1/inventory-receipts')
        .send({ warehouseId: warehouse.id, itemId, quantity, reference: uniqueId('PO') }),
    );
    expect(response.status).toBe(201);
  }

  async function releasedMessages(orderId: string) {
    const { rows } = await fixtures.client.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages WHERE aggregate_id = $1 AND event_type = 'order.released'
        ORDER BY sequence`,
      [orderId],
    );
    return rows.map((row) => row.payload);
  }

  it('backorders a short-shipped remainder and ships it after the receipt', async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item({ listPrice: '9.00' });
    await fixtures.stock(warehouse.id, item.id, '10');
    const order = (await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '10' }])))
      .body;

    const short = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [
        { lineNumber: 1, quantity: '6', shortShipped: true },
      ]),
      wms,
    );
    expect(short.body.order.status).toBe('partially_shipped');
    let detail = (await orders.get(order.id)).body;
    expect(detail.lines[0]).toMatchObject({
      status: 'partially_shipped',
      quantityShipped: '6',
      quantityAllocated: '0',
      quantityBackordered: '4',
    });
    // The handed-back 4 went back to free stock (and a release movement), then...
    expect(await fixtures.balance(warehouse.id, item.id)).toEqual({
      onHand: '4.0000',
      allocated: '0.0000',
    });
    // ...the next receipt of the item re-allocates the backorder.
    await receive(item.id, '20');
    expect(await fixtures.balance(warehouse.id, item.id)).toEqual({
      onHand: '24.0000',
      allocated: '4.0000',
    });
    detail = (await orders.get(order.id)).body;
    expect(detail.status).toBe('partially_shipped');
    expect(detail.lines[0]).toMatchObject({ quantityAllocated: '4', quantityBackordered: '0' });
    expect(detail.events.at(-1)).toMatchObject({
      activity: 'order.backorder_allocated',
      actor: 'system:backorder-reallocation',
    });
    const released = await releasedMessages(order.id);
    expect(released).toHaveLength(2);
    expect(released[1]).toMatchObject({
      backorder: true,
      warehouseCode: warehouse.code,
      lines: [{ lineNumber: 1, quantity: '4', sku: item.sku }],
    });

    const rest = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '4' }]),
      wms,
    );
    expect(rest.body.order.status).toBe('invoiced');
  });

  it('rejects the short-shipped remainder of a customer who takes no backorders', async () => {
    const customer = await fixtures.customer({ allowBackorders: false });
    const item = await fixtures.item({ listPrice: '9.00' });
    await fixtures.stock(warehouse.id, item.id, '10');
    const order = (await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '10' }])))
      .body;
    const short = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [
        { lineNumber: 1, quantity: '7', shortShipped: true },
      ]),
      wms,
    );
    expect(short.body.order.status).toBe('invoiced');
    const detail = (await orders.get(order.id)).body;
    expect(detail.lines[0]).toMatchObject({
      status: 'shipped',
      quantityShipped: '7',
      quantityRejected: '3',
      quantityBackordered: '0',
      lineTotal: { amount: '63.00' },
    });
    // The rejected 3 will not be billed: the order totals the 7 shipped.
    expect(detail.totals).toMatchObject({
      subtotal: { amount: '63.00' },
      total: { amount: '63.00' },
    });
    const { rows } = await fixtures.client.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM process_events WHERE object_id = $1 AND activity = 'order.shipment_confirmed'`,
      [order.id],
    );
    expect(rows.map((row) => row.data.totals)).toEqual([
      {
        total: { from: '90.0000', to: '63.0000' },
        lines: [{ lineNumber: 1, from: '90.0000', to: '63.0000' }],
      },
    ]);
  });

  it('serves the oldest waiting order first, skips orders on hold, and releases a waiting order', async () => {
    const item = await fixtures.item({ listPrice: '9.00' });
    const submitWaiting = async () => {
      const customer = await fixtures.customer();
      const order = (
        await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity: '5' }]))
      ).body;
      // Nothing in stock: every line waits as a backorder.
      expect(order.status).toBe('validated');
      return order;
    };
    const held = await submitWaiting();
    const oldest = await submitWaiting();
    const next = await submitWaiting();
    const last = await submitWaiting();
    await fixtures.client.query(
      `INSERT INTO order_holds (order_id, type, reason_code) VALUES ($1, 'manual', 'MANUAL.REVIEW')`,
      [held.id],
    );

    await receive(item.id, '8');

    const statuses = await Promise.all(
      [held, oldest, next, last].map(async (order) => {
        const detail = (await orders.get(order.id)).body;
        return [
          detail.status,
          detail.lines[0].quantityAllocated,
          detail.lines[0].quantityBackordered,
        ];
      }),
    );
    expect(statuses).toEqual([
      ['validated', '0', '5'],
      ['released', '5', '0'],
      ['released', '3', '2'],
      ['validated', '0', '5'],
    ]);
    const oldestDetail = (await orders.get(oldest.id)).body;
    expect(oldestDetail.lines[0]).toMatchObject({ status: 'accepted' });
    expect(oldestDetail.events.slice(-2).map((e: { activity: string }) => e.activity)).toEqual([
      'order.allocated',
      'order.released',
    ]);
    expect((await orders.get(next.id)).body.lines[0].status).toBe('backordered');
    expect(await releasedMessages(oldest.id)).toEqual([
      expect.objectContaining({
        warehouseId: warehouse.id,
        lines: [expect.objectContaining({ quantity: '5' })],
      }),
    ]);
    expect(await fixtures.balance(warehouse.id, item.id)).toEqual({
      onHand: '8.0000',
      allocated: '8.0000',
    });

    // The rest of `next` and then `last` get the next receipt; the held order still waits.
    await receive(item.id, '4');
    const after = await Promise.all(
      [held, next, last].map(
        async (order) => (await orders.get(order.id)).body.lines[0].quantityAllocated,
      ),
    );
    expect(after).toEqual(['0', '5', '2']);
  });

  it('leaves stock free when nobody waits for the item', async () => {
    const item = await fixtures.item();
    await receive(item.id, '3');
    expect(await fixtures.balance(warehouse.id, item.id)).toEqual({
      onHand: '3.0000',
      allocated: '0.0000',
    });
  });
});
