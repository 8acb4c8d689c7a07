import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { benchDatabase } from './bench-database';
import { startBenchGateway } from './bench-gateway.process';
import { signBenchToken } from './bench-token';

/**
 * Receivables at scale, through the gateway (HTTP, authenticated, validated):
 *
 *   node -r @swc-node/register scripts/bench/receivables.bench.ts
 *
 * Seeds BENCH_CUSTOMERS customers (default 10,000) with BENCH_INVOICES invoices each (default
 * 100: 1,000,000 invoices), due from 200 days ago to 30 days ahead, about a third of them
 * settled, with set-based SQL; then times AR aging (whole portfolio, one customer, overdue
 * filters), DSO, a first dunning run (notices for every overdue invoice, and the collections
 * queue for every overdue customer), a second run (nothing new) and the ranked queue.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 100);

const SEED_CUSTOMERS = `
  INSERT INTO customers (customer_number, name, currency, payment_terms, credit_limit, risk_tier, bill_to)
  SELECT 'AR-' || lpad(n::text, 6, '0'), 'Receivables customer ' || n, 'USD', 'NET30',
         (20000 + (n % 7) * 10000)::numeric,
         (ARRAY['low', 'medium', 'high', 'critical'])[1 + n % 4],
         '{"line1": "1 Main St", "city": "Reno", "country": "US"}'::jsonb
    FROM generate_series(1, $1::int) AS n`;

const SEED_ORDERS = `
  INSERT INTO sales_orders (order_number, customer_id, channel, status, currency, subtotal, total)
  SELECT 'SO-AR-' || customer_number, id, 'edi', 'invoiced', 'USD', 0, 0
    FROM customers WHERE customer_number LIKE 'AR-%'`;

/** Due dates spread over 230 days; every third invoice settled, every seventh part paid. */
const SEED_INVOICES = `
  INSERT INTO invoices (series, invoice_number, customer_id, order_id, currency, issue_date,
                        due_date, payment_terms, subtotal, total, amount_applied, open_balance,
                        status)
  SELECT 'BEN', row_number() OVER (), o.customer_id, o.id, 'USD',
         current_date - d.days_ago - 30, current_date - d.days_ago,
         'NET30', amount, amount,
         CASE WHEN k % 3 = 0 THEN amount WHEN k % 7 = 0 THEN round(amount / 2, 2) ELSE 0 END,
         CASE WHEN k % 3 = 0 THEN 0 WHEN k % 7 = 0 THEN amount - round(amount / 2, 2) ELSE amount END,
         CASE WHEN k % 3 = 0 THEN 'paid' WHEN k % 7 = 0 THEN 'partially_paid' ELSE 'issued' END
    FROM (SELECT id AS customer_id, row_number() OVER (ORDER BY customer_number) AS n
            FROM customers WHERE customer_number LIKE 'AR-%') c
    JOIN sales_orders o ON o.customer_id = c.customer_id
    CROSS JOIN generate_series(1, $1::int) AS k
    CROSS JOIN LATERAL (SELECT (100 + ((k * 37 + c.n * 11) % 4900))::numeric(19, 4) AS amount) a
    CROSS JOIN LATERAL (SELECT ((k * 7 + c.n) % 230 - 30)::int AS days_ago) d`;

async function seed(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO invoice_number_series (series, next_number) VALUES ('BEN', $1)`,
      [CUSTOMERS * INVOICES + 1],
    );
    await client.query(SEED_CUSTOMERS, [CUSTOMERS]);
    await client.query(SEED_ORDERS);
    await client.query(SEED_INVOICES, [INVOICES]);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const database = await benchDatabase({ customers: 1, items: 1 });
  const seeding = Date.now();
  await seed(database.url);
  process.stdout.write(
    `seeded ${CUSTOMERS} customers x ${INVOICES} invoices in ${Date.now() - seeding} ms\n`,
  );
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-bench-keys-')), 'signing-key.pem');
  const server = await startBenchGateway(database.url, keyFile);
  const token = signBenchToken(keyFile);
  const base = `http://127.0.0.1:${server.port}/process/v1`;
  const call = async (label: string, path: string, init: RequestInit = {}) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    const body = (await response.json()) as Record<string, unknown>;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!response.ok) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
    process.stdout.write(`${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms\n`);
    return body;
  };
  try {
    const first = await call('aging, whole portfolio (page of 50 + totals)', '/collections/aging');
    await call('aging, whole portfolio (again, warm)', '/collections/aging');
    const customers = first.customers as { customer: { id: string } }[];
    await call('aging, one customer', `/collections/aging?customerId=${customers[0]?.customer.id}`);
    await call('aging, overdue >= 100,000 only', '/collections/aging?minOverdue=100000');
    await call('DSO, 90 days', '/collections/dso?periodDays=90');
    const run = await call('dunning run #1 (notices + queue)', '/collections/dunning-runs', {
      method: 'POST',
      body: '{}',
    });
    process.stdout.write(
      `  examined ${String(run.invoicesExamined)} overdue invoices, issued ${String(run.noticesIssued)} notices, opened ${String(run.tasksOpened)} tasks\n`,
    );
    const again = await call('dunning run #2 (nothing new)', '/collections/dunning-runs', {
      method: 'POST',
      body: '{}',
    });
    process.stdout.write(`  issued ${String(again.noticesIssued)} notices\n`);
    await call('collections queue, top 50 by risk', '/collections/work-queue');
    const rss = process.memoryUsage().rss / 2 ** 20;
    process.stdout.write(`bench process peak RSS ${rss.toFixed(0)} MiB\n`);
  } finally {
    server.child.kill('SIGTERM');
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
