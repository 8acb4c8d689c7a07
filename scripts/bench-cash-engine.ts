import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  type CashApplicationResult,
  type CustomerCashProfile,
  decideCashApplication,
  Decimal,
  type OpenInvoice,
  OpenInvoiceLedger,
  type OpenInvoiceRow,
  type PaymentToApply,
  type RemittanceAdviceLine,
} from '@o2c/domain';

/**
 * Micro-benchmark of the cash-application engine alone (no database):
 *
 *   node -r @swc-node/register scripts/bench-cash-engine.ts [--lines 100000]
 *     [--customers 10000] [--invoices-per-customer 100] [--seed 7] [--amounts text|decimal]
 *     [--digest]
 *
 * Builds open-invoice ledgers for every customer (1,000,000 invoices by default), from rows
 * with amounts as text as the gateway reads them (`--amounts text`, OpenInvoiceLedger.fromRows)
 * or from invoices with Decimal amounts (`--amounts decimal`, OpenInvoiceLedger.of; the time
 * to build those Decimals from the rows is shown apart). Both decide the same. Then decides
 * synthetic payments carrying `--lines` remittance lines in a realistic mix: exact references,
 * earned discounts, short payments within and beyond tolerance, partial payments, fuzzy
 * references, payments without any reference (single amount or a combination), overpayments
 * and noise. Each payment is decided against the customer's balances as the previous ones
 * left them. Prints lines/s for the engine, the outcome by rule, and peak memory; `--digest`
 * also a hash of every result, to compare runs decision by decision.
 */
const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    customers: { type: 'string', default: '10000' },
    'invoices-per-customer': { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
    amounts: { type: 'string', default: 'text' },
    digest: { type: 'boolean', default: false },
  },
});
if (values.amounts !== 'text' && values.amounts !== 'decimal') {
  throw new Error('--amounts is text or decimal');
}
const TEXT_AMOUNTS = values.amounts === 'text';
const LINES = Number(values.lines);
const CUSTOMERS = Number(values.customers);
const PER_CUSTOMER = Number(values['invoices-per-customer']);
const random = mulberry32(Number(values.seed));

const TERMS = ['NET30', 'NET30', '2/10 NET30', 'NET45', '1/15 NET45'];
const profile = (customerId: string): CustomerCashProfile => ({
  customerId,
  writeOffTolerance: { absolute: new Decimal('25.00'), percent: new Decimal('1') },
  discountGraceDays: 0,
});

/**
 * Open invoices issued over February 2026, balances 50.00 to 5,000.00, as the database prints
 * them (numeric(19,4) as text).
 */
