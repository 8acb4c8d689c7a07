import { Client } from 'pg';
import { OrderIntakeFixtures } from '../factories/order-intake.factory';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * receivable_open_items against the invoices it mirrors, through every way an invoice moves:
 * the statement triggers on invoices must list exactly the invoices with an open balance that
 * are issued, partially paid or disputed, with what each carries of its invoice.
 */
let database: TestDatabase;
let fixtures: OrderIntakeFixtures;
let client: Client;
let customerId: string;
let otherCustomerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  fixtures = await OrderIntakeFixtures.connect(database.url);
  client = fixtures.client;
  customerId = (await fixtures.customer()).id;
  otherCustomerId = (await fixtures.customer()).id;
});

afterAll(async () => {
  await fixtures?.close();
  await database?.drop();
});

interface OpenItem {
  customerId: string;
  dueDate: string;
}

async function openItem(invoiceId: string): Promise<OpenItem | undefined> {
  const { rows } = await client.query<OpenItem>(
    `SELECT customer_id AS "customerId", due_date::text AS "dueDate"
       FROM receivable_open_items WHERE invoice_id = $1`,
    [invoiceId],
  );
  return rows[0];
}

/** Applies `amount` as the ledger writer does: balance, status, version and time together. */
async function settle(invoiceId: string, amount: string, status: string): Promise<void> {
  await client.query(
    `UPDATE invoices
        SET amount_applied = amount_applied + $2::numeric, open_balance = open_balance - $2::numeric,
            status = $3, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [invoiceId, amount, status],
  );
}

const CARRIED = `customer_id, series, invoice_number, currency, issue_date, due_date,
  payment_terms, total, open_balance`;

const OPEN_INVOICES = `SELECT id, ${CARRIED} FROM invoices
  WHERE open_balance > 0 AND status IN ('issued', 'partially_paid', 'disputed')`;

const OPEN_ITEMS = `SELECT invoice_id, ${CARRIED} FROM receivable_open_items`;

/** Open invoices and open items that do not agree, in either direction, in any column. */
async function mismatches(): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM (
       (${OPEN_INVOICES} EXCEPT ${OPEN_ITEMS}) UNION ALL (${OPEN_ITEMS} EXCEPT ${OPEN_INVOICES})
     ) differences`,
  );
  return rows[0].count;
}

async function openBalanceOfItem(invoiceId: string): Promise<string | undefined> {
  const { rows } = await client.query<{ openBalance: string }>(
    `SELECT open_balance::text AS "openBalance" FROM receivable_open_items WHERE invoice_id = $1`,
    [invoiceId],
  );
  return rows[0]?.openBalance;
}

