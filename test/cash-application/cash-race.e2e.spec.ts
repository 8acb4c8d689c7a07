import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { BillingCustomer, InsertedInvoice } from '../factories/invoice.factory';
import { CashClient, type cashApplier, paymentBody } from './cash.client';

type Person = ReturnType<typeof cashApplier>;

/**
 * Concurrent application requests against real PostgreSQL (16 pooled connections): however
 * they interleave, an invoice is never settled beyond its open balance, a payment never gives
 * more than it has, and every refused request wrote nothing. The guarded statements decide;
 * the answers are 200 or 409, never a 500.
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
});