function ledgerOf(customer: number): OpenInvoiceRow[] {
  const customerId = `C${customer}`;
  return Array.from({ length: PER_CUSTOMER }, (_, index) => {
    // One company-wide sequence: a customer's invoices are spread through it, as in life.
    const number = index * CUSTOMERS + customer + 1;
    const cents = 5_000 + Math.floor(random() * 495_000);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}00`;
    const day = 1 + Math.floor(random() * 28);
    return {
      invoiceId: `I${number}`,
      invoiceNumber: `INV-${String(number).padStart(8, '0')}`,
      customerId,
      currency: 'USD',
      issueDate: `2026-02-${String(day).padStart(2, '0')}`,
      dueDate: '2026-03-31',
      total: amount,
      openBalance: amount,
      paymentTerms: TERMS[Math.floor(random() * TERMS.length)],
    };
  });
}

type Scenario =
  | 'exact'
  | 'discount'
  | 'short-tolerated'
  | 'short-deduction'
  | 'partial'
  | 'fuzzy'
  | 'no-reference'
  | 'overpayment'
  | 'noise';
const MIX: readonly (readonly [Scenario, number])[] = [
  ['exact', 0.55],
  ['discount', 0.1],
  ['short-tolerated', 0.05],
  ['short-deduction', 0.05],
  ['partial', 0.05],
  ['fuzzy', 0.08],
  ['no-reference', 0.07],
  ['overpayment', 0.03],
  ['noise', 0.02],
];

function pickScenario(): Scenario {
  let roll = random();
  for (const [scenario, share] of MIX) {
    roll -= share;
    if (roll < 0) return scenario;
  }
  return 'exact';
}

/** What the repository used to hand the ledger: each row's amounts as Decimals. */
function withDecimals(row: OpenInvoiceRow): OpenInvoice {
  return {
    ...row,
    currency: row.currency as OpenInvoice['currency'],
    total: new Decimal(row.total),
    openBalance: new Decimal(row.openBalance),
  };
}

/** A payment of 1 to 4 lines on the customer's open invoices, shaped by the scenario. */
function paymentFor(id: number, scenario: Scenario, pool: OpenInvoiceRow[]): PaymentToApply | null {
  // Invoices drawn from the customer's shuffled open invoices, each paid once.
  const wanted =
    scenario === 'no-reference' ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * 4);
  const invoices = pool.splice(0, wanted);
  if (invoices.length === 0) return null;
  const valueDate = scenario === 'discount' ? '2026-03-01' : '2026-03-06';
  let total = new Decimal(0);
  const lines: RemittanceAdviceLine[] = invoices.map((invoice, index) => {
    const balance = new Decimal(invoice.openBalance);
    let paid = balance;
    let reason: string | null = null;
    let reference: string | null = invoice.invoiceNumber;
    if (scenario === 'discount') paid = balance.times(0.98).toDecimalPlaces(2);
    if (scenario === 'short-tolerated') paid = balance.minus('2.50');
    if (scenario === 'short-deduction')
      [paid, reason] = [balance.times(0.9).toDecimalPlaces(2), '04'];
    if (scenario === 'partial') paid = balance.div(2).toDecimalPlaces(2);
    if (scenario === 'fuzzy') reference = garble(invoice.invoiceNumber);
    if (scenario === 'noise') reference = `PO-${Math.floor(random() * 1e6)}`;
    if (scenario === 'no-reference') reference = null;
    total = total.plus(paid);
    return {
      lineNumber: index + 1,
      reference,
      amountPaid: scenario === 'no-reference' ? null : paid,
      discountTaken: null,
      adjustmentAmount: reason === null ? null : balance.minus(paid),
      adjustmentReasonCode: reason,
      freeText: null,
    };
  });
  if (scenario === 'overpayment') total = total.plus('37.00');
  return {
    paymentId: `P${id}`,
    amount: Decimal.max(total, '0.01'),
    currency: 'USD',
    valueDate,
    lines: scenario === 'no-reference' ? [] : lines,
    freeText: [],
  };
}

/** OCR noise, a transposition or a dropped prefix, as payers and scanners produce them. */
function garble(number: string): string {
  const kind = Math.floor(random() * 3);
  if (kind === 0) return number.replace('1', 'I');
  if (kind === 1) return number.slice(4);
  const digits = number.slice(4).split('');
  const at = digits.length - 2;
  [digits[at], digits[at + 1]] = [digits[at + 1], digits[at]];
  return `INV-${digits.join('')}`;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main(): void {
  // A batch works customer by customer, as it loads each customer's open items once: the
  // payments are spread over random customers, and each customer's ledger is prepared, moved
  // forward payment by payment, and dropped.
  const paymentsOf = new Map<number, number>();
  const expectedLinesPerPayment = 2.4;
  for (let index = 0; index < Math.ceil(LINES / expectedLinesPerPayment); index += 1) {
    const customer = Math.floor(random() * CUSTOMERS);
    paymentsOf.set(customer, (paymentsOf.get(customer) ?? 0) + 1);
  }
  let peakRss = process.memoryUsage().rss;
  const outcomes = new Map<string, number>();
  const count = (key: string, by = 1) => outcomes.set(key, (outcomes.get(key) ?? 0) + by);
  let [prepareMs, decimalsMs, engineMs, engineCpuMs, lines, payments] = [0, 0, 0, 0, 0, 0];
  const digest = createHash('sha256');
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let customer = 0; customer < CUSTOMERS && lines < LINES; customer += 1) {
    const invoices = ledgerOf(customer);
    let ledger: OpenInvoiceLedger;
    if (TEXT_AMOUNTS) {
      const preparing = performance.now();
      ledger = OpenInvoiceLedger.fromRows(invoices, `C${customer}`);
      prepareMs += performance.now() - preparing;
    } else {
      const reading = performance.now();
      const decimals = invoices.map(withDecimals);
      const preparing = performance.now();
      decimalsMs += preparing - reading;
      ledger = OpenInvoiceLedger.of(decimals, `C${customer}`);
      prepareMs += performance.now() - preparing;
    }
    const pool = shuffled(invoices);
    const batch: PaymentToApply[] = [];
    for (let n = paymentsOf.get(customer) ?? 0; n > 0; n -= 1) {
      const payment = paymentFor(payments + batch.length + 1, pickScenario(), pool);
      if (payment !== null) batch.push(payment);
    }
    // Timed: the customer's payments decided one after the other, each against the balances
    // the previous left.
    const results: CashApplicationResult[] = [];
    const before = performance.now();
    const cpuBefore = process.cpuUsage();
    for (const payment of batch) {
      const result = decideCashApplication({
        payment,
        customer: profile(`C${customer}`),
        openInvoices: ledger,
      });
      ledger = ledger.afterApplying(result);
      results.push(result);
    }
    engineMs += performance.now() - before;
    const used = process.cpuUsage(cpuBefore);
    engineCpuMs += (used.user + used.system) / 1000;
    for (const [index, result] of results.entries()) {
      if (values.digest) digest.update(JSON.stringify(result));
      payments += 1;
      lines += Math.max(1, batch[index].lines.length);
      count(`outcome ${result.outcome}`);
      for (const decision of result.decisions) {
        if (decision.kind === 'apply') count(`apply ${decision.rule}`);
        else if (decision.kind === 'review') count(`review ${decision.reviewReason}`);
        else count(decision.kind === 'deduction' ? `deduction ${decision.category}` : 'on-account');
      }
    }
    if (customer % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const rate = (value: number, seconds: number) => Math.round(value / seconds).toLocaleString('en');
  const engineSeconds = engineMs / 1000;
  const auto =
    payments -
    (outcomes.get('outcome needs-review') ?? 0) -
    (outcomes.get('outcome partially-applied') ?? 0);
  const invoiceCount = CUSTOMERS * PER_CUSTOMER;
  console.log(
    `cash-application engine: ${CUSTOMERS.toLocaleString('en')} customers x ${PER_CUSTOMER} open invoices (${invoiceCount.toLocaleString('en')})`,
  );
  console.log(
    `  ${lines.toLocaleString('en')} remittance lines in ${payments.toLocaleString('en')} payments`,
  );
  console.log(
    `  ledgers prepared from ${TEXT_AMOUNTS ? 'text amounts' : 'Decimal amounts'} (checked, ordered, indexed): ${(prepareMs / 1000).toFixed(2)} s -> ${rate(invoiceCount, prepareMs / 1000)} invoices/s`,
  );
  if (!TEXT_AMOUNTS) {
    console.log(
      `  rows' amounts read into Decimals first: ${(decimalsMs / 1000).toFixed(2)} s (with the above: ${((decimalsMs + prepareMs) / 1000).toFixed(2)} s)`,
    );
  }
  console.log(
    `  engine wall time: ${engineSeconds.toFixed(2)} s -> ${rate(lines, engineSeconds)} lines/s, ${rate(payments, engineSeconds)} payments/s`,
  );
  console.log(
    `  engine CPU time:  ${(engineCpuMs / 1000).toFixed(2)} s -> ${rate(lines, engineCpuMs / 1000)} lines/s (what one core does undisturbed)`,
  );
  console.log(
    `  whole run (data generation, preparation, engine): ${totalSeconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(
    `  payments fully decided without a person: ${((auto / payments) * 100).toFixed(1)} %`,
  );
  console.log(`  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  if (values.digest) console.log(`  results digest ${digest.digest('hex').slice(0, 16)}`);
  console.log('  decisions:');
  for (const [key, value] of [...outcomes.entries()].sort()) {
    console.log(`    ${key.padEnd(40)} ${value.toLocaleString('en')}`);
  }
}

main();
