import { randomUUID } from 'node:crypto';
import { ageReceivables, Decimal, type AgingItem } from '@o2c/domain';
import { fieldErrors, ReceivablesClient } from './receivables.client';

const AS_OF = '2026-06-30';

/** AR aging by due date (set-based SQL, same buckets as the domain rule) and DSO. */
describe('collections: aging and DSO', () => {
  let client: ReceivablesClient;
  let usd: string;
  let eur: string;
  const manager = `aging-${Date.now()}@example.com`;

  beforeAll(async () => {
    client = await ReceivablesClient.start();
    usd = (
      await client.factory.customer({
        name: 'Aging One',
        accountManager: manager,
        creditLimit: '5000.0000',
      })
    ).id;
    eur = (
      await client.factory.customer({ name: 'Aging Two', accountManager: manager, currency: 'EUR' })
    ).id;
    const open = (dueDate: string, amount: string, extra: Record<string, unknown> = {}) =>
      client.factory.invoice({
        customerId: usd,
        dueDate,
        lines: [{ quantity: '1', unitPrice: amount }],
        ...extra,
      });
    await open('2026-07-15', '100.00'); // current
    await open('2026-06-30', '200.00'); // due on the day: current
    await open('2026-06-01', '300.00'); // 29 days
    await open('2026-05-01', '400.00'); // 60 days
    await open('2026-04-01', '500.00'); // 90 days
    await open('2026-03-31', '600.00'); // 91 days
    await open('2026-03-01', '700.00', { amountApplied: '700.00' }); // paid: nothing open
    await open('2026-03-01', '800.00', { status: 'void' });
    await open('2026-08-30', '900.00', { issueDate: '2026-07-01' }); // issued after asOf
    await client.factory.invoice({
      customerId: eur,
      currency: 'EUR',
      dueDate: '2026-05-15',
      lines: [{ quantity: '1', unitPrice: '250.00' }],
    });
  });
  afterAll(() => client.close());

  const aging = (
    query: Record<string, unknown>,
    as?: Parameters<ReceivablesClient['collections']>[3],
  ) =>
    client.collections(
      'getReceivablesAging',
      '/aging',
      { asOf: AS_OF, accountManager: manager, ...query },
      as,
    );

  it('ages by due date per customer and in total, per currency', async () => {
    const report = await aging({});
    expect(report.status).toBe(200);
    expect(report.body.buckets).toEqual(['current', '1-30', '31-60', '61-90', '>90']);
    const byCurrency = [...report.body.customers].sort(
      (a: { currency: string }, b: { currency: string }) => a.currency.localeCompare(b.currency),
    );
    expect(byCurrency).toEqual([
      expect.objectContaining({
        customer: expect.objectContaining({ id: eur }),
        currency: 'EUR',
        total: '250.00',
        oldestOverdueDays: 46,
      }),
      {
        customer: expect.objectContaining({ id: usd, name: 'Aging One', accountManager: manager }),
        currency: 'USD',
        buckets: {
          current: '300.00',
          '1-30': '300.00',
          '31-60': '400.00',
          '61-90': '500.00',
          '>90': '600.00',
        },
        total: '2100.00',
        overdue: '1800.00',
        oldestOverdueDays: 91,
        invoiceCount: 6,
      },
    ]);
    const numbers = report.body.customers.map(
      (row: { customer: { customerNumber: string } }) => row.customer.customerNumber,
    );
    expect(numbers).toEqual([...numbers].sort());
    expect(report.body.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', total: '250.00', overdue: '250.00' }),
      expect.objectContaining({
        currency: 'USD',
        total: '2100.00',
        overdue: '1800.00',
        invoiceCount: 6,
      }),
    ]);
  });

  // A past day rolls today's balances back; today reads the open items alone.
  it.each([
    ['a past day', AS_OF],
    ['today', undefined],
  ])('agrees with the domain rule ageReceivables on the same open items (%s)', async (_, asOf) => {
    const day = asOf ?? new Date().toISOString().slice(0, 10);
    const items = await client.sql<{
      customer_id: string;
      currency: string;
      due_date: string;
      open_balance: string;
    }>(
      `SELECT customer_id, currency, due_date::text, open_balance::text FROM invoices
        WHERE customer_id = ANY($1::uuid[]) AND status NOT IN ('void', 'written_off') AND issue_date <= $2`,
      [[usd, eur], day],
    );
    const domain = ageReceivables(
      items.map((row): AgingItem => ({
        customerId: row.customer_id,
        currency: row.currency as 'USD',
        dueDate: row.due_date,
        openBalance: new Decimal(row.open_balance),
      })),
      day,
    );
    const report = await aging({ asOf });
    expect(report.body.totals).toHaveLength(domain.totals.length);
    for (const row of domain.totals) {
      const sql = report.body.totals.find(
        (total: { currency: string }) => total.currency === row.currency,
      );
      expect(sql).toMatchObject({
        buckets: Object.fromEntries(
          Object.entries(row.buckets).map(([bucket, amount]) => [bucket, amount.toFixed(2)]),
        ),
        total: row.total.toFixed(2),
        overdue: row.overdue.toFixed(2),
        oldestOverdueDays: row.oldestOverdueDays,
        invoiceCount: row.itemCount,
      });
    }
  });

  it('pages customers with a keyset cursor while totals cover them all, and filters', async () => {
    const all = (await aging({})).body.customers.map(
      (row: { customer: { id: string } }) => row.customer.id,
    );
    const first = await aging({ limit: 1 });
    expect(first.body.totals).toHaveLength(2);
    const second = await aging({ limit: 1, cursor: first.body.nextCursor });
    expect(second.body.nextCursor).toBeNull();
    expect(
      [...first.body.customers, ...second.body.customers].map(
        (row: { customer: { id: string } }) => row.customer.id,
      ),
    ).toEqual(all);
    expect(
      (await aging({ minOverdue: '1000' })).body.customers.map(
        (row: { customer: { id: string } }) => row.customer.id,
      ),
    ).toEqual([usd]);
    expect(
      (await aging({ currency: 'EUR' })).body.totals.map(
        (row: { currency: string }) => row.currency,
      ),
    ).toEqual(['EUR']);
    expect((await aging({ asOf: '2026-04-15', customerId: usd })).body.customers[0]).toMatchObject({
      // Only what was issued by then: due 05-01 (current), 04-01 and 03-31 (14 and 15 days).
      buckets: { current: '400.00', '1-30': '1100.00' },
      total: '1500.00',
    });
    expect((await aging({ riskTier: 'critical' })).body).toMatchObject({
      customers: [],
      totals: [],
    });
  });

  it('keeps account-bound callers to their accounts', async () => {
    const rep = {
      subject: 'rep-7',
      kind: 'sales_rep' as const,
      scopes: ['collections:read'],
      customerIds: [eur],
    };
    const report = await aging({}, rep);
    expect(
      report.body.customers.map((row: { customer: { id: string } }) => row.customer.id),
    ).toEqual([eur]);
    expect(report.body.totals.map((row: { currency: string }) => row.currency)).toEqual(['EUR']);
    expect((await aging({ customerId: usd }, rep)).body.customers).toEqual([]);
  });

  it.each([
    [{ asOf: '2026-02-30' }, '/query/asOf format'],
    [{ minOverdue: '-1' }, '/query/minOverdue pattern'],
    [{ limit: 0 }, '/query/limit minimum'],
    [{ riskTier: 'extreme' }, '/query/riskTier enum'],
    [{ cursor: 'bm9wZQ' }, '/query/cursor cursor'],
  ])('refuses %j naming the field', async (query, error) => {
    const response = await aging(query);
    expect(response.status).toBe(400);
    expect(fieldErrors(response)).toEqual([error]);
  });

  describe('DSO', () => {
    let customer: string;

    beforeAll(async () => {
      customer = (await client.factory.customer()).id;
      const sale = (issueDate: string, amount: string, applied = '0') =>
        client.factory.invoice({
          customerId: customer,
          issueDate,
          dueDate: '2026-12-31',
          lines: [{ quantity: '1', unitPrice: amount }],
          amountApplied: applied,
        });
      const { invoice } = await sale('2026-04-15', '1000.00');
      await sale('2026-06-01', '2000.00', '2000.00');
      await sale('2026-01-10', '500.00'); // before the period: receivable, not a sale of it
      await sale('2026-07-05', '4000.00'); // after the period end: neither
      await client.factory.creditMemo(invoice, '300.00', 'issued', '2026-05-01');
    });

    const dso = (query: Record<string, unknown>) =>
      client.collections('getDaysSalesOutstanding', '/dso', { customerId: customer, ...query });

    it('states the formula and computes receivables / net credit sales x days', async () => {
      const report = await dso({ periodEnd: '2026-06-30', periodDays: 90 });
      expect(report.status).toBe(200);
      // Receivables 700 + 0 + 500 = 1200; net sales 1000 + 2000 - 300 = 2700; 1200 / 2700 x 90.
      expect(report.body).toEqual({
        formula:
          'DSO = receivables at period end / net credit sales in the period x days in the period',
        periodStart: '2026-04-02',
        periodEnd: '2026-06-30',
        periodDays: 90,
        customerId: customer,
        figures: [
          {
            currency: 'USD',
            receivables: { amount: '1200.00', currency: 'USD' },
            creditSales: { amount: '2700.00', currency: 'USD' },
            dso: '40.0',
          },
        ],
      });
    });

    it('is null without sales in the period, and refuses a bad period', async () => {
      const quiet = await dso({ periodEnd: '2026-03-31', periodDays: 30 });
      expect(quiet.body.figures).toEqual([
        expect.objectContaining({
          receivables: { amount: '500.00', currency: 'USD' },
          creditSales: { amount: '0.00', currency: 'USD' },
          dso: null,
        }),
      ]);
      expect(fieldErrors(await dso({ periodDays: 0 }))).toEqual(['/query/periodDays minimum']);
      expect(fieldErrors(await dso({ periodEnd: 'yesterday' }))).toEqual([
        '/query/periodEnd format',
      ]);
    });
  });

  describe('a past day', () => {
    const pastManager = `aging-past-${Date.now()}@example.com`;
    let customer: string;

    beforeAll(async () => {
      customer = (
        await client.factory.customer({ name: 'Aging Past', accountManager: pastManager })
      ).id;
      const { invoice } = await client.factory.invoice({
        customerId: customer,
        issueDate: '2026-05-01',
        dueDate: '2026-06-01',
        lines: [{ quantity: '1', unitPrice: '400.00' }],
      });
      // Paid in full now, long after AS_OF.
      const paid = await client
        .agent()
        .post('/process/v1/payments')
        .set('idempotency-key', randomUUID())
        .send({
          payer: { customerId: customer },
          amount: { amount: '400.00', currency: 'USD' },
          method: 'ach',
          valueDate: new Date().toISOString().slice(0, 10),
          bankReference: `BR-${randomUUID().slice(0, 8)}`,
          remittanceLines: [{ invoiceId: invoice.id, amountPaid: '400.00' }],
        });
      expect(paid.status).toBe(201);
      expect(paid.body.status).toBe('applied');
    });

    it("ages a past day with the balances of that day, and today with today's", async () => {
      const past = await aging({ accountManager: pastManager });
      expect(past.status).toBe(200);
      expect(past.body.customers).toEqual([
        expect.objectContaining({
          currency: 'USD',
          total: '400.00',
          buckets: expect.objectContaining({ '1-30': '400.00' }),
        }),
      ]);
      const today = await client.collections('getReceivablesAging', '/aging', {
        accountManager: pastManager,
      });
      expect(today.status).toBe(200);
      expect(today.body.customers).toEqual([]);
    });

    it('counts the receivables of a past period end as they stood', async () => {
      const dso = (query: Record<string, unknown>) =>
        client.collections('getDaysSalesOutstanding', '/dso', { customerId: customer, ...query });
      const past = await dso({ periodEnd: AS_OF, periodDays: 90 });
      expect(past.body.figures).toEqual([
        expect.objectContaining({ receivables: { amount: '400.00', currency: 'USD' } }),
      ]);
      const now = await dso({ periodDays: 90 });
      expect(now.body.figures).toEqual([
        expect.objectContaining({ receivables: { amount: '0.00', currency: 'USD' } }),
      ]);
    });
  });
});
