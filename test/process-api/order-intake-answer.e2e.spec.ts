import type { Response } from 'supertest';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * The answer to an order submission is built from what its transaction wrote, not read back:
 * whatever the outcome it must be the order's detail, field for field and in the same order,
 * as a later GET reads it from the database.
 */
describe('process API: the answer to an order submission is the order as stored', () => {
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

  async function expectAnswerIsStoredOrder(response: Response): Promise<void> {
    expect(response.status).toBe(201);
    const stored = await orders.get(response.body.id);
    expect(response.body).toEqual(stored.body);
    expect(response.headers.etag).toBe(stored.headers.etag);
  }

  it('for a released order split across warehouses, with units, contract and requested prices', async () => {
    const customer = await fixtures.customer();
    const bolts = await fixtures.item({ listPrice: '10.00', standardCost: '6.00' });
    const nuts = await fixtures.item({ listPrice: '2.50', standardCost: '1.00' });
    const washers = await fixtures.item({ listPrice: '0.0125', standardCost: '0.005' });
    await fixtures.agreement(customer.id, bolts.id, '8.50', { breaks: [['100', '8.00']] });
    await fixtures.stock(west.id, bolts.id, '10');
    await fixtures.stock(east.id, bolts.id, '100');
    await fixtures.stock(east.id, nuts.id, '10');
    await fixtures.stock(west.id, washers.id, '1000');
    await expectAnswerIsStoredOrder(
      await orders.submit(
        orderBody(customer.id, [
          { sku: bolts.sku, quantity: '2', uom: 'CS', requestedUnitPrice: '102.00' },
          { sku: nuts.sku, quantity: '5' },
          { sku: washers.sku, quantity: '333' },
        ]),
      ),
    );
  });

  it('for a partly backordered order and for a substituted line', async () => {
    const backorders = await fixtures.customer({ allowBackorders: true });
    const short = await fixtures.item();
    await fixtures.stock(west.id, short.id, '3');
    await expectAnswerIsStoredOrder(
      await orders.submit(orderBody(backorders.id, [{ sku: short.sku, quantity: '5' }])),
    );

    const substitutes = await fixtures.customer({
      allowSubstitutions: true,
      allowBackorders: false,
    });
    const ordered = await fixtures.item();
    const substitute = await fixtures.item();
    await fixtures.substitute(ordered.id, substitute.id);
    await fixtures.stock(east.id, substitute.id, '40');
    await expectAnswerIsStoredOrder(
      await orders.submit(orderBody(substitutes.id, [{ sku: ordered.sku, quantity: '12' }])),
    );
  });

  it('for held orders: credit and pricing holds with their tasks, and an inventory hold', async () => {
    const strict = await fixtures.customer({ creditLimit: '10', priceTolerancePercent: '1' });
    const item = await fixtures.item({ listPrice: '10.00', standardCost: '6.00' });
    await fixtures.stock(west.id, item.id, '100');
    await expectAnswerIsStoredOrder(
      await orders.submit(
        orderBody(strict.id, [{ sku: item.sku, quantity: '10', requestedUnitPrice: '5.00' }]),
      ),
    );

    const noShortages = await fixtures.customer({
      allowBackorders: false,
      allowSubstitutions: false,
    });
    const scarce = await fixtures.item();
    await fixtures.stock(west.id, scarce.id, '3');
    await expectAnswerIsStoredOrder(
      await orders.submit(orderBody(noShortages.id, [{ sku: scarce.sku, quantity: '10' }])),
    );
  });

  it('for a rejected order and for a revision of a held one', async () => {
    const blocked = await fixtures.customer({ status: 'blocked' });
    const item = await fixtures.item();
    await fixtures.stock(west.id, item.id, '100');
    await expectAnswerIsStoredOrder(
      await orders.submit(orderBody(blocked.id, [{ sku: item.sku, quantity: '4' }])),
    );

    const strict = await fixtures.customer({ creditLimit: '1' });
    const held = await orders.submit(orderBody(strict.id, [{ sku: item.sku, quantity: '1' }]));
    await expectAnswerIsStoredOrder(
      await orders.submit(
        orderBody(strict.id, [{ sku: item.sku, quantity: '2' }], {
          externalPoNumber: held.body.externalPoNumber,
          replacesOrderId: held.body.id,
        }),
      ),
    );
  });
});
