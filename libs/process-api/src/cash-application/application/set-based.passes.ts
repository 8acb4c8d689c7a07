import { Injectable } from '@nestjs/common';
import {
  type CurrencyCode,
  Decimal,
  formatAmount,
  moneyOf,
  type NamedSeries,
  seriesNamedBy,
  uniquelyNamed,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import type { LineInHand, PaymentInHand } from '../ledger/cash-inputs.repository';
import { invoiceNumberSql } from '../ledger/invoice-status.sql';
import { APPLICABLE_INVOICE_STATUSES, type PlannedApplication } from './planned-cash';

/** The invoices the engine's ledger holds when a reference names them: open, or paid. */
const NAMEABLE = new Set<string>([...APPLICABLE_INVOICE_STATUSES, 'paid']);
const OUR_DOCUMENTS = new Set(['invoice', 'credit-note', 'debit-note']);

interface InvoiceRow {
  id: string;
  series: string;
  number: string;
  printed: string;
  customerId: string;
  currency: string;
  status: string;
  openBalance: string;
}

const INVOICE_COLUMNS = `i.id, i.series, i.invoice_number::text AS number,
  ${invoiceNumberSql('i')} AS printed, i.customer_id AS "customerId", i.currency, i.status,
  i.open_balance::text AS "openBalance"`;

/** The invoices a batch's references name, by the unique (series, number) index, or by id. */
const NAMED_INVOICES = `
  SELECT ${INVOICE_COLUMNS}
    FROM unnest($1::text[], $2::bigint[]) AS k(series, number)
    JOIN invoices i ON i.series = k.series AND i.invoice_number = k.number
  UNION
  SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = ANY($3::uuid[])`;

const LETTER_SERIES = `SELECT series FROM invoice_number_series WHERE series ~ '^[A-Za-z]+$'`;

/**
 * Payments without any remittance whose amount is the open balance of exactly one invoice of
 * the customer: the engine's `single-open-invoice-amount`. An invoice two such payments could
 * take is left to the engine.
 */
const UNIQUE_AMOUNTS = `
  WITH matches AS (
    SELECT b.payment_id, b.customer_id, b.currency, b.amount, i.id AS invoice_id,
           i.invoice_number,
           count(*) OVER (PARTITION BY b.payment_id) AS hits,
           count(*) OVER (PARTITION BY i.id) AS claims
      FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[])
        AS b(payment_id, customer_id, amount, currency)
      CROSS JOIN LATERAL (
        -- The customer's open items of that balance: never its paid invoices.
        SELECT o.invoice_id AS id, ${invoiceNumberSql('o')} AS invoice_number
          FROM receivable_open_items o
         WHERE o.customer_id = b.customer_id AND o.currency = b.currency
           AND o.open_balance = b.amount
      ) AS i
  )
  SELECT payment_id AS "paymentId", customer_id AS "customerId", invoice_id AS "invoiceId",
         invoice_number AS "invoiceNumber", amount::text AS amount, currency
    FROM matches WHERE hits = 1 AND claims = 1`;

/** A line of an eligible payment and the invoices its reference may name. */
interface LineLookup {
  readonly payment: PaymentInHand;
  readonly line: LineInHand;
  readonly keys: readonly NamedSeries[];
}

/**
 * The set-based passes that apply the bulk of a batch in a few statements before the engine
 * sees what is left. Each proposes exactly what the engine would decide for those payments
 * (same rule, confidence, reasons and evidence), so a payment is applied the same whichever
 * path it took; the writes go through the same guarded ledger writer.
 */
@Injectable()
export class SetBasedPasses {
  /**
   * Payments whose every remittance line names exactly one invoice of the customer with its
   * open balance, and whose lines add up to the payment: the engine's `exact-invoice-number`
   * with a `full` settlement, line by line, nothing left over. A line names an invoice as
   * OpenInvoiceIndex reads it: the series and number of its reference, else (only an invoice
   * word and a number) the number in any series; two candidates are ambiguous. An invoice
   * named twice in the batch is left to the engine, which decides one payment after another.
   * One indexed lookup for the whole batch; the rest is arithmetic on what it returns.
   */
  async exactReferences(
    manager: EntityManager,
    payments: readonly PaymentInHand[],
  ): Promise<PlannedApplication[]> {
    const eligible = payments.filter(isEligible);
    if (eligible.length === 0) return [];
    const series = (await manager.query<{ series: string }[]>(LETTER_SERIES)).map(
      (row) => row.series,
    );
    const lookups = eligible.flatMap((payment) =>
      payment.lines.map((line): LineLookup => ({ payment, line, keys: keysOf(line, series) })),
    );
    const invoices = await this.named(manager, lookups);
    const resolved = lookups.map((lookup) => ({ lookup, invoice: resolve(lookup, invoices) }));
    const claims = new Map<string, number>();
    for (const { invoice } of resolved) {
      if (invoice) claims.set(invoice.id, (claims.get(invoice.id) ?? 0) + 1);
    }
    const refused = new Set<string>();
    for (const { lookup, invoice } of resolved) {
      const ok =
        invoice !== undefined &&
        claims.get(invoice.id) === 1 &&
        (APPLICABLE_INVOICE_STATUSES as readonly string[]).includes(invoice.status) &&
        invoice.currency === lookup.payment.currency &&
        new Decimal(invoice.openBalance).equals(lookup.line.amount);
      if (!ok) refused.add(lookup.payment.id);
    }
    return resolved.flatMap(({ lookup, invoice }) => {
      if (invoice === undefined || refused.has(lookup.payment.id)) return [];
      const { payment, line } = lookup;
      const amount = show(line.amount, payment.currency);
      const written = line.invoiceReference ?? invoice.printed;
      return [
        planned(
          payment,
          invoice,
          line,
          'exact-invoice-number',
          1,
          [
            `Reference "${written}" is invoice ${invoice.printed} (case, separators, prefix and leading zeros ignored)`,
            `Paid ${amount}, the open balance exactly`,
          ],
          { reference: written, matchedInvoiceNumber: invoice.printed },
        ),
      ];
    });
  }

  /**
   * Payments without any remittance (no line, no invoice reference in their text) whose
   * amount is the open balance of exactly one invoice of the customer.
   */
  async uniqueAmounts(
    manager: EntityManager,
    payments: readonly PaymentInHand[],
  ): Promise<PlannedApplication[]> {
    const bare = payments.filter(
      (payment) =>
        isFresh(payment) && payment.lines.length === 0 && payment.textReferences.length === 0,
    );
    if (bare.length === 0) return [];
    const rows = await manager.query<
      {
        paymentId: string;
        customerId: string;
        invoiceId: string;
        invoiceNumber: string;
        amount: string;
        currency: string;
      }[]
    >(UNIQUE_AMOUNTS, [
      bare.map((payment) => payment.id),
      bare.map((payment) => payment.customerId),
      bare.map((payment) => payment.amount.toFixed()),
      bare.map((payment) => payment.currency),
    ]);
    const byId = new Map(bare.map((payment) => [payment.id, payment]));
    return rows.flatMap((row) => {
      const payment = byId.get(row.paymentId);
      if (!payment) return [];
      const amount = show(row.amount, row.currency);
      const invoice = { id: row.invoiceId, printed: row.invoiceNumber };
      return [
        planned(payment, invoice, null, 'single-open-invoice-amount', 0.92, [
          `No reference given; the open balance of ${row.invoiceNumber} equals the payment, ${amount}`,
          `Paid ${amount}, the open balance exactly`,
        ]),
      ];
    });
  }

  private async named(
    manager: EntityManager,
    lookups: readonly LineLookup[],
  ): Promise<Map<string, InvoiceRow>> {
    const pairs = new Map<string, { series: string; number: string }>();
    const ids = new Set<string>();
    for (const { line, keys } of lookups) {
      if (line.invoiceId !== null) ids.add(line.invoiceId);
      else if (line.referenceNumber !== null) {
        for (const key of keys) {
          pairs.set(`${key.series}|${line.referenceNumber}`, {
            series: key.series,
            number: line.referenceNumber,
          });
        }
      }
    }
    const rows = await manager.query<InvoiceRow[]>(NAMED_INVOICES, [
      [...pairs.values()].map((pair) => pair.series),
      [...pairs.values()].map((pair) => pair.number),
      [...ids],
    ]);
    const found = new Map<string, InvoiceRow>();
    for (const row of rows) {
      found.set(`${row.series}|${row.number}`, row);
      found.set(row.id, row);
    }
    return found;
  }
}

/** A payment no cash touched yet, of an identified customer. */
function isFresh(payment: PaymentInHand): boolean {
  return (
    payment.customerId !== null &&
    payment.status === 'unapplied' &&
    payment.amountApplied.isZero() &&
    payment.onAccount.isZero()
  );
}

/** Every line a plain reference with a positive stated amount, and the lines add up. */
function isEligible(payment: PaymentInHand): boolean {
  if (!isFresh(payment) || payment.lines.length === 0) return false;
  let sum = new Decimal(0);
  for (const line of payment.lines) {
    const plain =
      !line.applied &&
      line.amountStated &&
      isPositiveText(line.amount) &&
      isZeroText(line.discountTaken) &&
      isZeroText(line.adjustmentAmount) &&
      OUR_DOCUMENTS.has(line.referenceKind) &&
      (line.invoiceId !== null || line.referenceNumber !== null);
    if (!plain) return false;
    sum = sum.plus(line.amount);
  }
  return sum.equals(payment.amount);
}

/** A numeric column's text ("0", "0.00", "-0.0000") that is zero, read without a Decimal. */
const ZERO_TEXT = /^-?0+(?:\.0+)?$/;

function isZeroText(amount: string): boolean {
  return ZERO_TEXT.test(amount);
}

function isPositiveText(amount: string): boolean {
  return amount.charCodeAt(0) !== 45 && !ZERO_TEXT.test(amount);
}

/** The series a line's number may belong to: its own prefix, or any when it is only a number. */
function keysOf(line: LineInHand, series: readonly string[]): NamedSeries[] {
  if (line.invoiceId !== null || line.referenceNumber === null) return [];
  return seriesNamedBy(
    { prefix: line.referencePrefix ?? '', byNumber: line.referenceByNumber },
    series,
  );
}

/** The one invoice of the customer the line names, as the engine's index would find it. */
function resolve(lookup: LineLookup, invoices: Map<string, InvoiceRow>): InvoiceRow | undefined {
  const { payment, line } = lookup;
  if (line.invoiceId !== null) {
    const invoice = invoices.get(line.invoiceId);
    return invoice?.customerId === payment.customerId ? invoice : undefined;
  }
  const candidates = lookup.keys.flatMap((key) => {
    const invoice = invoices.get(`${key.series}|${line.referenceNumber ?? ''}`);
    return invoice && invoice.customerId === payment.customerId && NAMEABLE.has(invoice.status)
      ? [{ invoice, exact: key.exact }]
      : [];
  });
  return uniquelyNamed(candidates, line.referenceByNumber);
}

function planned(
  payment: PaymentInHand,
  invoice: { id: string; printed: string },
  line: LineInHand | null,
  rule: string,
  confidence: number,
  reasons: string[],
  evidence: Record<string, unknown> = {},
): PlannedApplication {
  const cash = line === null ? payment.amount : new Decimal(line.amount);
  const amount = show(cash, payment.currency);
  return {
    paymentId: payment.id,
    customerId: payment.customerId ?? '',
    currency: payment.currency,
    invoiceId: invoice.id,
    invoiceNumber: invoice.printed,
    remittanceLineId: line?.id ?? null,
    amount: cash,
    discount: ZERO,
    writeOff: ZERO,
    rule,
    settlement: 'full',
    confidence,
    reasons,
    evidence: {
      ...evidence,
      amountPaid: amount,
      openBalance: amount,
      difference: zeroShown(payment.currency),
    },
    origin: 'automatic',
    taskId: null,
  };
}

function show(amount: Decimal | string, currency: string): string {
  const value = typeof amount === 'string' ? new Decimal(amount) : amount;
  return formatAmount(moneyOf(value, currency as CurrencyCode));
}

/** Immutable: shared by every application that settles its invoice exactly. */
const ZERO = new Decimal(0);
const ZEROS_SHOWN = new Map<string, string>();

function zeroShown(currency: string): string {
  let shown = ZEROS_SHOWN.get(currency);
  if (shown === undefined) {
    shown = show(ZERO, currency);
    ZEROS_SHOWN.set(currency, shown);
  }
  return shown;
}
