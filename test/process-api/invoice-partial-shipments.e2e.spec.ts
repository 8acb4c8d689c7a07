import { randomUUID } from 'node:crypto';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { orderBody } from '../factories/order-submission.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { financeUser } from './credit-memo-api.client';

interface Money {
  amount: string;
  currency: string;
}
interface InvoiceLine {
  id: string;
  orderLineId: string;
  quantity: string;
  unitPrice: Money;
  lineNet: Money;
  tax: Money;
  lineTotal: Money;
  taxRatePercent: string;
  quantityCredited: string;
  amountCredited: Money;
}
interface Invoice {
  id: string;
  shipmentId: string;
  totals: { subtotal: Money; taxTotal: Money; freight: Money; total: Money };
  amountApplied: Money;
  amountCredited: Money;
  openBalance: Money;
  lines: InvoiceLine[];
}

/** Amounts in cents, as integers: the test adds up money without floats. */
const cents = (money: Money) => BigInt(money.amount.replace('.', ''));
/** round(quantity x price) to cents, half up, from decimal strings. */
function valueAtContractPrice(quantity: string, price: string): bigint {
  const scaled = (text: string) => {
    const [whole, fraction = ''] = text.split('.');
    return BigInt(whole + fraction.padEnd(4, '0'));
  };
  const product = scaled(quantity) * scaled(price); // 10^8
  return (product + 500_000n) / 1_000_000n;
}

