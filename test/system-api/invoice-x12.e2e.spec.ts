import { Client } from 'pg';
import { BillingFixtures } from '../factories/billing.factory';
import { salesRep } from '../governance/ownership-accounts.fixture';
import { CreditMemoApi } from '../process-api/credit-memo-api.client';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('Invoice reads: list by order, X12 810 as canonical JSON and as a transaction set', () => {
  let gateway: TestGateway;
  let client: Client;
  let fixtures: BillingFixtures;
  let billing: CreditMemoApi;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new Client({ connectionString: gateway.database.url });
    await client.connect();
    fixtures = new BillingFixtures(client);
    billing = new CreditMemoApi(gateway, fixtures);
  });

  afterAll(async () => {
    await client.end();
    await gateway.close();
  });

  async function shippedTwice() {
    const order = await fixtures.order({
      paymentTerms: '2/10 NET30',
      lines: [
        { uom: 'CS', quantity: '10', unitPrice: '123.4567' },
        { uom: 'EA', quantity: '7', unitPrice: '0.3333' },
      ],
    });
    await client.query(
      `INSERT INTO customer_item_references (customer_id, customer_item_number, item_id)
       VALUES ($1, 'ACME-BRG-1', $2)`,
      [order.customerId, order.lines[0].itemId],
    );
    const first = await billing.invoice(order, ['36', '7'], '15.50');
    const second = await billing.invoice(order, ['24']);
    return { order, first, second };
  }

  it('lists the invoices of one order and of one shipment', async () => {
    const { order, first, second } = await shippedTwice();
    const byOrder = gateway.expectContract(
      'listInvoices',
      await gateway.http().get(`/system/v1/invoices?orderId=${order.orderId}`),
    );
    expect(byOrder.body.items.map((invoice: { id: string }) => invoice.id)).toEqual([
      second.invoiceId,
      first.invoiceId,
    ]);
    expect(byOrder.body.items[1]).toEqual(
      expect.objectContaining({
        taxRegion: 'US-WEST',
        shippedToInvoicedMs: expect.any(Number),
        totals: expect.objectContaining({ total: { amount: '415.22', currency: 'USD' } }),
      }),
    );
    const byShipment = gateway.expectContract(
      'listInvoices',
      await gateway.http().get(`/system/v1/invoices?shipmentId=${second.shipmentId}`),
    );
    expect(byShipment.body.items.map((invoice: { id: string }) => invoice.id)).toEqual([
      second.invoiceId,
    ]);
  });

  it('answers the 810 with header, parties, terms, lines, totals, carrier and freight', async () => {
    const { order, first } = await shippedTwice();
    const response = gateway.expectContract(
      'getInvoiceX12',
      await gateway.http().get(`/system/v1/invoices/${first.invoiceId}/x12-810`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    const x12 = response.body;
    expect(x12.big).toEqual(
      expect.objectContaining({
        invoiceNumber: first.invoiceNumber,
        purchaseOrderNumber: expect.stringMatching(/^PO-/),
        transactionTypeCode: 'DI',
      }),
    );
    expect(
      x12.parties.map((party: { entityIdentifierCode: string }) => party.entityIdentifierCode),
    ).toEqual(['BT', 'ST', 'SF']);
    expect(x12.itd).toEqual(
      expect.objectContaining({
        termsTypeCode: '08',
        discountPercent: '2',
        discountDaysDue: 10,
        netDays: 30,
        discountAmount: '8.30',
        description: '2/10 NET30',
      }),
    );
    expect(x12.lines).toEqual([
      expect.objectContaining({
        assignedIdentification: '1',
        quantityInvoiced: '3',
        unitOfMeasure: 'CA',
        unitPrice: '123.4567',
        productIds: [
          { qualifier: 'VN', value: expect.any(String) },
          { qualifier: 'BP', value: 'ACME-BRG-1' },
        ],
        tax: { taxTypeCode: 'ST', amount: '26.85', percent: '7.25' },
        lineNet: '370.37',
      }),
      expect.objectContaining({ quantityInvoiced: '7', unitOfMeasure: 'EA', lineNet: '2.33' }),
    ]);
    expect(x12.tds).toEqual({
      totalInvoiceAmount: '415.22',
      amountSubjectToTermsDiscount: '415.22',
      discountedAmountDue: '406.92',
      termsDiscountAmount: '8.30',
    });
    expect(x12.txi).toEqual([
      { taxTypeCode: 'ST', amount: '27.02', percent: '7.25', jurisdiction: 'US-WEST' },
    ]);
    expect(x12.cad).toEqual(
      expect.objectContaining({
        standardCarrierAlphaCode: 'UPSN',
        referenceIdentificationQualifier: 'CN',
      }),
    );
    expect(x12.sac).toEqual([
      { indicator: 'C', code: 'D240', amount: '15.50', description: 'Freight' },
    ]);
    expect(x12.ctt).toEqual({ numberOfLineItems: 2, hashTotal: '10' });
    expect(x12.ref).toEqual(
      expect.arrayContaining([{ qualifier: 'BM', value: expect.any(String) }]),
    );
    expect(order.customerId).toBeDefined();
  });

  it('prints the transaction set ST to SE with a correct segment count', async () => {
    const { first } = await shippedTwice();
    const response = gateway.expectContract(
      'getInvoiceX12TransactionSet',
      await gateway.http().get(`/system/v1/invoices/${first.invoiceId}/x12-810/transaction-set`),
    );
    const text: string = response.body.text;
    const segments = text.trim().split('\n');
    expect(segments.every((segment) => segment.endsWith('~'))).toBe(true);
    expect(segments[0]).toBe(`ST*810*${response.body.controlNumber}~`);
    expect(segments[segments.length - 1]).toBe(
      `SE*${segments.length}*${response.body.controlNumber}~`,
    );
    expect(response.body.segmentCount).toBe(segments.length);
    expect(segments).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^BIG\\*\\d{8}\\*${first.invoiceNumber}\\*\\d{8}\\*PO-[^*]+\\*\\*\\*DI~$`),
        ),
        'CUR*SE*USD~',
        expect.stringMatching(/^ITD\*08\*3\*2\*\d{8}\*10\*\d{8}\*30\*830\*\*\*\*2\/10 NET30~$/),
        expect.stringMatching(/^IT1\*1\*3\*CA\*123\.4567\*\*VN\*[^*]+\*BP\*ACME-BRG-1~$/),
        'TXI*ST*26.85*7.25~',
        'TDS*41522*41522*40692*830~',
        'TXI*ST*27.02*7.25*VD*US-WEST~',
        expect.stringMatching(/^CAD\*M\*\*\*UPSN\*UPSN\*\*CN\*1Z-/),
        'SAC*C*D240***1550**********Freight~',
        'CTT*2*10~',
      ]),
    );
  });

  it('answers 404 to a principal of another account, and to an unknown invoice', async () => {
    const { order, first } = await shippedTwice();
    const stranger = gateway.as(salesRep(gateway, [(await fixtures.customer()).id]));
    const own = gateway.as(salesRep(gateway, [order.customerId]));
    for (const suffix of ['x12-810', 'x12-810/transaction-set']) {
      const operation = suffix === 'x12-810' ? 'getInvoiceX12' : 'getInvoiceX12TransactionSet';
      const path = `/system/v1/invoices/${first.invoiceId}/${suffix}`;
      expect(gateway.expectContract(operation, await stranger.get(path)).status).toBe(404);
      expect(gateway.expectContract(operation, await own.get(path)).status).toBe(200);
    }
    const unknown = await gateway
      .http()
      .get('/system/v1/invoices/00000000-0000-4000-8000-000000000003/x12-810');
    expect(gateway.expectContract('getInvoiceX12', unknown).status).toBe(404);
  });
});
