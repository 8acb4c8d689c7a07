import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CashInputsRepository } from '@o2c/process-api';
import { OpenInvoiceLedger } from '@o2c/domain';
import type { Response } from 'supertest';
import type { BillingCustomer, InsertedInvoice } from '../factories/invoice.factory';
import { bai2File, centsOf } from '../factories/remittance-file.factory';
import { CashClient, type cashApplier, paymentBody } from './cash.client';

type Person = ReturnType<typeof cashApplier>;

/**
 * Concurrent application requests against real PostgreSQL (16 pooled connections): however
 * they interleave, an invoice is never settled beyond its open balance, a payment never gives
 * more than it has, and every refused request wrote nothing. The guarded statements decide;
 * the answers are 200 or 409, never a 500. Payments recorded at once for the same invoices
 * are all recorded (201): one settles each invoice, the others wait in the queue.
 */
describe('cash application under concurrency', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start({ DATABASE_POOL_SIZE: '16' });
  });
  afterAll(() => cash.close());

  /** Each request as its own principal: the rate limit counts per principal. */
  const person = (index: number): Person => ({
    subject: `racer-${index}`,
    kind: 'internal',
    roles: ['cash-applier'],
    scopes: ['payments:read', 'payments:write', 'cash-applications:write'],
  });

  /** A JSON payment paying `invoice` in full, by id, as the racer `index`. */
  function payInFull(customer: BillingCustomer, invoice: InsertedInvoice, index: number) {
    return cash.recordPayment(
      paymentBody(customer, invoice.total, [{ invoiceId: invoice.id, amountPaid: invoice.total }]),
      person(index),
    );
  }

  /** Each payment as recorded: applied in full, or unapplied with an open review task. */
  async function paymentsOf(ids: string[]) {
    return cash.sql<{
      id: string;
      status: string;
      applied: string;
      unapplied: string;
      applications: string;
      tasks: string;
    }>(
      `SELECT p.id, p.status, p.amount_applied::text AS applied, p.unapplied::text AS unapplied,
              (SELECT count(*) FROM cash_applications a
                WHERE a.payment_id = p.id AND a.status = 'applied')::text AS applications,
              (SELECT count(*) FROM tasks t
                WHERE t.queue = 'cash-application' AND t.subject_id = p.id
                  AND t.status IN ('open', 'claimed'))::text AS tasks
         FROM payments p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async function unappliedPayments(customer: BillingCustomer, count: number, amount: string) {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const response = await cash.recordPayment(paymentBody(customer, amount));
      expect(response.body.status).toBe('unapplied');
      ids.push(response.body.id);
    }
    return ids;
  }

  function apply(paymentId: string, invoiceId: string, amount: string, index: number) {
    return cash.applyCash(
      paymentId,
      { applications: [{ invoiceId, amount }] },
      { 'idempotency-key': randomUUID() },
      person(index),
    );
  }

  /** Stored balances agree with the live applications, and no balance went below zero. */
  async function expectLedgerConsistent(invoices: InsertedInvoice[], paymentIds: string[]) {
    const invoiceRows = await cash.sql<{ id: string; ok: boolean }>(
      `SELECT i.id,
              i.open_balance >= 0
              AND i.amount_applied = COALESCE((SELECT sum(a.amount + a.discount_amount + a.write_off_amount)
                                                 FROM cash_applications a
                                                WHERE a.invoice_id = i.id AND a.status = 'applied'), 0)
              AND i.open_balance = i.total - i.amount_applied - i.amount_credited AS ok
         FROM invoices i WHERE i.id = ANY($1::uuid[])`,
      [invoices.map((invoice) => invoice.id)],
    );
    expect(invoiceRows.every((row) => row.ok)).toBe(true);
    const paymentRows = await cash.sql<{ id: string; ok: boolean }>(
      `SELECT p.id,
              p.unapplied >= 0
              AND p.amount_applied = COALESCE((SELECT sum(a.amount) FROM cash_applications a
                                                WHERE a.payment_id = p.id AND a.status = 'applied'), 0)
              AND p.unapplied = p.amount - p.amount_applied AS ok
         FROM payments p WHERE p.id = ANY($1::uuid[])`,
      [paymentIds],
    );
    expect(paymentRows.every((row) => row.ok)).toBe(true);
  }

  const statuses = (responses: Response[]) =>
    responses.reduce<Record<number, number>>((tally, response) => {
      tally[response.status] = (tally[response.status] ?? 0) + 1;
      return tally;
    }, {});

  it('30 payments racing for one invoice of 1,000.00: exactly 14 of 70.00 fit', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    const payments = await unappliedPayments(customer, 30, '70.00');
    const responses = await Promise.all(
      payments.map((paymentId, index) => apply(paymentId, invoice.id, '70.00', index)),
    );
    expect(statuses(responses)).toEqual({ 200: 14, 409: 16 });
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.code).toBe('CASH.INVOICE_BALANCE_EXCEEDED');
    }
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'partially_paid',
      open_balance: '20.0000',
      amount_applied: '980.0000',
    });
    const untouched = await cash.sql<{ count: string }>(
      `SELECT count(*)::text AS count FROM payments
        WHERE id = ANY($1::uuid[]) AND amount_applied = 0 AND unapplied = amount`,
      [payments],
    );
    expect(untouched[0]?.count).toBe('16');
    await expectLedgerConsistent([invoice], payments);
  });

  it('30 applications racing for one payment of 500.00: exactly 12 of 40.00 fit', async () => {
    const customer = await cash.customer();
    const invoices = await cash.invoices(
      customer,
      Array.from({ length: 30 }, () => ({ total: '50.00' })),
    );
    const [payment] = await unappliedPayments(customer, 1, '500.00');
    const responses = await Promise.all(
      invoices.map((invoice, index) => apply(payment ?? '', invoice.id, '40.00', index)),
    );
    expect(statuses(responses)).toEqual({ 200: 12, 409: 18 });
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.code).toBe('CASH.PAYMENT_BALANCE_EXCEEDED');
    }
    const [row] = await cash.sql<{ unapplied: string; status: string }>(
      'SELECT unapplied::text AS unapplied, status FROM payments WHERE id = $1',
      [payment],
    );
    expect(row).toEqual({ unapplied: '20.0000', status: 'partially_applied' });
    await expectLedgerConsistent(invoices, [payment ?? '']);
  });

  it('80 crossing requests (8 payments x 10 invoices) keep every balance whole', async () => {
    const customer = await cash.customer();
    const invoices = await cash.invoices(
      customer,
      Array.from({ length: 10 }, () => ({ total: '100.00' })),
    );
    const payments = await unappliedPayments(customer, 8, '130.00');
    const requests = payments.flatMap((paymentId, p) =>
      invoices.map((invoice, i) => ({ paymentId, invoiceId: invoice.id, index: p * 10 + i })),
    );
    // Shuffled deterministically, so rows are reached in every order.
    requests.sort((a, b) => ((a.index * 37) % 80) - ((b.index * 37) % 80));
    const responses = await Promise.all(
      requests.map((request) =>
        apply(request.paymentId, request.invoiceId, '30.00', request.index),
      ),
    );
    const tally = statuses(responses);
    expect(Object.keys(tally).sort()).toEqual(['200', '409']);
    // 8 x 130.00 = 1,040.00 of cash for 1,000.00 of invoices: 4 x 30.00 fit in 130.00 and
    // 3 x 30.00 (+10.00 left) in each 100.00 invoice, so at most 30 applications succeed.
    expect(tally[200]).toBeLessThanOrEqual(30);
    expect(tally[200]).toBeGreaterThanOrEqual(24);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect([
        'CASH.INVOICE_BALANCE_EXCEEDED',
        'CASH.PAYMENT_BALANCE_EXCEEDED',
        'RESOURCE.CONFLICT',
      ]).toContain(refused.body.code);
    }
    await expectLedgerConsistent(invoices, payments);
  });

  it('8 JSON payments of 1,000.00 racing for one invoice of 1,000.00: all recorded, one applied', async () => {
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '1000.00' }]);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) => payInFull(customer, invoice, index)),
    );
    expect(statuses(responses)).toEqual({ 201: 8 });
    const ids = responses.map((response) => String(response.body.id));
    const applied = responses.filter((response) => response.body.status === 'applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]?.body.applications).toEqual([
      expect.objectContaining({
        invoiceId: invoice.id,
        amount: { amount: '1000.00', currency: 'USD' },
      }),
    ]);
    // The others are kept whole, each waiting in the queue with its task.
    for (const response of responses.filter((r) => r.body.status !== 'applied')) {
      expect(response.body).toMatchObject({
        status: 'unapplied',
        amountApplied: { amount: '0.00' },
        unapplied: { amount: '1000.00' },
        applications: [],
        reviewTask: expect.objectContaining({ id: expect.any(String) }),
      });
    }
    const rows = await paymentsOf(ids);
    expect(rows).toHaveLength(8);
    expect(rows.filter((row) => row.status === 'applied')).toEqual([
      expect.objectContaining({ applied: '1000.0000', unapplied: '0.0000', applications: '1' }),
    ]);
    expect(rows.filter((row) => row.status !== 'applied')).toEqual(
      Array.from({ length: 7 }, () =>
        expect.objectContaining({
          status: 'unapplied',
          applied: '0.0000',
          unapplied: '1000.0000',
          applications: '0',
          tasks: '1',
        }),
      ),
    );
    expect(await cash.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      open_balance: '0.0000',
      amount_applied: '1000.0000',
    });
    // Every payment was received (and published so), exactly one applied.
    const events = await cash.sql<{ event_type: string; count: string }>(
      `SELECT event_type, count(*)::text AS count FROM outbox_messages
        WHERE aggregate_id = ANY($1::text[]) GROUP BY event_type ORDER BY event_type`,
      [ids],
    );
    expect(events).toEqual([
      { event_type: 'payment.applied', count: '1' },
      { event_type: 'payment.received', count: '8' },
    ]);
    // Each recording is audited, also where a refused try was undone after it.
    const [audited] = await cash.sql<{ count: string }>(
      `SELECT count(DISTINCT object_id)::text AS count FROM audit_log
        WHERE object_type = 'payments' AND object_id = ANY($1::text[]) AND before IS NULL`,
      [ids],
    );
    expect(audited?.count).toBe('8');
    await expectLedgerConsistent([invoice], ids);
    // A request sent again with its Idempotency-Key gets the answer it got, not a second payment.
    const key = randomUUID();
    const body = paymentBody(customer, '1000.00', [
      { invoiceId: invoice.id, amountPaid: '1000.00' },
    ]);
    const first = await cash.recordPayment(body, person(9), key);
    const again = await cash.recordPayment(body, person(9), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(first.status);
    expect(again.body.id).toBe(first.body.id);
  });

  it('a remittance file racing JSON payments for the same invoices settles each invoice once', async () => {
    const customer = await cash.customer();
    const invoices = await cash.invoices(
      customer,
      Array.from({ length: 4 }, (_, index) => ({ total: `${400 + index * 25}.00` })),
    );
    const content = bai2File({
      fileId: `F${randomUUID().slice(0, 8)}`,
      credits: invoices.map((invoice, index) => ({
        cents: centsOf(invoice.total),
        bankReference: `RACE-${index}-${randomUUID().slice(0, 6)}`,
        customerNumber: customer.customerNumber,
        documents: [{ reference: invoice.number, amount: invoice.total }],
      })),
    });
    const json = invoices.flatMap((invoice, index) => [
      { invoice, index: index * 2 },
      { invoice, index: index * 2 + 1 },
    ]);
    const [file, ...responses] = await Promise.all([
      cash.importFile(content, 'text/plain', { fileName: 'race.bai2' }, person(20)),
      ...json.map(({ invoice, index }) => payInFull(customer, invoice, index)),
    ]);
    expect(file?.status).toBe(201);
    expect(file?.body).toMatchObject({ status: 'processed', paymentCount: 4 });
    expect(statuses(responses)).toEqual({ 201: json.length });
    const filePayments = await cash.sql<{ id: string }>(
      'SELECT id FROM payments WHERE source_file_id = $1',
      [file?.body.id],
    );
    const ids = [
      ...filePayments.map((row) => row.id),
      ...responses.map((response) => String(response.body.id)),
    ];
    expect(ids).toHaveLength(4 + json.length);
    const rows = await paymentsOf(ids);
    // Each payment is whole: applied in full to its invoice, or untouched and in the queue.
    for (const row of rows) {
      expect([
        { status: 'applied', unapplied: '0.0000', applications: '1', tasks: '0' },
        { status: 'unapplied', unapplied: row.unapplied, applications: '0', tasks: '1' },
      ]).toContainEqual({
        status: row.status,
        unapplied: row.unapplied,
        applications: row.applications,
        tasks: row.tasks,
      });
    }
    expect(rows.filter((row) => row.status === 'applied')).toHaveLength(invoices.length);
    for (const invoice of invoices) {
      expect(await cash.invoice(invoice.id)).toMatchObject({
        status: 'paid',
        open_balance: '0.0000',
        amount_applied: `${invoice.total}00`,
      });
      const [applied] = await cash.sql<{ count: string }>(
        `SELECT count(*)::text AS count FROM cash_applications
          WHERE invoice_id = $1 AND status = 'applied'`,
        [invoice.id],
      );
      expect(applied?.count).toBe('1');
    }
    await expectLedgerConsistent(invoices, ids);
  });

  it('reads an invoice paid meanwhile as open or as paid, never as both', async () => {
    const inputs = cash.gateway.app.get(CashInputsRepository);
    const customer = await cash.customer();
    const [invoice] = await cash.invoices(customer, [{ total: '250.00' }]);
    const [series, number] = invoice.number.split('-');
    const other = new Client({ connectionString: cash.gateway.database.url });
    await other.connect();
    try {
      // Another transaction pays the invoice in full and commits once the read has sent its
      // first statement: between two statements of the read, had it two.
      const payInFullElsewhere = () =>
        other.query(
          `UPDATE invoices SET status = 'paid', open_balance = 0, amount_applied = total
            WHERE id = $1`,
          [invoice.id],
        );
      const named = [{ series: series ?? '', number: String(Number(number)) }];
      let statements = 0;
      const rows = await cash.dataSource.transaction(async (manager) => {
        const racing = new Proxy(manager, {
          get(target, property, receiver) {
            if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
            return async (text: string, values?: unknown[]) => {
              statements += 1;
              if (statements > 1) await payInFullElsewhere();
              return target.query(text, values);
            };
          },
        });
        await manager.query('SELECT 1'); // the transaction has begun before the race starts
        statements = 0;
        return inputs.openInvoices(racing, [customer.customerId], named);
      });
      const listed = rows.get(customer.customerId) ?? [];
      expect(listed.map((row) => row.invoiceId)).toEqual([invoice.id]);
      expect(() => OpenInvoiceLedger.fromRows(listed, customer.customerId)).not.toThrow();
      // And once it is paid, it is listed once, as paid (balance zero).
      await payInFullElsewhere();
      const after = await cash.dataSource.transaction((manager) =>
        inputs.openInvoices(manager, [customer.customerId], named),
      );
      expect(after.get(customer.customerId)).toEqual([
        expect.objectContaining({ invoiceId: invoice.id, openBalance: '0.0000' }),
      ]);
    } finally {
      await other.end();
    }
  });
});
