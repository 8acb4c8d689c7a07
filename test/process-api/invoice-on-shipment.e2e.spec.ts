import { InvoiceOnShipment } from '@o2c/process-api';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BillingFixtures, type BillingOrder } from '../factories/billing.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('Invoice on shipment (InvoiceOnShipment in the shipment transaction)', () => {
  let gateway: TestGateway;
  let client: Client;
  let fixtures: BillingFixtures;
  let invoicing: InvoiceOnShipment;
  let dataSource: DataSource;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new Client({ connectionString: gateway.database.url });
    await client.connect();
    fixtures = new BillingFixtures(client);
    invoicing = gateway.app.get(InvoiceOnShipment);
    dataSource = gateway.app.get(DataSource);
  });

  afterAll(async () => {
    await client.end();
    await gateway.close();
  });

  const issue = (shipmentId: string, now = new Date()) =>
    dataSource.transaction((manager) => invoicing.issueForShipment(manager, shipmentId, now));

  async function invoiceRow(id: string) {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT series, invoice_number::text AS number, customer_id, order_id, shipment_id, currency,
              issue_date::text AS issue_date, due_date::text AS due_date, payment_terms,
              discount_deadline::text AS discount_deadline, discount_percent::text AS discount_percent,
              subtotal::text AS subtotal, tax_total::text AS tax_total, freight::text AS freight,
              total::text AS total, open_balance::text AS open_balance, status, tax_region,
              shipped_to_invoiced_ms::text AS latency
         FROM invoices WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async function invoiceLines(id: string) {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT line_number, order_line_id, quantity::text AS quantity, unit_price::text AS unit_price,
              line_net::text AS line_net, tax::text AS tax, line_total::text AS line_total,
              tax_rate_percent::text AS tax_rate
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_number`,
      [id],
    );
    return rows;
  }

  it('bills what shipped at contract prices, with regional tax, freight and the terms', async () => {
    const order = await fixtures.order({
      paymentTerms: '2/10 NET30',
      lines: [
        { uom: 'CS', quantity: '10', unitPrice: '123.4567' },
        { uom: 'EA', quantity: '7', unitPrice: '0.3333' },
      ],
    });
    const shipmentId = await fixtures.shipment(order, {
      freight: '15.50',
      shippedAt: new Date('2031-03-05T10:00:00.000Z'),
      lines: [
        { orderLineId: order.lines[0].id, baseQuantity: '24', lot: 'L1' },
        { orderLineId: order.lines[0].id, baseQuantity: '12', lot: 'L2' },
        { orderLineId: order.lines[1].id, baseQuantity: '7' },
      ],
    });

    const issued = await issue(shipmentId, new Date('2031-03-05T10:00:01.250Z'));

    expect(issued).toEqual({
      invoiceId: expect.any(String),
      invoiceNumber: expect.stringMatching(/^INV-\d{8}$/),
      series: 'INV',
      total: '415.22',
      currency: 'USD',
    });
    // 3 CS x 123.4567 = 370.3701 -> 370.37, tax 7.25 % = 26.851 -> 26.85;
    // 7 EA x 0.3333 = 2.3331 -> 2.33, tax 0.168925 -> 0.17; freight 15.50 untaxed.
    expect(await invoiceLines(issued.invoiceId)).toEqual([
      expect.objectContaining({
        line_number: 1,
        order_line_id: order.lines[0].id,
        quantity: '3.0000',
        unit_price: '123.4567',
        line_net: '370.3700',
        tax: '26.8500',
        line_total: '397.2200',
        tax_rate: '7.2500',
      }),
      expect.objectContaining({
        line_number: 2,
        quantity: '7.0000',
        line_net: '2.3300',
        tax: '0.1700',
        line_total: '2.5000',
      }),
    ]);
    expect(await invoiceRow(issued.invoiceId)).toEqual(
      expect.objectContaining({
        series: 'INV',
        customer_id: order.customerId,
        order_id: order.orderId,
        shipment_id: shipmentId,
        issue_date: '2031-03-05',
        due_date: '2031-04-04',
        payment_terms: '2/10 NET30',
        discount_deadline: '2031-03-15',
        discount_percent: '2.0000',
        subtotal: '372.7000',
        tax_total: '27.0200',
        freight: '15.5000',
        total: '415.2200',
        open_balance: '415.2200',
        status: 'issued',
        tax_region: 'US-WEST',
        latency: '1250',
      }),
    );
  });

  it('bills partial shipments of one line separately and never the same shipment twice', async () => {
    const order = await fixtures.order({
      lines: [{ uom: 'CS', quantity: '5', unitPrice: '10.005' }],
    });
    const first = await fixtures.shipment(order, {
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '24' }],
    });
    const second = await fixtures.shipment(order, {
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '12' }],
    });
    const a = await issue(first);
    const b = await issue(second);
    expect(Number(b.invoiceNumber.slice(4))).toBe(Number(a.invoiceNumber.slice(4)) + 1);
    // 2 CS x 10.005 = 20.01; 1 CS = 10.005 -> 10.01 (half away from zero, once per line)
    expect((await invoiceLines(a.invoiceId))[0]).toEqual(
      expect.objectContaining({ quantity: '2.0000', line_net: '20.0100' }),
    );
    expect((await invoiceLines(b.invoiceId))[0]).toEqual(
      expect.objectContaining({ quantity: '1.0000', line_net: '10.0100' }),
    );

    const before = await fixtures.tableCounts();
    await expect(issue(first)).rejects.toMatchObject({
      code: 'INVOICE.ALREADY_ISSUED',
      status: 409,
    });
    expect(await fixtures.tableCounts()).toEqual(before);
  });

  it('refuses an unconfirmed shipment, one that is not a whole ordered unit, and an unknown one', async () => {
    const order = await fixtures.order({ lines: [{ uom: 'CS', quantity: '5', unitPrice: '10' }] });
    const unconfirmed = await fixtures.shipment(order, {
      shippedAt: null,
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '12' }],
    });
    const halfCase = await fixtures.shipment(order, {
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '6' }],
    });
    const before = await fixtures.tableCounts();
    const { rows } = await client.query<{ next: string }>(
      `SELECT next_number::text AS next FROM invoice_number_series WHERE series = 'INV'`,
    );

    await expect(issue(unconfirmed)).rejects.toMatchObject({
      code: 'INVOICE.SHIPMENT_NOT_SHIPPED',
      status: 409,
    });
    await expect(issue(halfCase)).rejects.toMatchObject({
      code: 'INVOICE.NOT_BILLABLE',
      status: 422,
      errors: [expect.objectContaining({ rule: 'UOM.FRACTION_NOT_ALLOWED' })],
    });
    await expect(issue('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'INVOICE.SHIPMENT_NOT_FOUND',
      status: 422,
    });
    expect(await fixtures.tableCounts()).toEqual(before);
    const after = await client.query<{ next: string }>(
      `SELECT next_number::text AS next FROM invoice_number_series WHERE series = 'INV'`,
    );
    expect(after.rows[0].next).toBe(rows[0].next);
  });

  it('never bills an order line beyond what confirmed shipments carried', async () => {
    const order = await fixtures.order({ lines: [{ uom: 'EA', quantity: '10', unitPrice: '2' }] });
    const shipmentId = await fixtures.shipment(order, {
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '4' }],
    });
    // An earlier shipment billed 4, then its confirmed quantity was corrected down to 1:
    // billing 4 more would put 8 on the line against 5 shipped.
    const earlier = await fixtures.shipment(order, {
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '4' }],
    });
    await issue(earlier);
    await client.query(`UPDATE shipment_lines SET quantity = 1 WHERE shipment_id = $1`, [earlier]);
    await expect(issue(shipmentId)).rejects.toMatchObject({
      code: 'INVOICE.NOT_BILLABLE',
      errors: [expect.objectContaining({ rule: 'INVOICE.EXCEEDS_SHIPPED' })],
    });
  });

  it('numbers invoices issued concurrently gap-free and uniquely in one series', async () => {
    const orders: BillingOrder[] = [];
    const shipmentIds: string[] = [];
    for (let index = 0; index < 60; index += 1) {
      const order = await fixtures.order({
        lines: [{ uom: 'EA', quantity: '3', unitPrice: '1.25' }],
      });
      orders.push(order);
      shipmentIds.push(
        await fixtures.shipment(order, {
          lines: [{ orderLineId: order.lines[0].id, baseQuantity: '3' }],
        }),
      );
    }
    const { rows } = await client.query<{ next: string }>(
      `SELECT next_number::text AS next FROM invoice_number_series WHERE series = 'INV'`,
    );
    const first = Number(rows[0].next);

    const started = performance.now();
    const issued = await Promise.all(shipmentIds.map((id) => issue(id)));
    const seconds = (performance.now() - started) / 1000;

    const numbers = issued
      .map((invoice) => Number(invoice.invoiceNumber.slice(4)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, index) => first + index));
    const stored = await client.query<{ n: string }>(
      `SELECT invoice_number::text AS n FROM invoices WHERE shipment_id = ANY($1::uuid[])`,
      [shipmentIds],
    );
    expect(new Set(stored.rows.map((row) => row.n)).size).toBe(60);
    process.stdout.write(
      `invoice on shipment: 60 concurrent invoices in ${seconds.toFixed(2)} s (${Math.round(60 / seconds)}/s)\n`,
    );
  });

  it('writes the invoice.issued event and outbox message with the invoice', async () => {
    const order = await fixtures.order({
      lines: [{ uom: 'EA', quantity: '2', unitPrice: '9.99' }],
    });
    const shipmentId = await fixtures.shipment(order, {
      lines: [{ orderLineId: order.lines[0].id, baseQuantity: '2' }],
    });
    const issued = await issue(shipmentId);
    const events = await client.query<{ activity: string; actor: string; related: unknown }>(
      `SELECT activity, actor, related_objects AS related FROM process_events
        WHERE object_type = 'invoice' AND object_id = $1`,
      [issued.invoiceId],
    );
    expect(events.rows).toEqual([
      {
        activity: 'invoice.issued',
        actor: 'system:invoicing',
        related: expect.arrayContaining([
          { type: 'shipment', id: shipmentId, qualifier: 'bills' },
          { type: 'order', id: order.orderId, qualifier: 'bills' },
        ]),
      },
    ]);
    const outbox = await client.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages WHERE aggregate_type = 'invoice' AND aggregate_id = $1
          AND event_type = 'invoice.issued'`,
      [issued.invoiceId],
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0].payload).toEqual(
      expect.objectContaining({
        invoiceNumber: issued.invoiceNumber,
        total: '21.43',
        currency: 'USD',
        lines: [
          expect.objectContaining({ quantity: '2', uom: 'EA', lineNet: '19.98', tax: '1.45' }),
        ],
      }),
    );
  });
});