describe('receivable open items', () => {
  it('lists an invoice issued with a balance, with its customer and due date', async () => {
    const invoiceId = await fixtures.receivable(customerId, '100.00', '2026-05-31');

    expect(await openItem(invoiceId)).toEqual({ customerId, dueDate: '2026-05-31' });
  });

  it('keeps a part-paid invoice, drops it once paid, and takes it back when cash is reversed', async () => {
    const invoiceId = await fixtures.receivable(customerId, '100.00', '2026-05-31');

    await settle(invoiceId, '40.00', 'partially_paid');
    expect(await openBalanceOfItem(invoiceId)).toBe('60.0000');

    await settle(invoiceId, '60.00', 'paid');
    expect(await openItem(invoiceId)).toBeUndefined();

    await settle(invoiceId, '-60.00', 'partially_paid');
    expect(await openItem(invoiceId)).toEqual({ customerId, dueDate: '2026-05-31' });
    expect(await openBalanceOfItem(invoiceId)).toBe('60.0000');
    expect(await mismatches()).toBe(0);
  });

  it('drops an invoice credited down to nothing, though its status stays issued', async () => {
    const invoiceId = await fixtures.receivable(customerId, '80.00', '2026-05-31');

    await client.query(
      `UPDATE invoices SET amount_credited = total, open_balance = 0, version = version + 1
        WHERE id = $1`,
      [invoiceId],
    );

    const { rows } = await client.query<{ status: string }>(
      'SELECT status FROM invoices WHERE id = $1',
      [invoiceId],
    );
    expect(rows[0].status).toBe('issued');
    expect(await openItem(invoiceId)).toBeUndefined();
  });

  it('keeps a disputed invoice, and drops written-off and void ones whatever their balance', async () => {
    const disputed = await fixtures.receivable(customerId, '50.00', '2026-05-31');
    const writtenOff = await fixtures.receivable(customerId, '50.00', '2026-05-31');
    const voided = await fixtures.receivable(customerId, '50.00', '2026-05-31');

    await client.query(`UPDATE invoices SET status = 'disputed' WHERE id = $1`, [disputed]);
    await client.query(`UPDATE invoices SET status = 'written_off' WHERE id = $1`, [writtenOff]);
    await client.query(`UPDATE invoices SET status = 'void' WHERE id = $1`, [voided]);

    expect(await openItem(disputed)).toBeDefined();
    expect(await openItem(writtenOff)).toBeUndefined();
    expect(await openItem(voided)).toBeUndefined();
  });

  it('follows a change of customer, due date or terms', async () => {
    const invoiceId = await fixtures.receivable(customerId, '70.00', '2026-05-31');

    await client.query(`UPDATE invoices SET due_date = '2026-06-30' WHERE id = $1`, [invoiceId]);
    expect(await openItem(invoiceId)).toEqual({ customerId, dueDate: '2026-06-30' });

    await client.query(`UPDATE invoices SET customer_id = $2 WHERE id = $1`, [
      invoiceId,
      otherCustomerId,
    ]);
    expect(await openItem(invoiceId)).toEqual({
      customerId: otherCustomerId,
      dueDate: '2026-06-30',
    });

    await client.query(`UPDATE invoices SET payment_terms = 'NET45' WHERE id = $1`, [invoiceId]);
    expect(await mismatches()).toBe(0);
  });

  it('follows one statement that moves invoices every way at once', async () => {
    const paid = await fixtures.receivable(customerId, '10.00', '2026-05-31');
    const partly = await fixtures.receivable(customerId, '10.00', '2026-05-31');
    const reopened = await fixtures.receivable(customerId, '10.00', '2026-05-31');
    const moved = await fixtures.receivable(customerId, '10.00', '2026-05-31');
    const voided = await fixtures.receivable(customerId, '10.00', '2026-05-31');
    const untouched = await fixtures.receivable(customerId, '10.00', '2026-05-31');
    await settle(reopened, '10.00', 'paid');

    await client.query(
      `UPDATE invoices i
          SET amount_applied = i.amount_applied + w.settles,
              open_balance = i.open_balance - w.settles,
              status = w.status, due_date = COALESCE(w.due_date, i.due_date),
              version = i.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::numeric[], $3::text[], $4::date[])
           AS w(id, settles, status, due_date)
        WHERE i.id = w.id`,
      [
        [paid, partly, reopened, moved, voided, untouched],
        ['10.00', '4.00', '-10.00', '0', '0', '0'],
        ['paid', 'partially_paid', 'issued', 'issued', 'void', 'issued'],
        [null, null, null, '2026-07-31', null, null],
      ],
    );

    expect(await openItem(paid)).toBeUndefined();
    expect(await openItem(partly)).toEqual({ customerId, dueDate: '2026-05-31' });
    expect(await openBalanceOfItem(partly)).toBe('6.0000');
    expect(await openItem(reopened)).toEqual({ customerId, dueDate: '2026-05-31' });
    expect(await openItem(moved)).toEqual({ customerId, dueDate: '2026-07-31' });
    expect(await openItem(voided)).toBeUndefined();
    expect(await openItem(untouched)).toEqual({ customerId, dueDate: '2026-05-31' });
    expect(await mismatches()).toBe(0);
  });

  it('goes with its invoice', async () => {
    const invoiceId = await fixtures.receivable(customerId, '20.00', '2026-05-31');

    await client.query('DELETE FROM invoices WHERE id = $1', [invoiceId]);

    expect(await openItem(invoiceId)).toBeUndefined();
  });

  it('lets a settlement update invoices in place (HOT): no index holds what it changes', async () => {
    const invoiceIds: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      invoiceIds.push(await fixtures.receivable(customerId, '30.00', '2026-05-31'));
    }
    const before = await invoiceUpdates();

    for (const invoiceId of invoiceIds.slice(0, 3)) await settle(invoiceId, '30.00', 'paid');
    for (const invoiceId of invoiceIds.slice(3)) await settle(invoiceId, '5.00', 'partially_paid');

    const after = await invoiceUpdates();
    expect(after.updates - before.updates).toBe(5);
    expect(after.hot - before.hot).toBe(5);
    expect(await mismatches()).toBe(0);
  });
});

/** Updates of invoices so far, and how many of them were HOT (stats flushed first). */
async function invoiceUpdates(): Promise<{ updates: number; hot: number }> {
  await client.query('SELECT pg_stat_force_next_flush()');
  // A new statement after the flush, in a new snapshot of the statistics.
  const { rows } = await client.query<{ updates: string; hot: string }>(
    `SELECT n_tup_upd AS updates, n_tup_hot_upd AS hot
       FROM pg_stat_user_tables WHERE relname = 'invoices'`,
  );
  return { updates: Number(rows[0].updates), hot: Number(rows[0].hot) };
}
