import { DataSource } from 'typeorm';
import { OrderIntakeFixtures, type TradingAccount } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { insertSalesGraph } from '../factories/sales-records.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { OrderProcessClient } from './order-process.client';

const ids = (page: { items: { id: string }[] }) => page.items.map((order) => order.id);

/** Reading orders in the flow: the detail with its ETag, and lists by the work people do. */
describe('process API: order reads and lists', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;
  let orders: OrderProcessClient;
  let customer: TradingAccount;
  const placed: Record<string, string> = {};

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
    orders = new OrderProcessClient(gateway);
    const warehouse = await fixtures.warehouse(['US-WEST']);
    customer = await fixtures.customer({ creditLimit: '500' });
    const item = await fixtures.item({ listPrice: '10.00' });
    const outOfStock = await fixtures.item({ listPrice: '10.00' });
    await fixtures.agreement(customer.id, item.id, '10.00');
    await fixtures.stock(warehouse.id, item.id, '1000');
    const submit = async (name: string, lines: Record<string, unknown>[], channel = 'portal') => {
      const response = await orders.submit(orderBody(customer.id, lines, { channel }));
      expect(response.status).toBe(201);
      placed[name] = response.body.id;
    };
    await submit('old', [{ sku: item.sku, quantity: '1' }], 'edi');
    await submit('released', [{ sku: item.sku, quantity: '2' }]);
    await submit('pricing', [{ sku: item.sku, quantity: '1', requestedUnitPrice: '1.00' }], 'edi');
    await submit('credit', [{ sku: item.sku, quantity: '100' }], 'partner_api');
    // The order on credit hold still counts against the limit: a higher one lets the last in.
    await fixtures.client.query('UPDATE customers SET credit_limit = 2000 WHERE id = $1', [
      customer.id,
    ]);
    await submit('waiting', [{ sku: outOfStock.sku, quantity: '1' }]);
    // Three days old: the aging filters find it.
    await fixtures.client.query(
      `UPDATE sales_orders SET created_at = now() - interval '3 days' WHERE id = $1`,
      [placed.old],
    );
  });
  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  it('reads an order with its ETag; another id is not found', async () => {
    const response = await orders.get(placed.credit);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`"${response.body.version}"`);
    expect(response.body).toMatchObject({
      id: placed.credit,
      customerId: customer.id,
      channel: 'partner_api',
    });
    const missing = await orders.get('0b8f3c52-3a3e-4a8e-9d57-6f7d1f0a0042');
    expect(missing.status).toBe(404);
  });

  it('reads orders written by other processes (shipped lines, manual holds) on contract', async () => {
    const graph = await insertSalesGraph(gateway.app.get(DataSource));
    const response = await orders.get(graph.order.id);
    expect(response.status).toBe(200);
    expect(response.body.lines).toMatchObject([
      { status: 'shipped', x12StatusCode: null, quantityShipped: '10' },
      { status: 'accepted', x12StatusCode: 'IA' },
    ]);
    expect(response.body.holds.map((hold: { status: string }) => hold.status)).toEqual(
      expect.arrayContaining(['open', 'released']),
    );
  });

  it('lists newest first with summaries, and pages by keyset', async () => {
    const all = await orders.list(`?customerId=${customer.id}`);
    expect(ids(all.body)).toEqual([
      placed.waiting,
      placed.credit,
      placed.pricing,
      placed.released,
      placed.old,
    ]);
    expect(all.body.items[1]).toMatchObject({
      status: 'on_hold',
      openHolds: ['credit'],
      lineCount: 1,
      total: { amount: '1000.00', currency: 'USD' },
      touchless: false,
    });

    const first = await orders.list(`?customerId=${customer.id}&limit=2`);
    expect(ids(first.body)).toEqual([placed.waiting, placed.credit]);
    const second = await orders.list(
      `?customerId=${customer.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    const third = await orders.list(
      `?customerId=${customer.id}&limit=2&cursor=${second.body.nextCursor}`,
    );
    expect([...ids(second.body), ...ids(third.body)]).toEqual([
      placed.pricing,
      placed.released,
      placed.old,
    ]);
    expect(third.body.nextCursor).toBeNull();
  });

  it.each([
    ['status', '&status=on_hold', ['credit', 'pricing']],
    ['several statuses', '&status=on_hold&status=validated', ['waiting', 'credit', 'pricing']],
    ['hold type', '&holdType=pricing', ['pricing']],
    ['channel', '&channel=edi', ['pricing', 'old']],
    ['age', '&olderThanHours=48', ['old']],
    ['created range', `&createdTo=${new Date(Date.now() - 86_400_000).toISOString()}`, ['old']],
  ])('filters by %s', async (_filter, query, expected) => {
    const response = await orders.list(`?customerId=${customer.id}${query}`);
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual(expected.map((name) => placed[name]));
  });

  it('400 for a reversed range, a tampered cursor and an unknown filter', async () => {
    const reversed = await orders.list(
      '?createdFrom=2026-03-02T00:00:00Z&createdTo=2026-03-01T00:00:00Z',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0]).toMatchObject({ path: '/query/createdTo', rule: 'range' });
    const tampered = await orders.list(`?cursor=${Buffer.from('["x",1]').toString('base64url')}`);
    expect(tampered.status).toBe(400);
    expect((await orders.list('?holdType=vip')).status).toBe(400);
    expect((await orders.list('?colour=red')).status).toBe(400);
  });
  it('lists the event timeline in sequence order, numerically (event 10 after event 9)', async () => {
    // The order's events straddle 99 -> 100, where a text sort would put 100 first. (Last test:
    // it places one more order, which the list tests above do not expect.)
    await fixtures.client.query(`SELECT setval('process_events_sequence_seq', 97)`);
    const response = await orders.submit(
      orderBody(customer.id, [
        { sku: (await fixtures.item({ listPrice: '1.00' })).sku, quantity: '1' },
      ]),
    );
    const read = await orders.get(response.body.id);
    const sequences = (read.body.events as { sequence: string }[]).map((event) =>
      Number(event.sequence),
    );
    expect(sequences.length).toBeGreaterThan(1);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(sequences[0]).toBeLessThan(100);
    expect(sequences[sequences.length - 1]).toBeGreaterThanOrEqual(100);
  });
});
