import { Client } from 'pg';
import { CashApplicationRun, CashJournal, CashTransactions } from '@o2c/process-api';
import { CashClient, paymentBody } from './cash.client';
import { exactPassWaiting } from './exact-pass.support';

/**
 * Invoices are locked in one order whoever locks them (CashLedgerWriter: by id), so a batch's
 * exact-reference pass and a person's posting on the same invoices queue instead of
 * deadlocking: while the pass waits for an invoice, it holds none with a greater id.
 */
describe('exact-reference pass: invoice lock order', () => {
  let cash: CashClient;
  const actor = { principal: 'internal:lock-order', kind: 'internal', subject: 'lock-order' };

  beforeAll(async () => {
    cash = await CashClient.start();
  });
  afterAll(() => cash.close());

  it('holds no invoice of a greater id while it waits for one', async () => {
    const customer = await cash.customer();
    const invoices = await cash.invoices(customer, [{ total: '150.00' }, { total: '150.00' }]);
    const [low, high] = [...invoices].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (low === undefined || high === undefined) throw new Error('two invoices expected');
    // Two payments of 150.00 waiting untouched (recorded while the invoices were void).
    const ids = invoices.map((invoice) => invoice.id);
    await cash.sql(`UPDATE invoices SET status = 'void' WHERE id = ANY($1::uuid[])`, [ids]);
    const payments: string[] = [];
    for (const invoice of invoices) {
      const response = await cash.recordPayment(
        paymentBody(customer, '150.00', [{ invoiceId: invoice.id, amountPaid: '150.00' }]),
      );
      expect(response.body.status).toBe('unapplied');
      payments.push(String(response.body.id));
    }
    await cash.sql(`UPDATE invoices SET status = 'issued' WHERE id = ANY($1::uuid[])`, [ids]);
    // The payment of the lower id names the invoice of the greater id: the pass, which takes
    // the payments in id order, reaches that invoice first.
    const [first, second] = [...payments].sort();
    await cash.sql(`UPDATE remittance_lines SET invoice_id = $2 WHERE payment_id = $1`, [
      first,
      high.id,
    ]);
    await cash.sql(`UPDATE remittance_lines SET invoice_id = $2 WHERE payment_id = $1`, [
      second,
      low.id,
    ]);

    // A person's posting on both invoices has locked the first of them by id, as
    // CashLedgerWriter locks, and is about to lock the second.
    const person = new Client({ connectionString: cash.gateway.database.url });
    const probe = new Client({ connectionString: cash.gateway.database.url });
    await person.connect();
    await probe.connect();
    try {
      await person.query('BEGIN');
      await person.query('SELECT id FROM invoices WHERE id = $1 FOR UPDATE', [low.id]);
      const batch = cash.gateway.app.get(CashTransactions).run(async (manager) => {
        const journal = new CashJournal(actor);
        await cash.gateway.app
          .get(CashApplicationRun)
          .apply(manager, [first, second], actor, journal, { mode: 'apply', setBased: true });
        await journal.flush(manager);
      });
      await exactPassWaiting(cash);
      let held = false;
      try {
        await probe.query('SELECT id FROM invoices WHERE id = $1 FOR UPDATE NOWAIT', [high.id]);
      } catch (error) {
        if ((error as { code?: string }).code !== '55P03') throw error;
        // The person's next lock would wait for the batch, which waits for the person.
        held = true;
      }
      await person.query('ROLLBACK');
      await batch;
      expect(held).toBe(false);
    } finally {
      await person.end();
      await probe.end();
    }
  });
});
