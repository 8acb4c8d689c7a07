import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bai2File, centsOf } from '../factories/remittance-file.factory';
import { CashClient } from './cash.client';
import { exactPassWaiting } from './exact-pass.support';

/**
 * The exact-reference pass writes in one statement whose guarded updates may find an invoice
 * changed meanwhile: then nothing of the batch stays (applications, events and messages its
 * other parts inserted included), and the batch runs again payment by payment.
 */
describe('exact-reference pass refused by a concurrent change', () => {
  let cash: CashClient;

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  it('leaves nothing of the refused statement, and the batch is applied payment by payment', async () => {
    const customer = await cash.customer();
    const [contested, other] = await cash.invoices(customer, [
      { total: '500.00' },
      { total: '300.00' },
    ]);
    const content = bai2File({
      fileId: `F${randomUUID().slice(0, 8)}`,
      credits: [contested, other].map((invoice, index) => ({
        cents: centsOf(invoice.total),
        bankReference: `REFUSE-${index}-${randomUUID().slice(0, 6)}`,
        customerNumber: customer.customerNumber,
        documents: [{ reference: invoice.number, amount: invoice.total }],
      })),
    });
    const warned = jest.spyOn(Logger.prototype, 'warn');
    const elsewhere = new Client({ connectionString: cash.gateway.database.url });
    await elsewhere.connect();
    try {
      // Someone else takes 100.00 of the contested invoice and commits only once the file's
      // exact pass, which read the invoice's balance as 500.00, waits for the row.
      await elsewhere.query('BEGIN');
      await elsewhere.query(
        `UPDATE invoices SET amount_applied = amount_applied + 100,
                open_balance = open_balance - 100, status = 'partially_paid'
          WHERE id = $1`,
        [contested.id],
      );
      const imported = cash.importFile(content, 'text/plain');
      await exactPassWaiting(cash);
      await elsewhere.query('COMMIT');
      const response = await imported;
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ status: 'processed', paymentCount: 2 });
    } finally {
      await elsewhere.end();
    }
    expect(warned.mock.calls.some((call) => call[1] === 'batch refused; payment by payment')).toBe(
      true,
    );
    warned.mockRestore();

    const payments = await cash.sql<{ id: string; amount: string; status: string }>(
      `SELECT id, amount::text AS amount, status FROM payments WHERE customer_id = $1
        ORDER BY amount`,
      [customer.customerId],
    );
    expect(payments).toHaveLength(2);
    const ids = payments.map((payment) => payment.id);
    // Each applied payment has its applications, one payment.applied event and one message;
    // none was left by the refused statement (whose ids were drawn for both payments).
    const applied = await cash.sql<{ paymentId: string; invoiceId: string; amount: string }>(
      `SELECT payment_id AS "paymentId", invoice_id AS "invoiceId", amount::text AS amount
         FROM cash_applications WHERE payment_id = ANY($1::uuid[]) AND status = 'applied'`,
      [ids],
    );
    const events = await cash.sql<{ objectId: string; applications: string[] }>(
      `SELECT object_id AS "objectId",
              ARRAY(SELECT x->>'applicationId'
                      FROM jsonb_array_elements(data->'applications') x) AS applications
         FROM process_events WHERE activity = 'payment.applied' AND object_id = ANY($1::text[])`,
      [ids],
    );
    const messages = await cash.sql<{ aggregateId: string }>(
      `SELECT aggregate_id AS "aggregateId" FROM outbox_messages
        WHERE event_type = 'payment.applied' AND aggregate_id = ANY($1::text[])`,
      [ids],
    );
    const withApplications = [...new Set(applied.map((row) => row.paymentId))].sort();
    expect(events.map((event) => event.objectId).sort()).toEqual(withApplications);
    expect(messages.map((message) => message.aggregateId).sort()).toEqual(withApplications);
    const [written] = await cash.sql<{ ids: string[] }>(
      `SELECT ARRAY(SELECT id::text FROM cash_applications
                     WHERE payment_id = ANY($1::uuid[])) AS ids`,
      [ids],
    );
    expect(events.flatMap((event) => event.applications).sort()).toEqual(
      [...(written?.ids ?? [])].sort(),
    );
    // The uncontested invoice is settled once, by its payment.
    expect(applied.filter((row) => row.invoiceId === other.id)).toHaveLength(1);
    expect(await cash.invoice(other.id)).toMatchObject({
      status: 'paid',
      open_balance: '0.0000',
      amount_applied: '300.0000',
    });
    // The contested one never beyond its balance: 100.00 elsewhere plus what its payment took.
    const took = applied
      .filter((row) => row.invoiceId === contested.id)
      .reduce((sum, row) => sum + centsOf(row.amount.replace(/0{2}$/, '')), 0n);
    const invoice = await cash.invoice(contested.id);
    expect(centsOf(invoice.amount_applied.replace(/0{2}$/, ''))).toBe(10_000n + took);
    expect(took).toBeLessThanOrEqual(40_000n);
  });
});
