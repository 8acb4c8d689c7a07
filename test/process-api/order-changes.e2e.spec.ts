import { Decimal } from '@o2c/domain';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

const activities = (order: { events: { activity: string }[] }) =>
  order.events.map((event) => event.activity);

/**
 * Cancelling before shipment returns exactly the stock the order held; changing before
 * release runs validation, pricing, credit and allocation again from scratch. Both are
 * conditional on the ETag and write nothing when refused.
 */
describe('process API: cancelling and changing orders', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let west: { id: string; code: string };
  let east: { id: string; code: string };
  let customer: TradingAccount;

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    west = await fixtures.warehouse(['US-WEST']);
    east = await fixtures.warehouse(['US-EAST']);
    customer = await fixtures.customer();
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  /** Stock in both warehouses, some of it (2 and 1) already allocated to other orders. */
  async function stockedItem(westStock: string, eastStock = '0') {
    const item = await fixtures.item();
    await fixtures.stock(west.id, item.id, westStock, Number(westStock) >= 2 ? '2' : '0');
    await fixtures.stock(east.id, item.id, eastStock, Number(eastStock) >= 1 ? '1' : '0');
    return item;
  }

  describe('cancellation', () => {
    it('returns exactly the stock the order held, in every warehouse, and tells them', async () => {
      const bolts = await stockedItem('6', '50');
      const nuts = await stockedItem('10');
      const placed = await orders.submit(
        orderBody(customer.id, [
          { sku: bolts.sku, quantity: '10' },
          { sku: nuts.sku, quantity: '3' },
        ]),
      );
      expect(placed.body.status).toBe('released');
      expect(await fixtures.balance(west.id, bolts.id)).toMatchObject({ allocated: '6.0000' });
      expect(await fixtures.balance(east.id, bolts.id)).toMatchObject({ allocated: '7.0000' });

      const cancelled = await orders.cancel(placed.body.id, placed.headers.etag, 'PO withdrawn');

      expect(cancelled.status).toBe(200);
      expect(cancelled.headers.etag).not.toBe(placed.headers.etag);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'PO withdrawn' });
      expect(cancelled.body.lines).toMatchObject([
        { status: 'cancelled', quantityAllocated: '0', x12StatusCode: null },
        { status: 'cancelled', quantityAllocated: '0' },
      ]);
      expect(cancelled.body.allocations.map((a: { status: string }) => a.status)).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
      expect(await fixtures.balance(west.id, bolts.id)).toEqual({
        onHand: '6.0000',
        allocated: '2.0000',
      });
      expect(await fixtures.balance(east.id, bolts.id)).toEqual({
        onHand: '50.0000',
        allocated: '1.0000',
      });
      expect(await fixtures.balance(west.id, nuts.id)).toEqual({
        onHand: '10.0000',
        allocated: '2.0000',
      });
      for (const allocation of cancelled.body.allocations) {
        const ledger = await fixtures.movements(`allocation:${allocation.id}`);
        expect(ledger.map((movement) => movement.type).sort()).toEqual(['allocation', 'release']);
        expect(new Set(ledger.map((movement) => movement.quantity)).size).toBe(1);
      }
      const messages = await fixtures.outbox(placed.body.id);
      expect(messages.at(-1)).toMatchObject({
        eventType: 'order.cancelled',
        payload: { reason: 'PO withdrawn' },
      });
      expect(new Set(messages.at(-1)?.payload.warehouses as string[])).toEqual(
        new Set([west.id, east.id]),
      );
      expect(activities(cancelled.body).slice(-2)).toEqual([
        'order.stock_returned',
        'order.cancelled',
      ]);
      // It reached release with no person acting; cancelling it later does not undo that.
      expect(cancelled.body.touchless).toBe(true);
    });

    it('closes the holds and cancels the tasks of a held order', async () => {
      const strict = await fixtures.customer({ creditLimit: '1' });
      const item = await stockedItem('10');
      const held = await orders.submit(orderBody(strict.id, [{ sku: item.sku, quantity: '1' }]));
      const cancelled = await orders.cancel(held.body.id, held.headers.etag);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', touchless: false });
      expect(cancelled.body.holds).toMatchObject([
        { status: 'released', resolutionComment: 'order cancelled: customer request' },
      ]);
      expect(cancelled.body.tasks).toMatchObject([{ status: 'cancelled' }]);
    });

    it('428 without If-Match, 412 with a stale one, 409 once something shipped: nothing changes', async () => {
      const item = await stockedItem('10');
      const placed = await orders.submit(
        orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]),
      );
      const before = await fixtures.writeCounts();

      const unconditional = await orders.cancel(placed.body.id, undefined);
      expect(unconditional.status).toBe(428);
      const stale = await orders.cancel(placed.body.id, '"99"');
      expect(stale.status).toBe(412);
      await fixtures.client.query(
        `UPDATE sales_orders SET status = 'partially_shipped' WHERE id = $1`,
        [placed.body.id],
      );
      const shipped = await orders.cancel(placed.body.id, placed.headers.etag);
      expect(shipped.status).toBe(409);
      expect(shipped.body).toMatchObject({
        code: 'ORDER.NOT_CANCELLABLE',
        orderStatus: 'partially_shipped',
      });
      expect(await fixtures.writeCounts()).toEqual(before);
      const missing = await orders.cancel('0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0009', '"1"');
      expect(missing.status).toBe(404);
    });
  });

  describe('change before release', () => {
    it('re-decides a held order: smaller quantity fits the credit limit, so it is released', async () => {
      const strict = await fixtures.customer({ creditLimit: '50' });
      const item = await stockedItem('100');
      const held = await orders.submit(orderBody(strict.id, [{ sku: item.sku, quantity: '10' }]));
      expect(held.body.status).toBe('on_hold');

      const changed = await orders.change(held.body.id, held.headers.etag, {
        lines: [{ lineNumber: 1, quantity: '4' }],
      });

      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        status: 'released',
        revision: 2,
        touchless: false,
        totals: { total: { amount: '40.00' } },
      });
      expect(changed.body.lines).toMatchObject([
        { lineNumber: 1, quantity: '4', status: 'accepted', item: { id: item.id } },
      ]);
      expect(changed.body.holds).toMatchObject([
        { status: 'released', resolutionComment: 'superseded by a change' },
      ]);
      expect(changed.body.tasks).toMatchObject([{ status: 'cancelled' }]);
      expect(activities(changed.body).slice(3)).toEqual([
        'hold.released',
        'order.approved',
        'order.changed',
        'order.revalidated',
        'order.allocated',
        'order.released',
      ]);
      expect(await fixtures.balance(west.id, item.id)).toMatchObject({ allocated: '6.0000' });
    });

    it('adds and removes lines and moves the ship-to, then allocates from scratch', async () => {
      const waiting = await fixtures.item();
      const removed = await fixtures.item();
      const added = await stockedItem('0', '30');
      const placed = await orders.submit(
        orderBody(customer.id, [
          { sku: waiting.sku, quantity: '5' },
          { sku: removed.sku, quantity: '2' },
        ]),
      );
      expect(placed.body.status).toBe('validated');
      await fixtures.stock(east.id, waiting.id, '8');

      const changed = await orders.change(placed.body.id, placed.headers.etag, {
        shipToCode: 'EAST',
        requestedDate: '2027-01-15',
        lines: [
          { lineNumber: 1, quantity: '6' },
          { sku: added.sku, quantity: '1', uom: 'CS' },
        ],
      });

      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        status: 'released',
        shipToId: customer.shipTos.east,
        requestedDate: '2027-01-15',
      });
      expect(changed.body.lines).toMatchObject([
        { lineNumber: 1, status: 'accepted', quantity: '6', quantityAllocated: '6' },
        { lineNumber: 2, status: 'cancelled', lineTotal: { amount: '0.00' } },
        { lineNumber: 3, status: 'accepted', item: { id: added.id }, baseQuantity: '12' },
      ]);
      expect(changed.body.totals.total.amount).toBe('180.00');
      // The line totals add up to the order's: a line removed bills nothing.
      const lineTotals = (changed.body.lines as { lineTotal: { amount: string } }[]).map(
        (line) => line.lineTotal.amount,
      );
      expect(Decimal.sum(...lineTotals).toFixed(2)).toBe('180.00');
      expect(changed.body.allocations).toMatchObject([
        { lineNumber: 1, warehouseId: east.id, quantity: '6' },
        { lineNumber: 3, warehouseId: east.id, quantity: '12' },
      ]);
    });

    it('returns the stock an order held before allocating it again', async () => {
      const item = await stockedItem('20');
      const placed = await orders.submit(
        orderBody(customer.id, [{ sku: item.sku, quantity: '10' }]),
      );
      // A manual hold stopped the order before it reached the warehouse (no API writes one yet).
      await fixtures.client.query(`UPDATE sales_orders SET status = 'on_hold' WHERE id = $1`, [
        placed.body.id,
      ]);
      await fixtures.client.query(
        `INSERT INTO order_holds (order_id, type, reason_code) VALUES ($1, 'manual', 'MANUAL.REVIEW')`,
        [placed.body.id],
      );
      const current = await orders.get(placed.body.id);

      const changed = await orders.change(placed.body.id, current.headers.etag, {
        lines: [{ lineNumber: 1, quantity: '4' }],
      });

      expect(changed.body.status).toBe('released');
      expect(
        changed.body.allocations.map((a: { quantity: string; status: string }) => [
          a.quantity,
          a.status,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['10', 'cancelled'],
          ['4', 'released'],
        ]),
      );
      expect(await fixtures.balance(west.id, item.id)).toEqual({
        onHand: '20.0000',
        allocated: '6.0000',
      });
    });

    it('refuses a released order (409), an unknown line (422), a bad quantity (400), a stale ETag (412)', async () => {
      const item = await stockedItem('10');
      const released = await orders.submit(
        orderBody(customer.id, [{ sku: item.sku, quantity: '1' }]),
      );
      const waiting = await orders.submit(
        orderBody(customer.id, [{ sku: (await fixtures.item()).sku, quantity: '1' }]),
      );
      const before = await fixtures.writeCounts();

      const late = await orders.change(released.body.id, released.headers.etag, {
        requestedDate: '2027-02-01',
      });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'ORDER.NOT_CHANGEABLE', orderStatus: 'released' });
      const unknown = await orders.change(waiting.body.id, waiting.headers.etag, {
        lines: [{ lineNumber: 7, quantity: '1' }],
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors[0]).toMatchObject({ path: '/body/lines/0/lineNumber' });
      const fraction = await orders.change(waiting.body.id, waiting.headers.etag, {
        lines: [{ lineNumber: 1, quantity: '0.5' }],
      });
      expect(fraction.status).toBe(400);
      expect(fraction.body.errors[0]).toMatchObject({ path: '/body/lines/0/quantity' });
      const stale = await orders.change(waiting.body.id, '"42"', { requestedDate: '2027-02-01' });
      expect(stale.status).toBe(412);
      const empty = await orders.change(waiting.body.id, waiting.headers.etag, {});
      expect(empty.status).toBe(400);
      expect(await fixtures.writeCounts()).toEqual(before);
    });
  });
});
