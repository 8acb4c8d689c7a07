import { Client } from 'pg';
import { BillingFixtures } from '../factories/billing.factory';
import { salesRep } from '../governance/ownership-accounts.fixture';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { CreditMemoApi, financeUser, type InvoiceBody } from './credit-memo-api.client';

describe('Credit memos: refusals write nothing, concurrent credits never exceed a line', () => {
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

  /** 10 EA at 12.50 in USD (or JPY at 1250): 125.00 net, 9.06 tax. */
  async function invoice(currency = 'USD') {
    const order = await fixtures.order({
      currency,
      lines: [{ uom: 'EA', quantity: '10', unitPrice: currency === 'JPY' ? '1250' : '12.50' }],
    });
    return { order, invoice: (await api.invoice(order, ['10'])).invoice };
  }

  async function expectNothingWritten(before: Record<string, number>, invoiceBefore: InvoiceBody) {
    expect(await fixtures.tableCounts()).toEqual(before);
    const after = (await api.getInvoice(invoiceBefore.id)).body as InvoiceBody;
    expect(after.openBalance).toEqual(invoiceBefore.openBalance);
    expect(after.lines.map((line) => line.quantityCredited)).toEqual(
      invoiceBefore.lines.map((line) => line.quantityCredited),
    );
  }

  it.each([
    [
      'more than the invoiced quantity',
      (line: string) => ({ reason: 'return', lines: [{ invoiceLineId: line, quantity: '10.5' }] }),
      422,
      'CREDIT_MEMO.QUANTITY_EXCEEDS_CREDITABLE',
      '/body/lines/0/quantity',
    ],
    [
      'two lines together beyond the quantity',
      (line: string) => ({
        reason: 'short_ship',
        lines: [
          { invoiceLineId: line, quantity: '6' },
          { invoiceLineId: line, quantity: '5' },
        ],
      }),
      422,
      'CREDIT_MEMO.QUANTITY_EXCEEDS_CREDITABLE',
      '/body/lines/1/quantity',
    ],
    [
      'a price correction above the line net',
      (line: string) => ({
        reason: 'price_correction',
        lines: [{ invoiceLineId: line, amount: '125.01' }],
      }),
      422,
      'CREDIT_MEMO.AMOUNT_EXCEEDS_CREDITABLE',
      '/body/lines/0/amount',
    ],
    [
      'an amount with more decimals than USD has',
      (line: string) => ({
        reason: 'price_correction',
        lines: [{ invoiceLineId: line, amount: '1.005' }],
      }),
      400,
      'CREDIT_MEMO.INVALID_LINE',
      '/body/lines/0/amount',
    ],
    [
      'a return without a quantity',
      (line: string) => ({ reason: 'return', lines: [{ invoiceLineId: line }] }),
      400,
      'CREDIT_MEMO.INVALID_LINE',
      '/body/lines/0/quantity',
    ],
    [
      'a line that is not on the invoice',
      () => ({
        reason: 'return',
        lines: [{ invoiceLineId: '00000000-0000-4000-8000-000000000001', quantity: '1' }],
      }),
      422,
      'CREDIT_MEMO.UNKNOWN_INVOICE_LINE',
      '/body/lines/0/invoiceLineId',
    ],
  ])('refuses %s, naming the field and rule', async (_name, body, status, code, path) => {
    const { invoice: issued } = await invoice();
    const before = await fixtures.tableCounts();
    const response = await api.create({ invoiceId: issued.id, ...body(issued.lines[0].id) });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
    expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
    await expectNothingWritten(before, issued);
  });

  it('names MONEY.TOO_MANY_DECIMALS as the rule, per the invoice currency', async () => {
    const { invoice: yen } = await invoice('JPY');
    const response = await api.create({
      invoiceId: yen.id,
      reason: 'price_correction',
      lines: [{ invoiceLineId: yen.lines[0].id, amount: '10.5' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toEqual(
      expect.objectContaining({ path: '/body/lines/0/amount', rule: 'MONEY.TOO_MANY_DECIMALS' }),
    );
  });

  it("answers 404 for another customer's invoice and for an unknown one, writing nothing", async () => {
    const { invoice: issued } = await invoice();
    const other = await fixtures.customer();
    const before = await fixtures.tableCounts();
    const body = {
      reason: 'return',
      lines: [{ invoiceLineId: issued.lines[0].id, quantity: '1' }],
    };
    const foreign = await api.create(
      { invoiceId: issued.id, ...body },
      gateway.as(salesRep(gateway, [other.id])),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('RESOURCE.NOT_FOUND');
    const unknown = await api.create({
      invoiceId: '00000000-0000-4000-8000-000000000002',
      ...body,
    });
    expect(unknown.status).toBe(404);
    await expectNothingWritten(before, issued);
  });

  it('refuses a void invoice (409) and callers without credit-memos:write (403)', async () => {
    const { invoice: issued } = await invoice();
    const body = {
      invoiceId: issued.id,
      reason: 'return',
      lines: [{ invoiceLineId: issued.lines[0].id, quantity: '1' }],
    };
    const operations = gateway.as({
      subject: 'ops',
      kind: 'internal',
      roles: ['operations'],
      scopes: [...(gateway.contracts.governance.roles.get('operations') ?? [])],
    });
    expect((await api.create(body, operations)).status).toBe(403);
    await client.query(`UPDATE invoices SET status = 'void' WHERE id = $1`, [issued.id]);
    const voided = await api.create(body);
    expect(voided.status).toBe(409);
    expect(voided.body.code).toBe('CREDIT_MEMO.INVOICE_NOT_CREDITABLE');
  });

  it('refuses a memo beyond the open balance after cash was applied', async () => {
    const { invoice: issued } = await invoice();
    // 130.00 of 134.06 paid: a 3-unit return (40.22) no longer fits the 4.06 open.
    await client.query(
      `UPDATE invoices SET amount_applied = 130, open_balance = open_balance - 130,
              status = 'partially_paid' WHERE id = $1`,
      [issued.id],
    );
    const response = await api.create({
      invoiceId: issued.id,
      reason: 'return',
      lines: [{ invoiceLineId: issued.lines[0].id, quantity: '3' }],
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CREDIT_MEMO.EXCEEDS_OPEN_BALANCE');
  });

  it('lets concurrent credits on one line take exactly what it holds, no more', async () => {
    const { invoice: issued } = await invoice();
    const line = issued.lines[0].id;
    const attempts = 24;
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: attempts }, (_, index) =>
        api.create(
          {
            invoiceId: issued.id,
            reason: 'return',
            lines: [{ invoiceLineId: line, quantity: '1' }],
          },
          gateway.as(financeUser(gateway, `clerk-${index}`)),
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 422)).toHaveLength(attempts - 10);
    const after = (await api.getInvoice(issued.id)).body as InvoiceBody;
    expect(after.lines[0].quantityCredited).toBe('10');
    expect(after.lines[0].amountCredited.amount).toBe('134.06');
    expect(after.openBalance.amount).toBe('0.00');
    const numbers = responses
      .filter((response) => response.status === 201)
      .map((response) => Number(String(response.body.memoNumber).slice(3)))
      .sort((a, b) => a - b);
    expect(numbers[numbers.length - 1] - numbers[0]).toBe(9);
    process.stdout.write(
      `credit memos: ${attempts} concurrent credits on one line in ${seconds.toFixed(2)} s\n`,
    );
  });
});
