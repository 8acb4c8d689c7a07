import { randomUUID } from 'node:crypto';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  ShipmentEventsClient,
  shippedEvent,
  warehouseClient,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

const EXCEPTIONS = '/process/v1/integration-exceptions';

/**
 * A shipment event refused because the platform did not know its order yet is queued; once the
 * order exists and is released, operations replay the entry: the event is applied as its
 * warehouse system sent it, the shipment is invoiced and the entry resolved, in one
 * transaction. A replay that is still refused changes nothing.
 */
describe('process API: replaying refused shipment events from the exception queue', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let shipments: ShipmentEventsClient;
  let warehouse: { id: string; code: string };

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    shipments = new ShipmentEventsClient(gateway);
    warehouse = await fixtures.warehouse(['US-WEST']);
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  const replay = async (id: string) =>
    gateway.expectContract(
      'replayIntegrationException',
      await gateway.http().post(`${EXCEPTIONS}/${id}/replay`).set('idempotency-key', randomUUID()),
    );
  const entry = async (id: string) =>
    gateway.expectContract(
      'getIntegrationException',
      await gateway.http().get(`${EXCEPTIONS}/${id}`),
    );

  /** The number the next order will get (this suite's database is its own). */
  async function nextOrderNumber(): Promise<string> {
    const { rows } = await fixtures.client.query<{ next: string }>(
      `SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next
         FROM sales_order_number_seq`,
    );
    return `SO${rows[0].next.padStart(9, '0')}`;
  }

  it('applies the event as its sender once the order exists, invoices it and resolves the entry', async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item({ listPrice: '4.00' });
    await fixtures.stock(warehouse.id, item.id, '40');
    const subject = `wms-replay-${randomUUID().slice(0, 8)}`;
    const wms = gateway.as(warehouseClient([warehouse.code], subject));
    const orderNumber = await nextOrderNumber();
    const event = shippedEvent(warehouse.code, orderNumber, [{ lineNumber: 1, quantity: '6' }]);

    // The warehouse reports a shipment of an order the platform does not know yet.
    const refused = await shipments.send(event, wms);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SHIPMENT.ORDER_NOT_FOUND');
    const exceptionId = refused.body.exceptionId as string;
    expect((await entry(exceptionId)).body).toMatchObject({
      kind: 'inbound_event',
      source: `wms:${subject}`,
      eventType: 'shipment.shipped',
      reference: event.eventId,
      status: 'open',
    });

    // Replaying it now is refused for the same reason and changes nothing.
    const early = await replay(exceptionId);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'EXCEPTION.REPLAY_REFUSED',
      reason: 'SHIPMENT.ORDER_NOT_FOUND',
    });
    expect((await entry(exceptionId)).body).toMatchObject({ status: 'open', replayCount: 0 });

    // The order arrives and is released; the replay applies the event.
    const submitted = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '6' }]),
    );
    expect(submitted.body).toMatchObject({ orderNumber, status: 'released' });
    const replayed = await replay(exceptionId);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({
      outcome: 'processed',
      exception: { id: exceptionId, status: 'resolved', replayCount: 1 },
    });
    expect(replayed.body.detail).toMatch(
      /^shipment event .+ applied \(shipment SH\d+, invoice INV-\d+\)$/,
    );

    const { rows: invoices } = await fixtures.client.query<{ total: string; customer: string }>(
      `SELECT total::text, customer_id AS customer FROM invoices WHERE order_id = $1`,
      [submitted.body.id],
    );
    expect(invoices).toEqual([{ total: expect.any(String), customer: customer.id }]);
    const detail = await orders.get(submitted.body.id);
    expect(detail.body.status).toBe('invoiced');

    // It was applied as the warehouse system that sent it: its inbox, its name on the events.
    const { rows: inbox } = await fixtures.client.query<{ source: string; status: string }>(
      'SELECT source, status FROM inbound_events WHERE external_event_id = $1',
      [event.eventId],
    );
    expect(inbox).toEqual([{ source: `wms:${subject}`, status: 'processed' }]);
    const { rows: actors } = await fixtures.client.query<{ actor: string }>(
      `SELECT DISTINCT actor FROM process_events
        WHERE object_type = 'shipment' AND activity = 'shipment.shipped'
          AND data->>'eventId' = $1`,
      [event.eventId],
    );
    expect(actors).toEqual([{ actor: `warehouse_client:${subject}` }]);

    // The warehouse delivering the event again gets the applied answer, not a second shipment.
    const again = await shipments.send(event, wms);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'applied', duplicate: true });
    expect(again.body.invoice).toEqual(
      expect.objectContaining({ invoiceNumber: expect.any(String) }),
    );

    // A resolved entry is not replayed twice.
    expect((await replay(exceptionId)).status).toBe(409);
  });

  it('carries the account on the shipment message partners are routed by', async () => {
    const customer = await fixtures.customer();
    const item = await fixtures.item({ listPrice: '2.50' });
    await fixtures.stock(warehouse.id, item.id, '10');
    const submitted = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '2' }]),
    );
    const wms = gateway.as(warehouseClient([warehouse.code]));
    const shipped = await shipments.send(
      shippedEvent(warehouse.code, submitted.body.orderNumber, [{ lineNumber: 1, quantity: '2' }]),
      wms,
    );
    expect(shipped.status).toBe(200);
    const { rows } = await fixtures.client.query<{ type: string; customerId: string }>(
      `SELECT event_type AS type, payload->>'customerId' AS "customerId"
         FROM outbox_messages
        WHERE payload->>'orderId' = $1
        ORDER BY sequence`,
      [submitted.body.id],
    );
    const types = rows.map((row) => row.type);
    expect(types).toEqual(
      expect.arrayContaining(['order.released', 'shipment.shipped', 'invoice.issued']),
    );
    for (const row of rows) expect(row).toEqual({ type: row.type, customerId: customer.id });
  });
});
