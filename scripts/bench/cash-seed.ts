import { Client } from 'pg';

/** Terms codes by invoice number (n % 5), as cash-workload.ts reads them back. */
export const BENCH_TERMS = ['NET30', 'NET30', '2/10 NET30', 'NET45', '1/15 NET45'] as const;

/** An invoice of the bench ledger, computed from its number alone (the SQL below does the same). */
export interface BenchInvoice {
  readonly number: number;
  /** 1-based customer index: invoices of a customer are spread through one company sequence. */
  readonly customer: number;
  readonly cents: number;
  readonly terms: string;
  readonly issueDate: string;
}

export function benchInvoice(number: number, customers: number): BenchInvoice {
  const day = 1 + ((number * 7) % 28);
  return {
    number,
    customer: ((number - 1) % customers) + 1,
    cents: 5_000 + ((number * 2_654_435_761) % 495_000),
    terms: BENCH_TERMS[number % 5] ?? 'NET30',
    issueDate: `2026-02-${String(day).padStart(2, '0')}`,
  };
}

export const benchCustomerNumber = (customer: number) => `CB-${String(customer).padStart(6, '0')}`;
export const benchBankAccount = (customer: number) => `BA${String(customer).padStart(9, '0')}`;

const CUSTOMERS = `
  INSERT INTO customers (customer_number, name, currency, credit_limit, payment_terms, bill_to,
                         external_aliases, risk_tier, status)
  SELECT 'CB-' || lpad(c::text, 6, '0'), 'Bench Industrial Supply ' || c, 'USD', 1000000,
         'NET30', '{"line1": "1 Bench St", "city": "Reno", "country": "US"}'::jsonb,
         ARRAY['BA' || lpad(c::text, 9, '0')], 'low', 'active'
    FROM generate_series(1, $1::int) AS c`;

const CUSTOMER_INDEX = `
  CREATE TEMP TABLE bench_customers AS
  SELECT id, substring(customer_number FROM 4)::int AS c FROM customers
   WHERE customer_number LIKE 'CB-%'`;

/** One invoiced order per customer carries its invoices (an invoice needs an order). */
const ORDERS = `
  INSERT INTO sales_orders (order_number, customer_id, channel, status, currency, subtotal, total)
  SELECT 'SO-B-' || c, id, 'edi', 'invoiced', 'USD', 0, 0 FROM bench_customers`;

const PROFILES = `
  INSERT INTO customer_cash_profiles (customer_id, write_off_absolute, write_off_percent,
                                      discount_grace_days)
  SELECT id, 25, 1, 0 FROM bench_customers`;

/** The ledger: numbers 1..N, amounts 50.00 to 4,999.99, issued over February 2026. */
const INVOICES = `
  INSERT INTO invoices (series, invoice_number, customer_id, order_id, currency, issue_date,
                        due_date, payment_terms, subtotal, total, open_balance, status)
  SELECT 'INV', n, bc.id, o.id, 'USD', DATE '2026-02-01' + ((n * 7) % 28)::int,
         DATE '2026-03-31', (ARRAY['NET30', 'NET30', '2/10 NET30', 'NET45', '1/15 NET45'])[n % 5 + 1],
         a.amount, a.amount, a.amount, 'issued'
    FROM generate_series($1::bigint, $2::bigint) AS n
    CROSS JOIN LATERAL (SELECT (5000 + (n * 2654435761) % 495000) / 100.0 AS amount) AS a
    JOIN bench_customers bc ON bc.c = ((n - 1) % $3::int) + 1
    JOIN sales_orders o ON o.customer_id = bc.id`;

const SERIES = `
  INSERT INTO invoice_number_series (series, next_number) VALUES ('INV', $1::bigint + 1)
  ON CONFLICT (series) DO UPDATE SET next_number = EXCLUDED.next_number`;

/**
 * Customers (each with a bank account alias and a cash-application profile of 25.00 / 1 %)
 * and their open invoices, inserted with set-based SQL in slices, then vacuumed and analyzed:
 * a ledger of invoices issued over weeks has been through autovacuum (hint bits and the
 * visibility map set) and the planner knows the tables' real size. Without it, the import
 * would be the first to read each page and would pay for setting its hint bits.
 */
export async function seedCashLedger(
  url: string,
  customers: number,
  invoices: number,
  log: (line: string) => void,
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(CUSTOMERS, [customers]);
    await client.query(CUSTOMER_INDEX);
    await client.query('CREATE INDEX ON bench_customers (c)');
    await client.query(ORDERS);
    await client.query(PROFILES);
    await client.query(SERIES, [invoices]);
    const slice = 200_000;
    for (let from = 1; from <= invoices; from += slice) {
      const to = Math.min(invoices, from + slice - 1);
      await client.query(INVOICES, [from, to, customers]);
      log(`  invoices ${to.toLocaleString('en-US')} / ${invoices.toLocaleString('en-US')}`);
    }
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}
