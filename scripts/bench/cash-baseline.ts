import { Client } from 'pg';
import { benchCustomerNumber } from './cash-seed';
import type { BenchWorkload } from './cash-workload';

export interface CashBaseline {
  readonly lines: number;
  readonly exactMatches: number;
  readonly amountMatches: number;
  readonly ms: number;
}

/**
 * The plain set-based matcher the gateway is compared with, on the same lines and ledger: the
 * lines staged in a table, then one UPDATE settling every invoice whose number and open
 * balance a line states exactly, and one for payments without remittance whose amount is the
 * balance of exactly one open invoice of the customer. No payer identification, no
 * application rows, no events, no audit: the floor of what matching costs. Run in a
 * transaction that is rolled back, so the gateway then works on the same ledger.
 */
export async function runCashBaseline(url: string, workload: BenchWorkload): Promise<CashBaseline> {
  const customers: string[] = [];
  const numbers: string[] = [];
  const amounts: string[] = [];
  const bareCustomers: string[] = [];
  const bareAmounts: string[] = [];
  for (const payment of workload.payments) {
    for (const line of payment.lines) {
      const match = /^INV-(\d+)$/.exec(line.reference);
      if (match?.[1] === undefined) continue;
      customers.push(benchCustomerNumber(payment.customer));
      numbers.push(String(Number(match[1])));
      amounts.push((line.paid / 100).toFixed(2));
    }
    if (payment.lines.length === 0) {
      bareCustomers.push(benchCustomerNumber(payment.customer));
      bareAmounts.push((payment.cents / 100).toFixed(2));
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE staged_lines ON COMMIT DROP AS
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::numeric[]) AS s(customer_number, invoice_number, amount)`,
      [customers, numbers, amounts],
    );
    await client.query(
      `CREATE TEMP TABLE staged_payments ON COMMIT DROP AS
       SELECT * FROM unnest($1::text[], $2::numeric[]) AS s(customer_number, amount)`,
      [bareCustomers, bareAmounts],
    );
    await client.query('ANALYZE staged_lines; ANALYZE staged_payments');
    const started = process.hrtime.bigint();
    const exact = await client.query(
      `WITH matched AS (
         SELECT DISTINCT ON (i.id) i.id, s.amount
           FROM staged_lines s
           JOIN customers c ON c.customer_number = s.customer_number
           JOIN invoices i ON i.customer_id = c.id AND i.series = 'INV'
                          AND i.invoice_number = s.invoice_number
          WHERE i.open_balance = s.amount AND i.status IN ('issued', 'partially_paid'))
       UPDATE invoices i SET amount_applied = i.amount_applied + m.amount,
                             open_balance = i.open_balance - m.amount, status = 'paid',
                             version = i.version + 1, updated_at = now()
         FROM matched m WHERE i.id = m.id AND i.open_balance >= m.amount`,
    );
    const amount = await client.query(
      `WITH candidates AS (
         SELECT i.id, s.amount, count(*) OVER (PARTITION BY s.customer_number, s.amount) AS hits
           FROM staged_payments s
           JOIN customers c ON c.customer_number = s.customer_number
           JOIN invoices i ON i.customer_id = c.id AND i.open_balance = s.amount
                          AND i.status IN ('issued', 'partially_paid'))
       UPDATE invoices i SET amount_applied = i.amount_applied + c.amount,
                             open_balance = i.open_balance - c.amount, status = 'paid',
                             version = i.version + 1, updated_at = now()
         FROM candidates c WHERE i.id = c.id AND c.hits = 1`,
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      lines: customers.length + bareCustomers.length,
      exactMatches: exact.rowCount ?? 0,
      amountMatches: amount.rowCount ?? 0,
      ms,
    };
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}
