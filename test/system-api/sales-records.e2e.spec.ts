import { DataSource } from 'typeorm';
import { insertSalesHistory, type SalesHistory } from '../factories/sales-history.factory';
import { insertSalesGraph, type SalesGraph } from '../factories/sales-records.factory';
import {
  ALL_SALES_RESOURCES as ALL,
  idsOf as ids,
  SALES_RESOURCES as RESOURCES,
  type SalesResource as Resource,
  salesRecordsClient,
} from '../support/sales-records.client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const UNKNOWN_ID = '3f2b9c1e-7d4a-4e1b-9a0c-2b7d8e9f0a1b';

/** Every { amount, currency } in a document carries the amount as a decimal string. */
function moneyAmounts(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(moneyAmounts);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join();
  const own = keys === 'amount,currency' ? [record.amount] : [];
  return [...own, ...Object.values(record).flatMap(moneyAmounts)];
}

describe('system API: sales records', () => {
  let gateway: TestGateway;
  let client: ReturnType<typeof salesRecordsClient>;
  // One account whose three graphs differ in every filtered field (oldest first).
  let graphs: SalesHistory;
  let customerId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = salesRecordsClient(gateway);
    graphs = await insertSalesHistory(gateway.app.get(DataSource));
    customerId = graphs[0].customerId;
  });
  afterAll(() => gateway.close());

  const list = (resource: Resource, query: string) => client.list(resource, query);
  const get = (resource: Resource, id: string) => client.get(resource, id);

  describe('reads', () => {
    it('reads an order with totals, lines, allocations and only its open holds', async () => {
      const [graph] = graphs;
      const response = await get('orders', graph.order.id);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toMatchObject({
        orderNumber: graph.order.orderNumber,
        customerId,
        channel: 'edi',
        status: 'on_hold',
        requestedDate: '2026-02-01',
        totals: {
          subtotal: { amount: '221.25', currency: 'USD' },
          taxTotal: { amount: '17.70', currency: 'USD' },
          freight: { amount: '10.00', currency: 'USD' },
          total: { amount: '248.95', currency: 'USD' },
        },
      });
      const [line1, line2] = response.body.lines;
      expect(line1).toMatchObject({
        lineNumber: 1,
        item: { id: graph.items[0].id, sku: graph.items[0].sku, description: 'Hex bolt M8' },
        quantity: '10',
        uom: 'EA',
        unitPrice: { amount: '12.50', currency: 'USD' },
        contractUnitPrice: { amount: '12.50', currency: 'USD' },
        lineTotal: { amount: '125.00', currency: 'USD' },
        quantityShipped: '10',
        status: 'shipped',
      });
      // A unit price keeps its fourth decimal; quantities carry their units.
      expect(line2).toMatchObject({
        quantity: '2',
        uom: 'CS',
        baseQuantity: '24',
        baseUom: 'EA',
        unitPrice: { amount: '48.125', currency: 'USD' },
        requestedUnitPrice: null,
        contractUnitPrice: null,
      });
      expect(response.body.allocations).toEqual([
        expect.objectContaining({
          id: graph.allocations[0].id,
          lineNumber: 1,
          quantity: '10',
          status: 'shipped',
        }),
        expect.objectContaining({
          id: graph.allocations[1].id,
          lineNumber: 2,
          quantity: '24',
          status: 'allocated',
        }),
      ]);
      expect(response.body.holds).toEqual([
        expect.objectContaining({
          id: graph.openHold.id,
          type: 'manual',
          evidence: { note: 'check freight' },
        }),
      ]);
    });

    it('reads a shipment with its lines in base units', async () => {
      const [graph] = graphs;
      const response = await get('shipments', graph.shipment.id);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toMatchObject({
        orderId: graph.order.id,
        orderNumber: graph.order.orderNumber,
        customerId,
        warehouseId: graph.warehouse.id,
        carrier: 'UPS',
        status: 'delivered',
        shippedAt: '2026-01-11T09:00:00.000Z',
        deliveredAt: null,
        lines: [
          {
            orderLineId: graph.lines[0].id,
            lineNumber: 1,
            item: { sku: graph.items[0].sku },
            quantity: '10',
            uom: 'EA',
            allocationId: graph.allocations[0].id,
            lot: 'L-1',
            serial: null,
          },
        ],
      });
    });

    it('reads an invoice with its printed number, settlement and credit memos', async () => {
      const [graph] = graphs;
      const response = await get('invoices', graph.invoice.id);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body.invoiceNumber).toMatch(/^INV-\d{8}$/);
      expect(response.body).toMatchObject({
        invoiceNumber: graph.invoiceNumber,
        series: 'INV',
        sequenceNumber: graph.invoice.invoiceNumber,
        shipmentId: graph.shipment.id,
        status: 'partially_paid',
        totals: { total: { amount: '145.00', currency: 'USD' } },
        amountApplied: { amount: '100.00', currency: 'USD' },
        amountCredited: { amount: '5.00', currency: 'USD' },
        openBalance: { amount: '40.00', currency: 'USD' },
        discountPercent: '0',
        lines: [
          {
            lineNumber: 1,
            item: { sku: graph.items[0].sku },
            quantity: '10',
            uom: 'EA',
            unitPrice: { amount: '12.50', currency: 'USD' },
            lineNet: { amount: '125.00', currency: 'USD' },
            tax: { amount: '10.00', currency: 'USD' },
            lineTotal: { amount: '135.00', currency: 'USD' },
          },
        ],
        creditMemos: [
          {
            id: graph.creditMemo.id,
            reason: 'price_correction',
            total: { amount: '5.00', currency: 'USD' },
          },
        ],
      });
    });

    it('reads a payment with signed remittance lines and its cash applications', async () => {
      const graph = graphs[1];
      const response = await get('payments', graph.payment.id);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toMatchObject({
        customerId,
        amount: { amount: '140.00', currency: 'USD' },
        amountApplied: { amount: '140.00', currency: 'USD' },
        unapplied: { amount: '0.00', currency: 'USD' },
        status: 'applied',
        remittanceLines: [
          {
            lineNumber: 1,
            invoiceReference: graph.invoiceNumber,
            amount: { amount: '145.00', currency: 'USD' },
          },
          {
            lineNumber: 2,
            invoiceReference: graph.creditMemo.memoNumber,
            amount: { amount: '-5.00', currency: 'USD' },
          },
        ],
        cashApplications: [
          {
            id: graph.cashApplication.id,
            invoiceId: graph.invoice.id,
            invoiceNumber: graph.invoiceNumber,
            remittanceLineId: graph.remittanceLines[0].id,
            amount: { amount: '140.00', currency: 'USD' },
            confidence: '0.98',
            status: 'applied',
            reversedAt: null,
          },
        ],
      });
    });

    it.each<Resource>(['orders', 'invoices', 'payments'])(
      'never sends money as a JS number (%s)',
      async (resource) => {
        const response = await list(resource, `customerId=${customerId}`);
        const amounts = moneyAmounts(response.body);
        expect(amounts.length).toBeGreaterThan(0);
        expect(amounts.every((amount) => typeof amount === 'string')).toBe(true);
      },
    );

    it.each(ALL)(
      'answers 404 for an unknown %s id and 400 for a malformed one',
      async (resource) => {
        const unknown = await get(resource, UNKNOWN_ID);
        expect(unknown.status).toBe(404);
        expect(unknown.body.code).toBe('RESOURCE.NOT_FOUND');
        const malformed = await get(resource, 'not-a-uuid');
        expect(malformed.status).toBe(400);
        const parameter = `${resource.slice(0, -1)}Id`;
        expect(malformed.body.errors[0]).toMatchObject({
          path: `/path/${parameter}`,
          rule: 'format',
        });
      },
    );
  });

  describe('lists', () => {
    it.each(ALL)(
      'lists %s newest first, two to a page, each item the full record',
      async (resource) => {
        const { idOf } = RESOURCES[resource];
        const first = await list(resource, `customerId=${customerId}&limit=2`);
        expect(ids(first.body)).toEqual([idOf(graphs[2]), idOf(graphs[1])]);
        expect(first.body.nextCursor).toEqual(expect.any(String));
        const second = await list(
          resource,
          `customerId=${customerId}&limit=2&cursor=${first.body.nextCursor}`,
        );
        expect(ids(second.body)).toEqual([idOf(graphs[0])]);
        expect(second.body.nextCursor).toBeNull();
        const single = await get(resource, idOf(graphs[0]));
        expect(second.body.items[0]).toEqual(single.body);
      },
    );

    describe('rows created within one millisecond', () => {
      let created: SalesGraph[];

      beforeAll(async () => {
        const dataSource = gateway.app.get(DataSource);
        const first = await insertSalesGraph(dataSource, {
          createdAt: '2026-02-01T00:00:00.000001Z',
        });
        const customer = { customerId: first.customerId, shipToId: first.shipToId };
        created = [first];
        for (const micro of ['3', '2']) {
          created.push(
            await insertSalesGraph(dataSource, {
              customer,
              createdAt: `2026-02-01T00:00:00.00000${micro}Z`,
            }),
          );
        }
      });

      it.each(ALL)('pages %s one by one without skipping or repeating', async (resource) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query = `customerId=${created[0]?.customerId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await list(resource, query);
          seen.push(...ids(page.body));
          cursor = page.body.nextCursor as string | null;
        } while (cursor && seen.length < 5);
        const [oldest, newest, middle] = created as [SalesGraph, SalesGraph, SalesGraph];
        expect(seen).toEqual([newest, middle, oldest].map(RESOURCES[resource].idOf));
      });
    });
  });
});
