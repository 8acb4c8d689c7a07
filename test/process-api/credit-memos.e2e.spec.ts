import { Client } from 'pg';
import { BillingFixtures, type BillingOrder } from '../factories/billing.factory';
import { salesRep } from '../governance/ownership-accounts.fixture';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { CreditMemoApi, financeUser, type InvoiceBody } from './credit-memo-api.client';

describe('Credit memos (POST /process/v1/credit-memos and reads)', () => {
  let gateway: TestGateway;
  let client: Client;
  let fixtures: BillingFixtures;
  let api: CreditMemoApi;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new Client({ connectionString: gateway.database.url });
    await client.connect();
    fixtures = new BillingFixtures(client);
    api = new CreditMemoApi(gateway, fixtures);
  });

  afterAll(async () => {
    await client.end();
    await gateway.close();
  });

  /** 10 CS at 12.50 (125.00 net, 9.06 tax at 7.25 %) and 7 EA at 0.3333 (2.33, 0.17); freight 10. */
  async function invoicedOrder(): Promise<{ order: BillingOrder; invoice: InvoiceBody }> {
    const order = await fixtures.order({
      paymentTerms: '2/10 NET30',
      lines: [
        { uom: 'CS', quantity: '10', unitPrice: '12.50' },
        { uom: 'EA', quantity: '7', unitPrice: '0.3333' },
      ],
    });
    const { invoice } = await api.invoice(order, ['120', '7'], '10.00');
    return { order, invoice };
  }

  it('credits a return at the invoiced price with its tax and lowers the open balance', async () => {
    const { order, invoice } = await invoicedOrder();
    expect(invoice.totals.total.amount).toBe('146.56');
    const response = await api.create({
      invoiceId: invoice.id,
      reason: 'return',
      note: 'RMA-7781',
      lines: [{ invoiceLineId: invoice.lines[0].id, quantity: '3' }],
    });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`/process/v1/credit-memos/${response.body.id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toEqual(
      expect.objectContaining({
        memoNumber: expect.stringMatching(/^CM-\d{8}$/),
        invoiceId: invoice.id,
        invoiceNumber: invoice.invoiceNumber,
        customerId: order.customerId,
        reason: 'return',
        status: 'issued',
        note: 'RMA-7781',
        netTotal: { amount: '37.50', currency: 'USD' },
        taxTotal: { amount: '2.72', currency: 'USD' },
        total: { amount: '40.22', currency: 'USD' },
        invoiceBalance: {
          total: { amount: '146.56', currency: 'USD' },
          amountApplied: { amount: '0.00', currency: 'USD' },
          amountCredited: { amount: '40.22', currency: 'USD' },
          openBalance: { amount: '106.34', currency: 'USD' },
        },
      }),
    );
    expect(response.body.lines).toEqual([
      expect.objectContaining({
        invoiceLineId: invoice.lines[0].id,
        invoiceLineNumber: 1,
        orderLineId: order.lines[0].id,
        quantity: '3',
        uom: 'CS',
        net: { amount: '37.50', currency: 'USD' },
        tax: { amount: '2.72', currency: 'USD' },
        amount: { amount: '40.22', currency: 'USD' },
      }),
    ]);

    const after = (await api.getInvoice(invoice.id)).body as InvoiceBody & {
      creditMemos: { memoNumber: string; total: { amount: string } }[];
    };
    expect(after.amountCredited.amount).toBe('40.22');
    expect(after.openBalance.amount).toBe('106.34');
    expect(after.lines[0]).toEqual(
      expect.objectContaining({
        quantityCredited: '3',
        amountCredited: { amount: '40.22', currency: 'USD' },
      }),
    );
    expect(after.creditMemos).toEqual([
      expect.objectContaining({
        memoNumber: response.body.memoNumber,
        total: { amount: '40.22', currency: 'USD' },
      }),
    ]);
  });

  it('returns the last units for exactly the remaining net and tax', async () => {
    const { invoice } = await invoicedOrder();
    const line = invoice.lines[1]; // 7 EA at 0.3333: 2.33 net, 0.17 tax
    const amounts: string[] = [];
    for (const quantity of ['3', '3', '1']) {
      const response = await api.create({
        invoiceId: invoice.id,
        reason: 'short_ship',
        lines: [{ invoiceLineId: line.id, quantity }],
      });
      expect(response.status).toBe(201);
      amounts.push(`${response.body.netTotal.amount}+${response.body.taxTotal.amount}`);
    }
    expect(amounts).toEqual(['1.00+0.07', '1.00+0.07', '0.33+0.03']);
    const after = (await api.getInvoice(invoice.id)).body as InvoiceBody;
    expect(after.lines[1].quantityCredited).toBe('7');
    expect(after.lines[1].amountCredited.amount).toBe('2.50');
    expect(after.openBalance.amount).toBe('144.06');
  });

  it('credits a price correction by net amount, taxed at the line rate', async () => {
    const { invoice } = await invoicedOrder();
    const response = await api.create({
      invoiceId: invoice.id,
      reason: 'price_correction',
      lines: [{ invoiceLineId: invoice.lines[0].id, amount: '12.50', quantity: '10' }],
    });
    expect(response.status).toBe(201);
    expect(response.body.lines[0]).toEqual(
      expect.objectContaining({
        quantity: '10',
        net: { amount: '12.50', currency: 'USD' },
        tax: { amount: '0.91', currency: 'USD' },
      }),
    );
    const after = (await api.getInvoice(invoice.id)).body as InvoiceBody;
    expect(after.lines[0].quantityCredited).toBe('0');
    expect(after.openBalance.amount).toBe('133.15');
  });

  it('replays the first answer for a repeated Idempotency-Key and writes one memo', async () => {
    const { invoice } = await invoicedOrder();
    const body = {
      invoiceId: invoice.id,
      reason: 'return',
      lines: [{ invoiceLineId: invoice.lines[0].id, quantity: '1' }],
    };
    const agent = () => gateway.as(financeUser(gateway));
    const first = await api.create(body, agent(), 'memo-key-1');
    const again = await api.create(body, agent(), 'memo-key-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await api.create({ ...body, note: 'changed' }, agent(), 'memo-key-1');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const memos = await api.list(`?invoiceId=${invoice.id}`);
    expect(memos.body.items).toHaveLength(1);
  });

  it('writes the credit_memo.issued event and outbox message with the memo', async () => {
    const { invoice } = await invoicedOrder();
    const memo = await api.create({
      invoiceId: invoice.id,
      reason: 'return',
      lines: [{ invoiceLineId: invoice.lines[0].id, quantity: '2' }],
    });
    const events = await client.query<{
      activity: string;
      actor: string;
      correlation: string | null;
    }>(
      `SELECT activity, actor, correlation_id AS correlation FROM process_events
        WHERE object_type = 'credit_memo' AND object_id = $1`,
      [memo.body.id],
    );
    expect(events.rows).toEqual([
      {
        activity: 'credit_memo.issued',
        actor: 'internal:finance-clerk',
        correlation: expect.any(String),
      },
    ]);
    const outbox = await client.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_messages WHERE aggregate_type = 'credit_memo' AND aggregate_id = $1`,
      [memo.body.id],
    );
    expect(outbox.rows[0].payload).toEqual(
      expect.objectContaining({
        eventType: 'credit_memo.issued',
        memoNumber: memo.body.memoNumber,
        invoiceNumber: invoice.invoiceNumber,
        total: '26.81',
        lines: [expect.objectContaining({ quantity: '2', net: '25.00', tax: '1.81' })],
      }),
    );
    const audited = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_type IN ('credit_memos', 'credit_memo_lines', 'invoices', 'invoice_lines')
          AND correlation_id = $1`,
      [events.rows[0].correlation],
    );
    expect(audited.rows[0].n).toBe(4);
  });

  it('lists and reads memos newest first, filtered, within the caller accounts', async () => {
    const { order, invoice } = await invoicedOrder();
    const ids: string[] = [];
    for (const quantity of ['1', '2', '3']) {
      const memo = await api.create({
        invoiceId: invoice.id,
        reason: 'return',
        lines: [{ invoiceLineId: invoice.lines[0].id, quantity }],
      });
      ids.push(memo.body.id);
    }
    const first = await api.list(`?invoiceId=${invoice.id}&limit=2`);
    expect(first.body.items.map((memo: { id: string }) => memo.id)).toEqual([ids[2], ids[1]]);
    const second = await api.list(
      `?invoiceId=${invoice.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((memo: { id: string }) => memo.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const byReason = await api.list(`?customerId=${order.customerId}&reason=price_correction`);
    expect(byReason.body.items).toEqual([]);

    const own = gateway.as(salesRep(gateway, [order.customerId]));
    expect((await api.get(ids[0], own)).status).toBe(200);
    const stranger = gateway.as(salesRep(gateway, [(await fixtures.customer()).id]));
    expect((await api.get(ids[0], stranger)).status).toBe(404);
    expect((await api.list(`?invoiceId=${invoice.id}`, stranger)).body.items).toEqual([]);
    const range = await api.list('?issuedFrom=2031-02-01&issuedTo=2031-01-01');
    expect(range.status).toBe(400);
    expect(range.body.errors[0]).toEqual(
      expect.objectContaining({ path: '/query/issuedFrom', rule: 'range' }),
    );
  });
});
