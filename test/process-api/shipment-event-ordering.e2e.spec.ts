import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  carrierClient,
  carrierEvent,
  minutesAgo,
  ShipmentEventsClient,
  shippedEvent,
  uniqueId,
  warehouseClient,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Events in any order: carrier scans before the warehouse confirmed the shipment wait (parked)
 * and apply in time order at confirmation; an older event never overwrites a newer state; a
 * carrier sees only the shipments it carries.
 */
describe('process API: shipment events out of order, and carriers', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let shipments: ShipmentEventsClient;
  let warehouse: { id: string; code: string };
  let wms: ReturnType<TestGateway['as']>;
  let ups: ReturnType<TestGateway['as']>;
  let fedex: ReturnType<TestGateway['as']>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    shipments = new ShipmentEventsClient(gateway);
    warehouse = await fixtures.warehouse(['US-WEST']);
    wms = gateway.as(warehouseClient([warehouse.code]));
    ups = gateway.as(carrierClient('UPSN'));
    fedex = gateway.as(carrierClient('FDEG'));
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  async function releasedOrder() {
    const customer = await fixtures.customer();
    const item = await fixtures.item({ listPrice: '5.00' });
    await fixtures.stock(warehouse.id, item.id, '50');
    const submitted = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '8' }]),
    );
    expect(submitted.body.status).toBe('released');
    return submitted.body;
  }

  it('parks a delivery scan that arrives before the shipment, and applies it in order at confirmation', async () => {
    const order = await releasedOrder();
    const tracking = uniqueId('1Z');
    const transit = carrierEvent('in_transit', tracking, { occurredAt: minutesAgo(20) });
    const delivered = carrierEvent('delivered', tracking, {
      occurredAt: minutesAgo(5),
      signedBy: 'R. SMITH',
    });
    // Received newest first: the delivery, then the transit scan.
    const parked = await shipments.send(delivered, ups);
    expect(parked.status).toBe(202);
    expect(parked.body).toMatchObject({
      outcome: 'parked',
      reason: 'SHIPMENT.AWAITING_CONFIRMATION',
      shipment: null,
      duplicate: false,
    });
    expect((await shipments.send(transit, ups)).status).toBe(202);
    // A re-delivery of a parked event is answered as before, now with 200.
    const repeat = await shipments.send(delivered, ups);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ ...parked.body, duplicate: true });

    const shipped = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '8' }], {
        occurredAt: minutesAgo(30),
        trackingNumber: tracking,
      }),
      wms,
    );
    expect(shipped.body).toMatchObject({
      outcome: 'applied',
      shipment: { status: 'delivered' },
      parkedEventsApplied: [
        { eventId: transit.eventId, type: 'in_transit', status: 'applied' },
        { eventId: delivered.eventId, type: 'delivered', status: 'applied' },
      ],
    });
    const detail = await shipments.shipment(shipped.body.shipment.id);
    expect(detail.body).toMatchObject({
      status: 'delivered',
      deliveredAt: delivered.occurredAt,
      lastEventAt: delivered.occurredAt,
    });
    expect(
      detail.body.events.map((e: { type: string; status: string }) => [e.type, e.status]),
    ).toEqual([
      ['shipped', 'applied'],
      ['in_transit', 'applied'],
      ['delivered', 'applied'],
    ]);
    expect(detail.body.events[2].detail).toMatchObject({ signedBy: 'R. SMITH' });
    const { rows } = await fixtures.client.query<{ activity: string; status: string }>(
      `SELECT p.activity FROM process_events p WHERE p.object_type = 'shipment' AND p.object_id = $1
        ORDER BY p.occurred_at`,
      [shipped.body.shipment.id],
    );
    expect(rows.map((row) => row.activity)).toEqual([
      'shipment.shipped',
      'shipment.in_transit',
      'shipment.delivered',
    ]);
    const parkedNow = await shipments.events('?status=parked', ups);
    expect(parkedNow.body.items).toEqual([]);
  });

  it('keeps older scans as history without overwriting a newer state', async () => {
    const order = await releasedOrder();
    const shipped = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '8' }], {
        occurredAt: minutesAgo(60),
      }),
      wms,
    );
    const tracking =
      shipped.body.shipment &&
      (await shipments.shipment(shipped.body.shipment.id)).body.trackingNumber;
    const exception = await shipments.send(
      carrierEvent('exception', tracking, { occurredAt: minutesAgo(10) }),
      ups,
    );
    expect(exception.body).toMatchObject({ outcome: 'applied', shipment: { status: 'exception' } });
    const late = await shipments.send(
      carrierEvent('in_transit', tracking, { occurredAt: minutesAgo(30) }),
      ups,
    );
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({
      outcome: 'stale',
      reason: 'SHIPMENT.OLDER_THAN_LATEST',
      shipment: { status: 'exception' },
    });
    const delivered = await shipments.send(carrierEvent('delivered', tracking), ups);
    expect(delivered.body.shipment.status).toBe('delivered');
    const after = await shipments.send(carrierEvent('in_transit', tracking), ups);
    expect(after.body).toMatchObject({ outcome: 'stale', reason: 'SHIPMENT.ALREADY_DELIVERED' });

    const picked = await shipments.send(
      {
        ...shippedEvent(warehouse.code, order.orderNumber, [], {
          warehouseShipmentId: (await shipments.shipment(shipped.body.shipment.id)).body
            .warehouseShipmentId,
        }),
        type: 'picked',
        lines: undefined,
      },
      wms,
    );
    expect(picked.body).toMatchObject({
      outcome: 'stale',
      reason: 'SHIPMENT.ALREADY_FURTHER',
      shipment: { status: 'delivered' },
    });
    const history = (await shipments.shipment(shipped.body.shipment.id)).body.events;
    expect(history.filter((e: { status: string }) => e.status === 'stale')).toHaveLength(3);
    expect(await outboxTypes(shipped.body.shipment.id)).toEqual([
      'shipment.shipped',
      'shipment.exception',
      'shipment.delivered',
    ]);
  });

  it('refuses a second confirmation of a shipped shipment', async () => {
    const order = await releasedOrder();
    const first = shippedEvent(warehouse.code, order.orderNumber, [
      { lineNumber: 1, quantity: '4' },
    ]);
    await shipments.send(first, wms);
    const again = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '4' }], {
        warehouseShipmentId: first.warehouseShipmentId,
      }),
      wms,
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'SHIPMENT.ALREADY_SHIPPED',
      errors: [{ path: '/body/warehouseShipmentId' }],
    });
  });

  it("answers 404 to a carrier for another carrier's shipment, and keeps carriers to their own SCAC", async () => {
    const order = await releasedOrder();
    const shipped = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '8' }]),
      wms,
    );
    const shipmentId = shipped.body.shipment.id;
    const tracking = (await shipments.shipment(shipmentId)).body.trackingNumber;
    const before = await fixtures.writeCounts();

    const foreign = await shipments.send(carrierEvent('delivered', tracking), fedex);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('RESOURCE.NOT_FOUND');
    const byNumber = await shipments.send(
      carrierEvent('delivered', uniqueId('1Z'), {
        shipmentNumber: shipped.body.shipment.shipmentNumber,
      }),
      fedex,
    );
    expect(byNumber.status).toBe(404);
    expect((await shipments.shipment(shipmentId, fedex)).status).toBe(404);
    expect((await shipments.notice(shipmentId, fedex)).status).toBe(404);
    expect((await shipments.forOrder(order.id, fedex)).status).toBe(404);

    const posing = await shipments.send(
      carrierEvent('delivered', tracking, { carrier: { scac: 'UPSN' } }),
      fedex,
    );
    expect(posing.status).toBe(403);
    expect(posing.body.code).toBe('SHIPMENT.NOT_YOUR_CARRIER');
    expect(await fixtures.writeCounts()).toEqual(before);

    // The carrier that carries it sees it, and its own events only.
    expect((await shipments.shipment(shipmentId, ups)).status).toBe(200);
    expect((await shipments.forOrder(order.id, ups)).body.shipments).toHaveLength(1);
    const delivered = await shipments.send(carrierEvent('delivered', tracking), ups);
    expect(delivered.body.shipment.status).toBe('delivered');
    const own = await shipments.events('?type=delivered', ups);
    expect(own.body.items.map((e: { eventId: string }) => e.eventId)).toContain(
      delivered.body.eventId,
    );
    const staff = await shipments.events('?limit=200');
    expect(staff.body.items.length).toBeGreaterThan(own.body.items.length);
  });

  it('lets staff key in a scan for a named carrier, and pages through events', async () => {
    const order = await releasedOrder();
    const shipped = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '8' }]),
      wms,
    );
    const tracking = (await shipments.shipment(shipped.body.shipment.id)).body.trackingNumber;
    const unnamed = await shipments.send(carrierEvent('in_transit', tracking));
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([expect.objectContaining({ path: '/body/carrier/scac' })]);
    const named = await shipments.send(
      carrierEvent('in_transit', tracking, { carrier: { scac: 'UPSN' } }),
    );
    expect(named.body).toMatchObject({ outcome: 'applied', shipment: { status: 'in_transit' } });

    const first = await shipments.events('?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await shipments.events(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    expect((await shipments.events('?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  async function outboxTypes(aggregateId: string): Promise<string[]> {
    const { rows } = await fixtures.client.query<{ event_type: string }>(
      'SELECT event_type FROM outbox_messages WHERE aggregate_id = $1 ORDER BY sequence',
      [aggregateId],
    );
    return rows.map((row) => row.event_type);
  }
});
