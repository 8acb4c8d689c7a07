import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import {
  ShipmentEventsClient,
  shippedEvent,
  warehouseClient,
} from '../factories/shipment-event.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/** With an over-shipment tolerance of 10 %: a little more than allocated ships from free stock;
 *  beyond the tolerance, or beyond the stock the books have, the event is refused. */
describe('process API: over-shipment tolerance', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let shipments: ShipmentEventsClient;
  let warehouse: { id: string; code: string };
  let wms: ReturnType<TestGateway['as']>;

  beforeAll(async () => {
    gateway = await startTestGateway({ OVER_SHIPMENT_TOLERANCE_PERCENT: '10' });
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

  async function releasedOrder(stock: string) {
    const customer = await fixtures.customer();
    const item = await fixtures.item({ baseUom: 'KG', conversions: {}, listPrice: '2.00' });
    await fixtures.stock(warehouse.id, item.id, stock);
    const submitted = await orders.submit(
      orderBody(customer.id, [{ sku: item.sku, quantity: '10', uom: 'KG' }]),
    );
    expect(submitted.body.status).toBe('released');
    return { order: submitted.body, item };
  }

  it('ships within the tolerance from free stock and closes the line', async () => {
    const { order, item } = await releasedOrder('50');
    const response = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '10.8' }]),
      wms,
    );
    expect(response.status).toBe(200);
    expect(response.body.order.status).toBe('invoiced');
    expect(await fixtures.balance(warehouse.id, item.id)).toEqual({
      onHand: '39.2000',
      allocated: '0.0000',
    });
    const line = (await orders.get(order.id)).body.lines[0];
    expect(line).toMatchObject({
      status: 'shipped',
      quantityShipped: '10.8',
      quantityAllocated: '0',
    });
    const detail = await shipments.shipment(response.body.shipment.id);
    // 10 drawn from the allocation, 0.8 beyond it (no allocation).
    expect(
      detail.body.lines
        .map((l: { quantity: string; allocationId: string | null }) => [
          l.quantity,
          l.allocationId === null,
        ])
        .sort(),
    ).toEqual([
      ['0.8', true],
      ['10', false],
    ]);
  });

  it('refuses more than the tolerance, naming the most allowed', async () => {
    const { order } = await releasedOrder('50');
    const response = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '11.01' }]),
      wms,
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'SHIPMENT.OVER_SHIPMENT',
      lineNumber: 1,
      allowed: '11',
      unit: 'KG',
      errors: [{ path: '/body/lines/0/quantity' }],
    });
  });

  it('refuses shipping beyond the allocation when the warehouse has no free stock', async () => {
    const { order, item } = await releasedOrder('10');
    const response = await shipments.send(
      shippedEvent(warehouse.code, order.orderNumber, [{ lineNumber: 1, quantity: '10.5' }]),
      wms,
    );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SHIPMENT.STOCK_SHORT');
    expect(response.body.exceptionId).toEqual(expect.any(String));
    expect(await fixtures.balance(warehouse.id, item.id)).toEqual({
      onHand: '10.0000',
      allocated: '10.0000',
    });
  });
});
