import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  carrierClient,
  carrierEvent,
  minutesAgo,
  ShipmentEventsClient,
  shippedEvent,
  warehouseClient,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Events that cannot be applied: refused with the reason (problem+json naming the field and
 * the rule), nothing half-written, and - for what the sender or operations must sort out (422)
 * - an entry in the integration exception queue written after the event's transaction rolled
 * back.
 */
describe('process API: refused shipment events', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let shipments: ShipmentEventsClient;
  let warehouse: { id: string; code: string };
  let otherWarehouse: { id: string; code: string };
  let wms: ReturnType<TestGateway['as']>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    shipments = new ShipmentEventsClient(gateway);
    warehouse = await fixtures.warehouse(['US-WEST']);
    otherWarehouse = await fixtures.warehouse(['US-EAST']);
    wms = gateway.as(warehouseClient([warehouse.code]));
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  async function releasedOrder(quantity = '10') {
    const customer = await fixtures.customer();
    const item = await fixtures.item({ listPrice: '4.00' });
    await fixtures.stock(warehouse.id, item.id, '40');
    const submitted = await orders.submit(orderBody(customer.id, [{ sku: item.sku, quantity }]));
    expect(submitted.body.status).toBe('released');
    return { order: submitted.body, item };
  }

  async function exceptionFor(eventId: string) {
    const { rows } = await fixtures.client.query<Record<string, unknown>>(
      `SELECT id, kind, source, event_type AS "eventType", error_code AS "errorCode", status,
              payload->'event'->>'eventId' AS "payloadEventId"
         FROM integration_exceptions WHERE reference = $1`,
      [eventId],
    );
    return rows;
  }

  /** What a refused event must leave untouched: the order flow's tables, shipments, invoices,
   *  the inbox and the stock. */
  async function counts() {
    const base = await fixtures.writeCounts();
    const { rows } = await fixtures.client.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM shipments)::int AS shipments,
              (SELECT count(*) FROM shipment_lines)::int AS "shipmentLines",
              (SELECT count(*) FROM shipment_events)::int AS "shipmentEvents",
              (SELECT count(*) FROM inbound_events)::int AS inbox,
              (SELECT count(*) FROM invoices)::int AS invoices,
              (SELECT COALESCE(sum(on_hand), 0)::float FROM inventory_balances) AS "onHand"`,
    );
    const { audit_log: _audit, ...rest } = base;
    return { ...rest, ...rows[0] };
  }

  it.each([
    [
      'an unknown order',
      (order: { orderNumber: string }) => ({ orderNumber: `${order.orderNumber}-X` }),
      'SHIPMENT.ORDER_NOT_FOUND',
      '/body/orderNumber',
    ],
    [
      'an unknown order line',
      () => ({ lines: [{ lineNumber: 7, quantity: '1' }] }),
      'SHIPMENT.LINE_NOT_FOUND',
      '/body/lines/0/lineNumber',
    ],
    [
      'more than allocated (no tolerance)',
      () => ({ lines: [{ lineNumber: 1, quantity: '11' }] }),
      'SHIPMENT.OVER_SHIPMENT',
      '/body/lines/0/quantity',
    ],
    [
      'an unknown warehouse (staff)',
      () => ({ warehouseCode: 'NOWHERE' }),
      'SHIPMENT.WAREHOUSE_NOT_FOUND',
      '/body/warehouseCode',
    ],
    [
      'a unit the item cannot be shipped in',
      () => ({ lines: [{ lineNumber: 1, quantity: '1', uom: 'KG' }] }),
      'SHIPMENT.UNIT_NOT_CONVERTIBLE',
      '/body/lines/0/uom',
    ],
    [
      'freight in another currency',
      () => ({ freight: { amount: '5.00', currency: 'EUR' } }),
      'SHIPMENT.FREIGHT_CURRENCY',
      '/body/freight/currency',
    ],
  ])(
    'refuses %s with 422, writes nothing and queues the event',
    async (_label, change, code, path) => {
      const { order } = await releasedOrder();
      const event: Record<string, unknown> = {
        ...shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '10' }]),
        ...change(order),
      };
      const agent = code === 'SHIPMENT.WAREHOUSE_NOT_FOUND' ? gateway.http() : wms;
      const before = await counts();

      const response = await shipments.send(event, agent);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code, errors: [{ path, rule: code }] });
      expect(await counts()).toEqual(before);
      expect(await exceptionFor(event.eventId as string)).toEqual([
        {
          id: response.body.exceptionId,
          kind: 'inbound_event',
          source: expect.stringMatching(/^(wms|staff):/),
          eventType: 'shipment.shipped',
          errorCode: code,
          status: 'open',
          payloadEventId: event.eventId,
        },
      ]);
      // Sent again, it is refused again (nothing was recorded) and joins the same open entry.
      const again = await shipments.send(event, agent);
      expect(again.status).toBe(422);
      expect(again.body.exceptionId).toBe(response.body.exceptionId);
      expect(await exceptionFor(event.eventId as string)).toHaveLength(1);
    },
  );

  it('refuses an event for a cancelled order, saying why, and for a line not yet released', async () => {
    const { order } = await releasedOrder();
    const etag = `"${order.version}"`;
    expect((await orders.cancel(order.id, etag, 'customer found a cheaper source')).status).toBe(
      200,
    );
    const response = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '10' }]),
      wms,
    );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SHIPMENT.LINE_CANCELLED');
    expect(response.body.detail).toContain('customer found a cheaper source');
    expect(response.body.exceptionId).toEqual(expect.any(String));

    const held = await fixtures.customer({ creditLimit: '1' });
    const item = await fixtures.item({ listPrice: '4.00' });
    await fixtures.stock(warehouse.id, item.id, '40');
    const onHold = (await orders.submit(orderBody(held.id, [{ sku: item.sku, quantity: '2' }])))
      .body;
    expect(onHold.status).toBe('on_hold');
    const early = await shipments.send(
      shippedEvent(warehouse.code, onHold.orderNumber, [{ lineNumber: 1, quantity: '2' }]),
      wms,
    );
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'SHIPMENT.ORDER_NOT_SHIPPABLE',
      orderStatus: 'on_hold',
    });
  });

  it.each([
    [
      'a negative quantity',
      { lines: [{ lineNumber: 1, quantity: '-2' }] },
      '/body/lines/0/quantity',
      'QUANTITY.NOT_POSITIVE',
    ],
    [
      'a zero quantity',
      { lines: [{ lineNumber: 1, quantity: '0' }] },
      '/body/lines/0/quantity',
      'QUANTITY.NOT_POSITIVE',
    ],
    [
      'a shipped event without lines',
      { lines: undefined },
      '/body/lines',
      'SHIPMENT.FIELD_REQUIRED',
    ],
    ['no order', { orderNumber: undefined }, '/body/orderNumber', 'SHIPMENT.FIELD_REQUIRED'],
    [
      'a time in the future',
      { occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
      '/body/occurredAt',
      'SHIPMENT.OCCURRED_IN_FUTURE',
    ],
    [
      'carrier fields on a warehouse event',
      { signedBy: 'X' },
      '/body/signedBy',
      'SHIPMENT.FIELD_NOT_ALLOWED',
    ],
    [
      'serial numbers that do not match the quantity',
      { lines: [{ lineNumber: 1, quantity: '3', serialNumbers: ['A', 'B'] }] },
      '/body/lines/0/serialNumbers',
      'SHIPMENT.SERIAL_COUNT_MISMATCH',
    ],
    [
      'a serial number twice',
      {
        lines: [
          { lineNumber: 1, quantity: '1', serialNumbers: ['A'] },
          { lineNumber: 1, quantity: '1', serialNumbers: ['A'] },
        ],
      },
      '/body/lines/1/serialNumbers/0',
      'SHIPMENT.SERIAL_COUNT_MISMATCH',
    ],
    ['a field the contract does not know', { color: 'red' }, '/body/color', 'additionalProperties'],
    [
      'a quantity with five decimals',
      { lines: [{ lineNumber: 1, quantity: '1.00001' }] },
      '/body/lines/0/quantity',
      'pattern',
    ],
    [
      'freight with too many decimals',
      { freight: { amount: '1.005', currency: 'USD' } },
      '/body/freight/amount',
      'MONEY.TOO_MANY_DECIMALS',
    ],
  ])(
    'refuses %s with 400 naming the field, and queues nothing',
    async (_label, change, path, rule) => {
      const { order } = await releasedOrder();
      const event: Record<string, unknown> = {
        ...shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '1' }]),
        ...change,
      };
      const before = await counts();
      const response = await shipments.send(event, wms);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule })]),
      );
      expect(await counts()).toEqual(before);
      expect(await exceptionFor(event.eventId as string)).toEqual([]);
    },
  );

  it('keeps each sender to its own warehouses and event types', async () => {
    const { order } = await releasedOrder();
    const before = await counts();
    const elsewhere = await shipments.send(
      shippedEvent(otherWarehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '1' }]),
      wms,
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('RESOURCE.NOT_FOUND');

    const scan = await shipments.send(carrierEvent('delivered', 'TRK-1'), wms);
    expect(scan.status).toBe(403);
    expect(scan.body.requiredScopes).toEqual(['shipment-events:carrier']);
    const carrierShipping = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '1' }]),
      gateway.as(carrierClient('UPSN')),
    );
    expect(carrierShipping.status).toBe(403);
    expect(carrierShipping.body.requiredScopes).toEqual(['shipment-events:warehouse']);
    const customer = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '1' }]),
      gateway.as({
        subject: 'buyer',
        kind: 'customer_user',
        scopes: ['shipment-events:warehouse'],
        customerIds: [order.customerId],
      }),
    );
    expect(customer.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('reports a shipped time without zone or an unknown event type as 400', async () => {
    const { order } = await releasedOrder();
    for (const change of [{ occurredAt: '2026-03-01T10:00:00' }, { type: 'lost' }]) {
      const response = await shipments.send(
        {
          ...shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '1' }]),
          ...change,
        },
        wms,
      );
      expect(response.status).toBe(400);
    }
    const old = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '1' }], {
        occurredAt: minutesAgo(60 * 24 * 3),
      }),
      wms,
    );
    expect(old.status).toBe(200);
  });
});
