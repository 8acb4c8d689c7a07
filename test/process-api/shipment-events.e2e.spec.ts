import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  ShipmentEventsClient,
  shippedEvent,
  warehouseClient,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Shipments confirmed by the warehouse: partial shipments drawing down allocations, the invoice
 * in the same transaction, the order moving to partially shipped, shipped and invoiced, the
 * advance ship notice through the outbox and the API, and re-deliveries answered as before.
 */
describe('process API: shipment events from the warehouse', () => {
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

  /** A released order of two lines (10 x 12.50 and 4 x 3.00), all from `warehouse`. */
  async function releasedOrder() {
    const customer = await fixtures.customer();
    const bolts = await fixtures.item({ listPrice: '12.50' });
    const nuts = await fixtures.item({ listPrice: '3.00' });
    await fixtures.stock(warehouse.id, bolts.id, '100');
    await fixtures.stock(warehouse.id, nuts.id, '100');
    const submitted = await orders.submit(
      orderBody(customer.id, [
        { sku: bolts.sku, quantity: '10' },
        { sku: nuts.sku, quantity: '4' },
      ]),
    );
    expect(submitted.body.status).toBe('released');
    return { order: submitted.body, bolts, nuts, customer };
  }

  async function outbox(aggregateId: string) {
    const { rows } = await fixtures.client.query<{
      event_type: string;
      payload: Record<string, unknown>;
    }>(
      'SELECT event_type, payload FROM outbox_messages WHERE aggregate_id = $1 ORDER BY sequence',
      [aggregateId],
    );
    return rows;
  }

  async function invoicesOf(shipmentId: string) {
    const { rows } = await fixtures.client.query<Record<string, string>>(
      `SELECT id, round(subtotal, 2)::text AS subtotal, round(freight, 2)::text AS freight,
              round(total, 2)::text AS total, shipped_to_invoiced_ms::text AS latency
         FROM invoices WHERE shipment_id = $1`,
      [shipmentId],
    );
    return rows;
  }

  it('confirms a partial shipment: stock drawn down, order partially shipped, invoiced at once', async () => {
    const { order, bolts, nuts } = await releasedOrder();
    const event = shippedEvent(warehouse.code, order.orderNumber, [
      { lineNumber: 1, quantity: '6', lot: 'LOT-A', packageId: 'CTN-1' },
      { lineNumber: 2, quantity: '4', packageId: 'CTN-2' },
    ]);
    const response = await shipments.send(event, wms);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      eventId: event.eventId,
      type: 'shipped',
      outcome: 'applied',
      duplicate: false,
      reason: null,
      shipment: { status: 'shipped' },
      order: { id: order.id, status: 'partially_shipped' },
      invoice: { total: { currency: 'USD' } },
      parkedEventsApplied: [],
    });
    expect(response.body.shipment.shipmentNumber).toMatch(/^SH\d{9}$/);
    expect(response.body.invoice.invoiceNumber).toMatch(/^INV-\d{8}$/);

    // On hand and allocated went down together; the rest of line 1 stays reserved.
    expect(await fixtures.balance(warehouse.id, bolts.id)).toEqual({
      onHand: '94.0000',
      allocated: '4.0000',
    });
    expect(await fixtures.balance(warehouse.id, nuts.id)).toEqual({
      onHand: '96.0000',
      allocated: '0.0000',
    });
    const detail = (await orders.get(order.id)).body;
    expect(detail.lines).toMatchObject([
      { lineNumber: 1, status: 'partially_shipped', quantityShipped: '6', quantityAllocated: '4' },
      { lineNumber: 2, status: 'shipped', quantityShipped: '4', quantityAllocated: '0' },
    ]);
    // The allocation drawn from is shipped with what shipped; its rest was split off, still live.
    expect(
      detail.allocations.map((a: { lineNumber: number; quantity: string; status: string }) => [
        a.lineNumber,
        a.quantity,
        a.status,
      ]),
    ).toEqual([
      [1, '6', 'shipped'],
      [1, '4', 'released'],
      [2, '4', 'shipped'],
    ]);
    const activities = detail.events.map((e: { activity: string }) => e.activity);
    expect(activities.slice(-2)).toEqual(['order.shipment_confirmed', 'order.partially_shipped']);

    const { rows: movements } = await fixtures.client.query<{ type: string; quantity: string }>(
      `SELECT type, quantity::text FROM inventory_movements WHERE reference = $1 ORDER BY quantity`,
      [`shipment:${response.body.shipment.id}`],
    );
    expect(movements).toEqual([
      { type: 'shipment', quantity: '4.0000' },
      { type: 'shipment', quantity: '6.0000' },
    ]);
    // Billed for exactly what shipped (6 x 12.50 + 4 x 3.00), tax per the ship-to's rate.
    const invoices = await invoicesOf(response.body.shipment.id);
    expect(invoices).toEqual([
      {
        id: response.body.invoice.id,
        subtotal: '87.00',
        freight: '0.00',
        total: response.body.invoice.total.amount,
        latency: expect.any(String),
      },
    ]);
    expect(Number(invoices[0].latency)).toBeGreaterThanOrEqual(100_000);
  });

  it('publishes the ship notice through the outbox and serves the same document', async () => {
    const { order, bolts } = await releasedOrder();
    const event = shippedEvent(warehouse.code, order.orderNumber, [
      { lineNumber: 1, quantity: '2', lot: 'LOT-1', packageId: 'PAL-1' },
      { lineNumber: 1, quantity: '1', lot: 'LOT-2', packageId: 'PAL-1' },
      { lineNumber: 2, quantity: '4', serialNumbers: ['S1', 'S2', 'S3', 'S4'] },
    ]);
    const shipmentId = (await shipments.send(event, wms)).body.shipment.id;

    const notice = await shipments.notice(shipmentId, wms);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({
      transactionSet: '856',
      structure: 'SOPI',
      warehouseShipmentId: event.warehouseShipmentId,
      hl: { id: 1, parentId: null, code: 'S' },
      carrier: { scac: 'UPSN', serviceLevel: 'GROUND' },
      trackingNumber: event.trackingNumber,
      shipFrom: { code: warehouse.code },
      shipTo: { code: 'MAIN' },
      packageCount: 1,
      lineCount: 2,
    });
    const [orderLevel] = notice.body.orders;
    expect(orderLevel).toMatchObject({
      hl: { id: 2, parentId: 1, code: 'O' },
      orderNumber: order.orderNumber,
      purchaseOrderNumber: order.externalPoNumber,
    });
    expect(orderLevel.packs).toMatchObject([
      {
        hl: { id: 3, parentId: 2, code: 'P' },
        packageId: 'PAL-1',
        items: [
          {
            hl: { id: 4, parentId: 3 },
            lineNumber: 1,
            sku: bolts.sku,
            quantityShipped: '2',
            lot: 'LOT-1',
            quantityOrdered: '10',
            unit: 'EA',
          },
          { hl: { id: 5, parentId: 3 }, lineNumber: 1, quantityShipped: '1', lot: 'LOT-2' },
        ],
      },
      {
        hl: { id: 6, parentId: 2, code: 'P' },
        packageId: null,
        items: [
          {
            hl: { id: 7, parentId: 6, code: 'I' },
            lineNumber: 2,
            quantityShipped: '4',
            serialNumbers: ['S1', 'S2', 'S3', 'S4'],
          },
        ],
      },
    ]);
    const published = await outbox(shipmentId);
    expect(published.map((row) => row.event_type)).toEqual(['shipment.shipped']);
    expect(published[0].payload.notice).toEqual(notice.body);

    const detail = await shipments.shipment(shipmentId, wms);
    expect(detail.headers.etag).toBe(`"${detail.body.version}"`);
    expect(detail.body).toMatchObject({
      status: 'shipped',
      warehouse: { code: warehouse.code },
      order: { id: order.id, status: 'partially_shipped' },
      invoice: { total: { currency: 'USD' } },
      events: [{ eventId: event.eventId, type: 'shipped', status: 'applied' }],
    });
    // Serial numbers ship one unit per shipment line.
    expect(detail.body.lines).toHaveLength(6);
  });

  it('moves the order to shipped and invoiced when the last line ships, one invoice per shipment', async () => {
    const { order } = await releasedOrder();
    const first = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '10' }]),
      wms,
    );
    expect(first.body.order.status).toBe('partially_shipped');
    const second = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 2, quantity: '4' }], {
        freight: { amount: '15.00', currency: 'USD' },
      }),
      wms,
    );
    expect(second.body.order.status).toBe('invoiced');
    expect(await invoicesOf(second.body.shipment.id)).toEqual([
      expect.objectContaining({ subtotal: '12.00', freight: '15.00' }),
    ]);

    const detail = (await orders.get(order.id)).body;
    const activities = detail.events.map((e: { activity: string }) => e.activity);
    expect(activities.slice(-3)).toEqual([
      'order.shipment_confirmed',
      'order.shipped',
      'order.invoiced',
    ]);
    expect(detail.events.at(-1).data).toMatchObject({ status: 'invoiced' });
    expect((await outbox(order.id)).map((row) => row.event_type)).toEqual([
      'order.released',
      'order.partially_shipped',
      'order.shipped',
      'order.invoiced',
    ]);

    const list = await shipments.forOrder(order.id, wms);
    expect(list.status).toBe(200);
    expect(list.body.order).toMatchObject({ id: order.id, status: 'invoiced' });
    expect(list.body.shipments).toMatchObject([
      {
        id: first.body.shipment.id,
        status: 'shipped',
        lineCount: 1,
        invoice: { id: first.body.invoice.id },
      },
      {
        id: second.body.shipment.id,
        status: 'shipped',
        lineCount: 1,
        invoice: { id: second.body.invoice.id },
      },
    ]);
    const { rows } = await fixtures.client.query<{ activity: string }>(
      `SELECT activity FROM process_events WHERE object_type = 'shipment' AND object_id = $1`,
      [second.body.shipment.id],
    );
    expect(rows.map((row) => row.activity)).toEqual(['shipment.shipped']);
  });

  it('walks a shipment through picked and packed before it ships', async () => {
    const { order } = await releasedOrder();
    const base = { warehouseShipmentId: 'PICK-' + order.orderNumber };
    const picked = await shipments.send(
      {
        ...shippedEvent(warehouse.code, order.orderNumber, [], base),
        type: 'picked',
        lines: undefined,
      },
      wms,
    );
    expect(picked.body).toMatchObject({ outcome: 'applied', shipment: { status: 'picked' } });
    const early = await shipments.notice(picked.body.shipment.id, wms);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('SHIPMENT.NOT_SHIPPED');
    const packed = await shipments.send(
      {
        ...shippedEvent(warehouse.code, order.orderNumber, [], base),
        type: 'packed',
        lines: [{ lineNumber: 1, quantity: '10', packageId: 'CTN-9' }],
      },
      wms,
    );
    expect(packed.body).toMatchObject({
      outcome: 'applied',
      shipment: { id: picked.body.shipment.id, status: 'packed' },
    });
    const shipped = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '10' }], base),
      wms,
    );
    expect(shipped.body).toMatchObject({
      outcome: 'applied',
      shipment: {
        id: picked.body.shipment.id,
        shipmentNumber: picked.body.shipment.shipmentNumber,
        status: 'shipped',
      },
    });
    const detail = await shipments.shipment(picked.body.shipment.id);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'picked',
      'packed',
      'shipped',
    ]);
  });

  it('answers a re-delivery with the first answer, and refuses the same id with another body', async () => {
    const { order } = await releasedOrder();
    const event = shippedEvent(warehouse.code, order.orderNumber, [
      { lineNumber: 1, quantity: '5' },
    ]);
    const first = await shipments.send(event, wms);
    const before = await fixtures.writeCounts();

    const again = await shipments.send({ ...event }, wms);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(await fixtures.writeCounts()).toEqual(before);

    const changed = await shipments.send(
      { ...event, lines: [{ lineNumber: 1, quantity: '4' }] },
      wms,
    );
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({
      code: 'SHIPMENT.EVENT_ID_REUSED',
      errors: [{ path: '/body/eventId', rule: 'SHIPMENT.EVENT_ID_REUSED' }],
    });
    // Event ids are the sender's: another warehouse system may use the same id.
    const other = gateway.as(warehouseClient([warehouse.code]));
    const theirs = await shipments.send(
      {
        ...shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 2, quantity: '1' }]),
        eventId: event.eventId,
      },
      other,
    );
    expect(theirs.status).toBe(200);
    expect(theirs.body.duplicate).toBe(false);
  });

  it('answers concurrent deliveries of one event once, the others as repeats', async () => {
    const { order, bolts } = await releasedOrder();
    const event = shippedEvent(warehouse.code, order.orderNumber, [
      { lineNumber: 1, quantity: '3' },
    ]);
    const answers = await Promise.all([1, 2, 3, 4].map(() => shipments.send(event, wms)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.body.duplicate === false)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.body.invoice.id)).size).toBe(1);
    expect(await fixtures.balance(warehouse.id, bolts.id)).toEqual({
      onHand: '97.0000',
      allocated: '7.0000',
    });
  });

  it('never ships an allocation twice when shipments of one line race', async () => {
    const { order, bolts } = await releasedOrder();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        shipments.send(
          shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '4' }]),
          wms,
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 422, 422, 422]);
    for (const refused of answers.filter((answer) => answer.status === 422)) {
      expect(refused.body).toMatchObject({ code: 'SHIPMENT.OVER_SHIPMENT', allowed: '2' });
    }
    expect(await fixtures.balance(warehouse.id, bolts.id)).toEqual({
      onHand: '92.0000',
      allocated: '2.0000',
    });
    const line = (await orders.get(order.id)).body.lines[0];
    expect(line).toMatchObject({ quantityShipped: '8', quantityAllocated: '2' });
  });
});