describe('Invoice on shipment through the APIs: several partial shipments, a backorder, credits', () => {
  let gateway: TestGateway;
  let fixtures: OrderIntakeFixtures;

  beforeAll(async () => {
    gateway = await startTestGateway();
    fixtures = await OrderIntakeFixtures.connect(gateway.database.url);
  });

  afterAll(async () => {
    await fixtures.close();
    await gateway.close();
  });

  it('bills exactly what each shipment carried at contract price, once, and credits within it', async () => {
    const customer = await fixtures.customer({ allowBackorders: true });
    const warehouse = await fixtures.warehouse(['US-WEST']);
    const bearing = await fixtures.item({ conversions: { CS: '12' } });
    const washer = await fixtures.item();
    await fixtures.stock(warehouse.id, bearing.id, '60'); // 5 CS of the 8 ordered: 3 CS backordered
    await fixtures.stock(warehouse.id, washer.id, '100');
    await fixtures.agreement(customer.id, bearing.id, '123.4567');
    await fixtures.agreement(customer.id, washer.id, '0.3333');

    const submitted = gateway.expectContract(
      'submitOrder',
      await gateway
        .http()
        .post('/process/v1/orders')
        .set('idempotency-key', randomUUID())
        .send(
          orderBody(customer.id, [
            { sku: bearing.sku, quantity: '8', uom: 'CS' },
            { sku: washer.sku, quantity: '7', uom: 'EA' },
          ]),
        ),
    );
    expect(submitted.status).toBe(201);
    const order = submitted.body as {
      id: string;
      orderNumber: string;
      lines: { id: string; unitPrice: Money }[];
    };
    const prices = order.lines.map((line) => line.unitPrice.amount);

    // Three partial shipments; line 1 in cases (base EA), in two lots on the first.
    const shipments = [
      {
        lines: [
          { lineNumber: 1, quantity: '12', lot: 'L1' },
          { lineNumber: 1, quantity: '12', lot: 'L2' },
          { lineNumber: 2, quantity: '3' },
        ],
        freight: '12.40',
      },
      {
        lines: [
          { lineNumber: 1, quantity: '2', uom: 'CS' },
          { lineNumber: 2, quantity: '4' },
        ],
      },
      { lines: [{ lineNumber: 1, quantity: '12' }] },
    ];
    const shippedInOrderUnits = [
      ['2', '3'],
      ['2', '4'],
      ['1', '0'],
    ];
    const events: Record<string, unknown>[] = [];
    for (const [index, shipment] of shipments.entries()) {
      const event = {
        eventId: `WMS-${randomUUID()}`,
        type: 'shipped',
        occurredAt: new Date(Date.now() - (3 - index) * 1000).toISOString(),
        warehouseCode: warehouse.code,
        warehouseShipmentId: `ASN-${index + 1}-${randomUUID().slice(0, 8)}`,
        orderId: order.id,
        carrier: { scac: 'UPSN' },
        trackingNumber: `1Z${randomUUID().slice(0, 12)}`,
        lines: shipment.lines,
        ...(shipment.freight ? { freight: { amount: shipment.freight, currency: 'USD' } } : {}),
      };
      events.push(event);
      const response = await gateway.http().post('/process/v1/shipment-events').send(event);
      expect(response.status).toBe(200);
      expect(response.body.invoice).toEqual(
        expect.objectContaining({ invoiceNumber: expect.stringMatching(/^INV-/) }),
      );
    }
    // A re-delivered event is answered from the first time: no second invoice.
    const again = await gateway.http().post('/process/v1/shipment-events').send(events[0]);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);

    const list = gateway.expectContract(
      'listInvoices',
      await gateway.http().get(`/system/v1/invoices?orderId=${order.id}`),
    );
    const invoices = (list.body.items as Invoice[]).reverse(); // oldest first
    expect(invoices).toHaveLength(3);
    expect(new Set(invoices.map((invoice) => invoice.shipmentId)).size).toBe(3);

    // Quantities: per order line, what was invoiced is what shipped; nothing of the backorder.
    const invoicedPerLine = order.lines.map((line) =>
      invoices
        .flatMap((invoice) => invoice.lines)
        .filter((entry) => entry.orderLineId === line.id)
        .reduce((sum, entry) => sum + Number(entry.quantity), 0),
    );
    expect(invoicedPerLine).toEqual([5, 7]);

    // Value: each invoice bills its shipment at contract price, line by line, in cents.
    invoices.forEach((invoice, index) => {
      const expected = shippedInOrderUnits[index].reduce(
        (sum, quantity, line) =>
          quantity === '0' ? sum : sum + valueAtContractPrice(quantity, prices[line]),
        0n,
      );
      expect(cents(invoice.totals.subtotal)).toBe(expected);
      const nets = invoice.lines.reduce((sum, line) => sum + cents(line.lineNet), 0n);
      const taxes = invoice.lines.reduce((sum, line) => sum + cents(line.tax), 0n);
      expect(cents(invoice.totals.subtotal)).toBe(nets);
      expect(cents(invoice.totals.taxTotal)).toBe(taxes);
      expect(cents(invoice.totals.total)).toBe(nets + taxes + cents(invoice.totals.freight));
      invoice.lines.forEach((line) => {
        expect(line.taxRatePercent).toBe('7.25');
        expect(cents(line.tax)).toBe((cents(line.lineNet) * 725n + 5_000n) / 10_000n);
      });
    });
    expect(invoices[0].totals.freight.amount).toBe('12.40');

    // Credits: a return and a price correction, never beyond the line; balances follow.
    const finance = () => gateway.as(financeUser(gateway));
    const firstLine = invoices[0].lines[0];
    const credit = async (body: Record<string, unknown>) =>
      gateway.expectContract(
        'createCreditMemo',
        await finance()
          .post('/process/v1/credit-memos')
          .set('idempotency-key', randomUUID())
          .send(body),
      );
    expect(
      (
        await credit({
          invoiceId: invoices[0].id,
          reason: 'return',
          lines: [{ invoiceLineId: firstLine.id, quantity: '1' }],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await credit({
          invoiceId: invoices[0].id,
          reason: 'return',
          lines: [{ invoiceLineId: firstLine.id, quantity: '2' }],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await credit({
          invoiceId: invoices[0].id,
          reason: 'price_correction',
          lines: [{ invoiceLineId: firstLine.id, amount: '10.00' }],
        })
      ).status,
    ).toBe(201);

    const after = gateway.expectContract(
      'getInvoice',
      await gateway.http().get(`/system/v1/invoices/${invoices[0].id}`),
    ).body as Invoice;
    expect(after.lines[0].quantityCredited).toBe('1');
    expect(cents(after.amountCredited)).toBe(cents(after.lines[0].amountCredited));
    expect(cents(after.lines[0].amountCredited)).toBeLessThanOrEqual(
      cents(after.lines[0].lineTotal),
    );
    expect(cents(after.openBalance)).toBe(
      cents(after.totals.total) - cents(after.amountApplied) - cents(after.amountCredited),
    );
  });
});
