import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { salesRep } from '../governance/ownership-accounts.fixture';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody, uniquePoNumber } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

/**
 * Refusals write nothing: every bad input names its field and rule, duplicate PO numbers
 * link the order that holds them, revisions replace their predecessor, and a sales rep
 * cannot see or place orders outside their accounts.
 */
describe('process API: order intake refusals, duplicates and revisions', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let customer: TradingAccount;
  let item: { id: string; sku: string };

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    const warehouse = await fixtures.warehouse(['US-WEST']);
    customer = await fixtures.customer();
    item = await fixtures.item({ conversions: { CS: '12' } });
    await fixtures.stock(warehouse.id, item.id, '1000');
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  /** Submits, expects the refusal, and proves nothing was written. */
  async function refused(body: Record<string, unknown>, status: number): Promise<Response> {
    const before = await fixtures.writeCounts();
    const response = await orders.submit(body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(await fixtures.writeCounts()).toEqual(before);
    return response;
  }

  const line = (overrides: Record<string, unknown> = {}) => ({
    sku: item.sku,
    quantity: '1',
    ...overrides,
  });

  it.each([
    [
      'a fraction of a countable unit',
      { quantity: '1.5' },
      '/body/lines/0/quantity',
      'UOM.FRACTION_NOT_ALLOWED',
    ],
    ['a zero quantity', { quantity: '0' }, '/body/lines/0/quantity', 'QUANTITY.NOT_POSITIVE'],
    ['a negative quantity', { quantity: '-1' }, '/body/lines/0/quantity', 'pattern'],
    [
      'more decimals than the contract allows',
      { quantity: '1.12345' },
      '/body/lines/0/quantity',
      'pattern',
    ],
    ['a number instead of a decimal string', { quantity: 5 }, '/body/lines/0/quantity', 'type'],
    ['an unknown unit', { uom: 'BAG' }, '/body/lines/0/uom', 'UOM.UNKNOWN'],
    ['a unit the item is not sold in', { uom: 'BX' }, '/body/lines/0/uom', 'UOM.NOT_CONVERTIBLE'],
    [
      'a price with too many decimals',
      { requestedUnitPrice: '1.00001' },
      '/body/lines/0/requestedUnitPrice',
      'pattern',
    ],
  ])('400 for %s, naming the field', async (_case, overrides, path, rule) => {
    const response = await refused(orderBody(customer.id, [line(overrides)]), 400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path, rule })]);
  });

  it('400 naming the second line when a SKU is ordered twice', async () => {
    const other = await fixtures.item();
    const response = await refused(
      orderBody(customer.id, [line(), { sku: other.sku, quantity: '1' }, line({ quantity: '2' })]),
      400,
    );
    expect(response.body).toMatchObject({
      code: 'ORDER.DUPLICATE_ITEM',
      errors: [{ path: '/body/lines/2/sku', rule: 'ORDER.DUPLICATE_ITEM' }],
    });
  });

  it('400 when a customer item number names an item another line orders by SKU', async () => {
    await fixtures.customerItem(customer.id, item.id, 'DUP-REF');
    const response = await refused(
      orderBody(customer.id, [line(), { customerItemNumber: 'DUP-REF', quantity: '1' }]),
      400,
    );
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: '/body/lines/1/customerItemNumber',
        rule: 'ORDER.DUPLICATE_ITEM',
      }),
    ]);
  });

  it('400 for a line naming its item twice or not at all, and without a ship-to', async () => {
    const both = await refused(orderBody(customer.id, [line({ customerItemNumber: 'X-1' })]), 400);
    expect(both.body.errors[0]).toMatchObject({ path: '/body/lines/0/customerItemNumber' });
    const neither = await refused(orderBody(customer.id, [{ quantity: '1' }]), 400);
    expect(neither.body.errors[0]).toMatchObject({
      path: '/body/lines/0/sku',
      rule: 'ORDER.ITEM_REQUIRED',
    });
    const body = orderBody(customer.id, [line()]);
    delete body.shipToCode;
    const noShipTo = await refused(body, 400);
    expect(noShipTo.body.errors[0]).toMatchObject({
      path: '/body/shipToId',
      rule: 'ORDER.SHIP_TO_REQUIRED',
    });
  });

  it('400 naming /body/lines for 10,000 lines (maxItems 500) and for none', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) => ({
      sku: `SKU-${index}`,
      quantity: '1',
    }));
    const response = await refused(orderBody(customer.id, many), 400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '/body/lines', rule: 'maxItems' }),
    ]);
    const none = await refused(orderBody(customer.id, []), 400);
    expect(none.body.errors).toEqual([
      expect.objectContaining({ path: '/body/lines', rule: 'minItems' }),
    ]);
  });

  it('422 for an unknown SKU, naming that line', async () => {
    const response = await refused(
      orderBody(customer.id, [line(), { sku: 'NO-SUCH-SKU', quantity: '1' }]),
      422,
    );
    expect(response.body).toMatchObject({
      code: 'ORDER.UNKNOWN_SKU',
      errors: [{ path: '/body/lines/1/sku', rule: 'ORDER.UNKNOWN_SKU' }],
    });
  });

  it('422 for an item that is not sellable and for an unknown customer item number', async () => {
    const retired = await fixtures.item({ sellable: false });
    const response = await refused(
      orderBody(customer.id, [{ sku: retired.sku, quantity: '1' }]),
      422,
    );
    expect(response.body.errors[0]).toMatchObject({
      path: '/body/lines/0/sku',
      rule: 'ORDER.ITEM_NOT_SELLABLE',
    });
    const unknown = await refused(
      orderBody(customer.id, [{ customerItemNumber: 'NOT-REGISTERED', quantity: '1' }]),
      422,
    );
    expect(unknown.body.errors[0]).toMatchObject({
      path: '/body/lines/0/customerItemNumber',
      rule: 'ORDER.UNKNOWN_CUSTOMER_ITEM',
    });
  });

  it('422 for references that do not resolve: customer, ship-to, currency, price', async () => {
    const ghost = await refused(orderBody('0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0001', [line()]), 422);
    expect(ghost.body.errors[0]).toMatchObject({ path: '/body/customerId' });
    const shipTo = await refused(orderBody(customer.id, [line()], { shipToCode: 'NOPE' }), 422);
    expect(shipTo.body.errors[0]).toMatchObject({
      path: '/body/shipToCode',
      rule: 'ORDER.SHIP_TO_NOT_FOUND',
    });
    const currency = await refused(orderBody(customer.id, [line()], { currency: 'EUR' }), 422);
    expect(currency.body.errors[0]).toMatchObject({
      path: '/body/currency',
      rule: 'ORDER.CURRENCY_MISMATCH',
    });
    const canadian = await fixtures.customer({ currency: 'CAD' });
    const noPrice = await refused(orderBody(canadian.id, [line()]), 422);
    expect(noPrice.body.errors[0]).toMatchObject({
      path: '/body/lines/0/sku',
      rule: 'ORDER.NO_PRICE_IN_CURRENCY',
    });
  });

  it('409 with a link to the order holding the PO number, whatever the channel', async () => {
    const po = uniquePoNumber();
    const first = await orders.submit(orderBody(customer.id, [line()], { externalPoNumber: po }));
    expect(first.status).toBe(201);

    const again = await refused(
      orderBody(customer.id, [line({ quantity: '3' })], { externalPoNumber: po, channel: 'edi' }),
      409,
    );
    expect(again.body).toMatchObject({
      code: 'ORDER.DUPLICATE_PO',
      existingOrder: {
        id: first.body.id,
        orderNumber: first.body.orderNumber,
        status: 'released',
        href: `/process/v1/orders/${first.body.id}`,
      },
    });
    // Another customer's PO numbers are their own.
    const other = await fixtures.customer();
    const theirs = await orders.submit(orderBody(other.id, [line()], { externalPoNumber: po }));
    expect(theirs.status).toBe(201);
  });

  it('honours Idempotency-Key: a repeat returns the same order, a missing key is refused', async () => {
    const body = orderBody(customer.id, [line()]);
    const send = (key?: string) => {
      const request = gateway.http().post('/process/v1/orders');
      if (key !== undefined) void request.set('idempotency-key', key);
      return request.send(body);
    };
    const key = `intake-${uniquePoNumber()}`;
    const first = gateway.expectContract('submitOrder', await send(key));
    const before = await fixtures.writeCounts();
    const repeat = gateway.expectContract('submitOrder', await send(key));
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
    expect(await fixtures.writeCounts()).toEqual(before);
    const keyless = gateway.expectContract('submitOrder', await send());
    expect(keyless.status).toBe(400);
    expect(await fixtures.writeCounts()).toEqual(before);
  });

  it('keeps Idempotency-Keys per consumer: the same key from another caller is its own order', async () => {
    const key = `shared-${uniquePoNumber()}`;
    const submit = (agent: ReturnType<typeof gateway.http>, body: Record<string, unknown>) =>
      agent.post('/process/v1/orders').set('idempotency-key', key).send(body);
    const [adminBody, repBody] = [
      orderBody(customer.id, [line()]),
      orderBody(customer.id, [line()]),
    ];
    const repToken = salesRep(gateway, [customer.id]);
    const admin = gateway.expectContract('submitOrder', await submit(gateway.http(), adminBody));
    const rep = gateway.expectContract('submitOrder', await submit(gateway.as(repToken), repBody));
    expect([admin.status, rep.status]).toEqual([201, 201]);
    expect(rep.body.id).not.toBe(admin.body.id);
    expect(rep.headers['idempotent-replayed']).toBeUndefined();
    // Each caller's key still replays its own first answer.
    const again = await submit(gateway.as(repToken), repBody);
    expect(again.body.id).toBe(rep.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('revises an order before release: the predecessor is cancelled and both are linked', async () => {
    const strict = await fixtures.customer({ creditLimit: '1' });
    const po = uniquePoNumber();
    const held = await orders.submit(orderBody(strict.id, [line()], { externalPoNumber: po }));
    expect(held.body.status).toBe('on_hold');

    const revision = await orders.submit(
      orderBody(strict.id, [line({ quantity: '2' })], {
        externalPoNumber: po,
        replacesOrderId: held.body.id,
        channel: 'partner_api',
      }),
    );
    expect(revision.status).toBe(201);
    expect(revision.body).toMatchObject({
      revision: 2,
      replacesOrderId: held.body.id,
      externalPoNumber: po,
      status: 'on_hold',
    });
    const predecessor = (await orders.get(held.body.id)).body;
    expect(predecessor).toMatchObject({
      status: 'cancelled',
      replacedByOrderId: revision.body.id,
      statusReason: `replaced by order ${revision.body.orderNumber}`,
    });
    expect(predecessor.holds).toMatchObject([{ status: 'released' }]);
    expect(predecessor.tasks).toMatchObject([{ status: 'cancelled' }]);
    expect(predecessor.events.map((event: { activity: string }) => event.activity)).toEqual(
      expect.arrayContaining(['order.cancelled', 'order.replaced']),
    );

    // The PO now belongs to the revision; the predecessor cannot be revised twice.
    const duplicate = await refused(orderBody(strict.id, [line()], { externalPoNumber: po }), 409);
    expect(duplicate.body.existingOrder.id).toBe(revision.body.id);
    const twice = await refused(
      orderBody(strict.id, [line()], { externalPoNumber: po, replacesOrderId: held.body.id }),
      409,
    );
    expect(twice.body).toMatchObject({
      code: 'ORDER.ALREADY_REVISED',
      existingOrder: { id: revision.body.id },
    });
  });

  it('409 naming the status when the order to revise was already released', async () => {
    const po = uniquePoNumber();
    const released = await orders.submit(
      orderBody(customer.id, [line()], { externalPoNumber: po }),
    );
    const response = await refused(
      orderBody(customer.id, [line()], { externalPoNumber: po, replacesOrderId: released.body.id }),
      409,
    );
    expect(response.body).toMatchObject({ code: 'ORDER.NOT_REVISABLE', orderStatus: 'released' });
  });

  it("keeps a sales rep to their accounts: another account's customer and orders are not found", async () => {
    const mine = await fixtures.customer();
    const theirs = await fixtures.customer();
    const rep = () => gateway.as(salesRep(gateway, [mine.id]));
    const theirOrder = await orders.submit(orderBody(theirs.id, [line()]));

    const placed = await orders.submit(
      orderBody(mine.id, [line()], { channel: 'field_sales' }),
      rep(),
    );
    expect(placed.status).toBe(201);

    const before = await fixtures.writeCounts();
    // Refused as a customer that does not exist, naming the field: the same code, status and
    // words for both, so the answer never tells whether another account's customer exists.
    const refusedForeign = await orders.submit(orderBody(theirs.id, [line()]), rep());
    const unknownId = randomUUID();
    const refusedUnknown = await orders.submit(orderBody(unknownId, [line()]), rep());
    expect(refusedForeign.status).toBe(422);
    expect(refusedForeign.body).toMatchObject({
      code: 'ORDER.CUSTOMER_NOT_FOUND',
      detail: `customer ${theirs.id} does not exist`,
      errors: [{ path: '/body/customerId', rule: 'ORDER.CUSTOMER_NOT_FOUND' }],
    });
    expect(refusedUnknown.status).toBe(refusedForeign.status);
    const bare = (body: Record<string, unknown>) => ({ ...body, detail: 0, requestId: 0 });
    expect(bare(refusedUnknown.body)).toEqual({
      ...bare(refusedForeign.body),
      errors: [
        { ...refusedForeign.body.errors[0], message: `customer ${unknownId} does not exist` },
      ],
    });
    expect(await fixtures.writeCounts()).toEqual(before);

    expect((await orders.get(theirOrder.body.id, rep())).status).toBe(404);
    expect((await orders.get(placed.body.id, rep())).status).toBe(200);
    const listed = await orders.list('', rep());
    expect(listed.body.items.map((order: { id: string }) => order.id)).toEqual([placed.body.id]);
    const filtered = await orders.list(`?customerId=${theirs.id}`, rep());
    expect(filtered.body.items).toEqual([]);

    const revising = await orders.submit(
      orderBody(mine.id, [line()], { replacesOrderId: theirOrder.body.id }),
      rep(),
    );
    expect(revising.status).toBe(422);
    expect(revising.body.errors[0]).toMatchObject({ path: '/body/replacesOrderId' });
  });
});
