import {
  type BenchInvoice,
  benchBankAccount,
  benchCustomerNumber,
  benchInvoice,
} from './cash-seed';

/** How payers pay, and how often (shares of payments). */
const MIX = [
  ['exact', 0.56],
  ['discount', 0.1],
  ['short-tolerated', 0.05],
  ['short-deduction', 0.01],
  ['partial', 0.05],
  ['fuzzy', 0.08],
  ['no-reference', 0.08],
  ['overpayment', 0.03],
  ['noise', 0.02],
  ['unknown-payer', 0.02],
] as const;
export type Scenario = (typeof MIX)[number][0];

export interface BenchLine {
  readonly reference: string;
  /** Cents paid on the document. */
  readonly paid: number;
  readonly document: number;
  readonly discount: number;
  /** A deduction with its X12 426 reason code. */
  readonly deduction: { cents: number; reason: string } | null;
  readonly invoice: BenchInvoice;
}

export interface BenchPayment {
  readonly index: number;
  readonly scenario: Scenario;
  readonly customer: number;
  readonly cents: number;
  readonly valueDate: string;
  readonly identifiedBy: 'account' | 'customer-number' | 'nobody';
  readonly lines: readonly BenchLine[];
  /** Invoices a payment without remittance pays (their balances sum to its amount). */
  readonly unreferenced: readonly BenchInvoice[];
}

export interface BenchWorkload {
  readonly payments: BenchPayment[];
  readonly lines: number;
  readonly byScenario: Map<Scenario, number>;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

const printed = (number: number) => `INV-${String(number).padStart(8, '0')}`;

/**
 * Payments carrying `lines` remittance lines in a realistic mix, on the bench ledger's
 * invoices (computed from their numbers, as the seed wrote them), each invoice paid at most
 * once. Payers are identified by bank account (70 %) or customer number; a few are unknown.
 */
export function benchWorkload(
  lines: number,
  customers: number,
  invoicesPerCustomer: number,
  seed = 7,
): BenchWorkload {
  const random = mulberry32(seed);
  const pools = new Map<number, number[]>();
  const poolOf = (customer: number) => {
    let pool = pools.get(customer);
    if (pool === undefined) {
      pool = Array.from({ length: invoicesPerCustomer }, (_, k) => customer + k * customers);
      for (let at = pool.length - 1; at > 0; at -= 1) {
        const other = Math.floor(random() * (at + 1));
        [pool[at], pool[other]] = [pool[other] ?? 0, pool[at] ?? 0];
      }
      pools.set(customer, pool);
    }
    return pool;
  };
  const payments: BenchPayment[] = [];
  const byScenario = new Map<Scenario, number>();
  let written = 0;
  while (written < lines) {
    const customer = 1 + Math.floor(random() * customers);
    const scenario = pick(random);
    // Discount takers pay each invoice soon after it was issued: one invoice a payment.
    const wanted =
      scenario === 'discount' ? 1 : Math.min(1 + Math.floor(random() * 4), lines - written);
    const numbers = poolOf(customer).splice(
      0,
      scenario === 'no-reference' ? Math.min(wanted, 3) : wanted,
    );
    if (numbers.length === 0) continue;
    const invoices = numbers.map((number) => benchInvoice(number, customers));
    const payment = paymentOf(payments.length + 1, scenario, customer, invoices, random);
    payments.push(payment);
    written += payment.lines.length;
    byScenario.set(scenario, (byScenario.get(scenario) ?? 0) + 1);
    if (scenario === 'no-reference' && written >= lines) break;
  }
  return { payments, lines: written, byScenario };
}

function pick(random: () => number): Scenario {
  let roll = random();
  for (const [scenario, share] of MIX) {
    roll -= share;
    if (roll < 0) return scenario;
  }
  return 'exact';
}

function paymentOf(
  index: number,
  scenario: Scenario,
  customer: number,
  invoices: BenchInvoice[],
  random: () => number,
): BenchPayment {
  const identifiedBy =
    scenario === 'unknown-payer' ? 'nobody' : random() < 0.7 ? 'account' : 'customer-number';
  // Discount takers pay three days after issue; some much later, taking the discount anyway.
  const issued = invoices[0]?.issueDate ?? '2026-02-01';
  const valueDate =
    scenario === 'discount' ? addDays(issued, random() < 0.85 ? 3 : 20) : '2026-03-06';
  if (scenario === 'no-reference') {
    const cents = invoices.reduce((sum, invoice) => sum + invoice.cents, 0);
    return {
      index,
      scenario,
      customer,
      cents,
      valueDate,
      identifiedBy,
      lines: [],
      unreferenced: invoices,
    };
  }
  const lines = invoices.map((invoice): BenchLine => {
    const balance = invoice.cents;
    let paid = balance;
    let discount = 0;
    let deduction: BenchLine['deduction'] = null;
    let reference = printed(invoice.number);
    switch (scenario) {
      case 'discount': {
        // The discount the terms give (taken late by some, as they pay on their own schedule).
        const terms = /^(\d+)\/(\d+)/.exec(invoice.terms);
        if (terms !== null) {
          discount = Math.round((balance * Number(terms[1])) / 100);
          paid = balance - discount;
        }
        break;
      }
      case 'short-tolerated':
        paid = balance - 250;
        break;
      case 'short-deduction':
        paid = Math.round(balance * 0.9);
        deduction = { cents: balance - paid, reason: random() < 0.5 ? '04' : '06' };
        break;
      case 'partial':
        paid = Math.round(balance / 2);
        break;
      case 'overpayment':
        paid = balance + 3_700;
        break;
      case 'fuzzy':
        reference = garble(reference, random);
        break;
      case 'noise':
        reference = `PO-${Math.floor(random() * 1e6)}`;
        break;
      case 'exact':
      case 'unknown-payer':
        break;
    }
    return { reference, paid, document: balance, discount, deduction, invoice };
  });
  const cents = lines.reduce((sum, line) => sum + line.paid, 0);
  return { index, scenario, customer, cents, valueDate, identifiedBy, lines, unreferenced: [] };
}

/** OCR noise, a dropped prefix or a transposition, as payers and scanners produce them. */
function garble(reference: string, random: () => number): string {
  const kind = Math.floor(random() * 3);
  const digits = reference.slice(4);
  if (kind === 0 && digits.includes('1')) return reference.replace(/1/, 'I');
  if (kind === 1) return digits;
  for (let at = digits.length - 1; at > 0; at -= 1) {
    if (digits[at] !== digits[at - 1]) {
      return `INV-${digits.slice(0, at - 1)}${digits[at]}${digits[at - 1]}${digits.slice(at + 1)}`;
    }
  }
  return digits;
}

const amount = (cents: number) =>
  `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * The workload as one X12 820 interchange (version 004010): a transaction set per payment
 * with BPR (amount, method, the payer's account, value date), TRN (trace), N1 payer (name and
 * customer number), RMR lines (paid, document amount, discount) and ADX deductions with their
 * reason codes; every envelope count and control number right.
 */
export function x12Interchange(workload: BenchWorkload): string {
  const segments: string[] = [
    'ISA*00*          *00*          *ZZ*BENCHBANK      *ZZ*O2CDIST        *260306*0700*U*00401*000000001*0*P*>',
    'GS*RA*BENCHBANK*O2CDIST*20260306*0700*1*X*004010',
  ];
  for (const payment of workload.payments) {
    const control = String(payment.index).padStart(6, '0');
    const set = [`ST*820*${control}`];
    const account = payment.identifiedBy === 'account' ? benchBankAccount(payment.customer) : '';
    const unknownAccount = payment.identifiedBy === 'nobody' ? `ZZ${payment.index}` : account;
    set.push(
      `BPR*C*${amount(payment.cents)}*C*ACH*CTX*01*011000015*DA*${unknownAccount}***01*021000021*DA*0099887766*${payment.valueDate.replace(/-/g, '')}`,
    );
    set.push(`TRN*1*T${control}`);
    if (payment.identifiedBy === 'customer-number') {
      set.push(`N1*PR*BENCH PAYER ${payment.customer}*91*${benchCustomerNumber(payment.customer)}`);
    } else if (payment.identifiedBy === 'nobody') {
      set.push(`N1*PR*UNKNOWN REMITTER ${payment.index}`);
    } else {
      set.push(`N1*PR*BENCH PAYER ${payment.customer}`);
    }
    if (payment.lines.length > 0) set.push('ENT*1');
    for (const line of payment.lines) {
      set.push(
        `RMR*IV*${line.reference}*PI*${amount(line.paid)}*${amount(line.document)}${line.discount > 0 ? `*${amount(line.discount)}` : ''}`,
      );
      if (line.deduction !== null) {
        set.push(`ADX*-${amount(line.deduction.cents)}*${line.deduction.reason}`);
      }
    }
    set.push(`SE*${set.length + 1}*${control}`);
    segments.push(...set);
  }
  segments.push(`GE*${workload.payments.length}*1`, 'IEA*1*000000001');
  return `${segments.join('~\n')}~\n`;
}
