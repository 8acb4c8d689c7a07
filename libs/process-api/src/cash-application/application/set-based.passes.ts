import { Injectable } from '@nestjs/common';
import {
  CURRENCY_CODES,
  type CurrencyCode,
  Decimal,
  formatAmount,
  minorUnits,
  moneyOf,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { CashErrorCode, cashProblem, GuardedWriteRefused } from '../cash-application.errors';
import type { LineInHand, PaymentInHand } from '../ledger/cash-inputs.repository';
import { type CashJournal, PAYMENT_OBJECT } from '../ledger/cash-journal';
import { INVOICE_SETTLEMENT, invoiceNumberSql } from '../ledger/invoice-status.sql';
import { APPLICABLE_INVOICE_STATUSES, type PlannedApplication } from './planned-cash';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
/** Document kinds whose number may be one of our invoice numbers. */
const OUR_DOCUMENT_KINDS = quoted(['invoice', 'credit-note', 'debit-note']);
/** The invoices the engine's ledger holds when a reference names them: open, or paid. */
const NAMEABLE = quoted([...APPLICABLE_INVOICE_STATUSES, 'paid']);
const APPLICABLE = quoted(APPLICABLE_INVOICE_STATUSES);
/** The engine's rule for a reference naming an invoice with its balance. */
export const EXACT_RULE = 'exact-invoice-number';
const PAYMENT_APPLIED = 'payment.applied';
/** Every currency's minor units, for amounts printed as formatAmount prints them. */
const CURRENCIES = CURRENCY_CODES.map((code) => code as string);
const UNITS = CURRENCY_CODES.map((code) => minorUnits(code));

/**
 * The engine's `exact-invoice-number` with a `full` settlement, for a batch's eligible
 * payments, decided and written in one statement ($1: the payments). A line names an invoice
 * as OpenInvoiceIndex reads it: by id (the customer's), else by the series and number of its
 * reference ($2: the series of letters; the one whose name is the reference's prefix, or any
 * when the reference is only an invoice word and a number, among the customer's open or paid
 * invoices; several candidates are ambiguous, an exact prefix wins). A payment is applied when
 * every line names an open invoice of its currency with the line's amount as balance, named by
 * no other line of the batch; then each line becomes an application with the engine's rule,
 * confidence, reasons and evidence (amounts printed with the currency's minor units: $3, $4),
 * its invoice is settled and the payment's cash moved by guarded writes, and the payment gets
 * its `payment.applied` event and outbox message ($5 the actor's subject, $6 its principal,
 * $7 the correlation id, $8 the time the message carries, $9 its headers). Answers one row
 * per applied payment, with what the writes changed for the caller to check.
 */
const APPLY_EXACT_REFERENCES = `
  WITH minor AS (
    SELECT * FROM unnest($3::text[], $4::int[]) AS m(currency, units)
  ), fresh AS (
    -- Payments no cash touched yet, of an identified customer.
    SELECT p.id, p.customer_id, p.currency, p.amount, m.units
      FROM payments p JOIN minor m ON m.currency = p.currency
     WHERE p.id = ANY($1::uuid[]) AND p.customer_id IS NOT NULL AND p.status = 'unapplied'
       AND p.amount_applied = 0 AND p.on_account = 0
       -- A probe per payment (a scalar subquery is never turned into a join that could scan
       -- every application).
       AND (SELECT true FROM cash_applications a
             WHERE a.payment_id = p.id AND a.status = 'applied' LIMIT 1) IS NULL
  ), pay AS (
    -- Of those, the ones whose every line is a plain reference to one of our documents with
    -- a positive stated amount, no discount or adjustment, and whose lines add up to the
    -- payment.
    SELECT f.* FROM fresh f
     WHERE (SELECT coalesce(sum(l.amount) = f.amount
                              AND bool_and(coalesce(
                                    l.amount_stated AND l.amount > 0 AND l.discount_taken = 0
                                    AND l.adjustment_amount = 0
                                    AND l.reference_kind IN (${OUR_DOCUMENT_KINDS})
                                    AND (l.invoice_id IS NOT NULL
                                         OR l.reference_number IS NOT NULL), false)), false)
              FROM remittance_lines l WHERE l.payment_id = f.id)
  ), line AS (
    SELECT l.id, l.payment_id, l.line_number, l.invoice_id AS named_id, l.invoice_reference,
           l.amount, l.reference_number, coalesce(l.reference_prefix, '') AS prefix,
           l.reference_by_number AS by_number, pay.customer_id, pay.currency, pay.units
      FROM pay CROSS JOIN LATERAL (
        SELECT * FROM remittance_lines l WHERE l.payment_id = pay.id OFFSET 0) AS l
  ), resolved AS MATERIALIZED (
    -- Each line's invoice by probes of the unique indexes, line by line (no join between
    -- these sets, whose sizes the planner cannot know): exactly one exact candidate, else
    -- exactly one candidate of a bare number, else none. Materialized: read twice below, the
    -- probes would run twice.
    SELECT line.*, (
             SELECT CASE WHEN count(*) FILTER (WHERE c.exact) = 1
                           THEN (array_agg(c.id) FILTER (WHERE c.exact))[1]
                         WHEN count(*) FILTER (WHERE c.exact) = 0 AND count(*) = 1
                           THEN (array_agg(c.id))[1] END
               FROM (SELECT i.id, true AS exact FROM invoices i
                      WHERE i.id = line.named_id AND i.customer_id = line.customer_id
                     UNION ALL
                     SELECT i.id, upper(s.series) = line.prefix
                       FROM unnest($2::text[]) AS s(series)
                       JOIN invoices i ON i.series = s.series
                                      AND i.invoice_number = line.reference_number
                      WHERE line.named_id IS NULL
                        AND (upper(s.series) = line.prefix OR line.by_number)
                        AND i.customer_id = line.customer_id
                        AND i.status IN (${NAMEABLE})) AS c
           ) AS invoice_id
      FROM line
  ), claimed AS (
    SELECT r.*, count(r.invoice_id) OVER (PARTITION BY r.invoice_id) AS claims FROM resolved r
  ), checked AS (
    SELECT c.*, ${invoiceNumberSql('i')} AS printed,
           coalesce(c.invoice_id IS NOT NULL AND c.claims = 1 AND i.status IN (${APPLICABLE})
                    AND i.currency = c.currency AND i.open_balance = c.amount, false) AS ok
      FROM claimed c
      LEFT JOIN LATERAL (
        SELECT i.series, i.invoice_number, i.status, i.currency, i.open_balance
          FROM invoices i WHERE i.id = c.invoice_id OFFSET 0) AS i ON true
  ), accepted AS (
    -- Materialized (read several times): each application's id is drawn once.
    -- As the engine reads a line: one naming its invoice by id is read as its printed number.
    SELECT c.*, gen_random_uuid() AS application_id, round(c.amount, c.units)::text AS shown,
           CASE WHEN c.named_id IS NULL THEN coalesce(c.invoice_reference, c.printed)
                ELSE c.printed END AS written,
           row_number() OVER (ORDER BY c.payment_id, c.line_number) AS n
      FROM checked c
     WHERE c.payment_id NOT IN (SELECT payment_id FROM checked WHERE NOT ok)
  ), inserted AS (
    INSERT INTO cash_applications
      (id, payment_id, invoice_id, remittance_line_id, amount, discount_amount,
       write_off_amount, rule, confidence, evidence, applied_by, origin, settlement, created_at,
       updated_at)
    SELECT a.application_id, a.payment_id, a.invoice_id, a.id, a.amount, 0, 0, '${EXACT_RULE}', 1,
           jsonb_build_object(
             'reference', a.written, 'matchedInvoiceNumber', a.printed, 'editDistance', 0,
             'amountPaid', a.shown, 'openBalance', a.shown,
             'difference', round(0::numeric, a.units)::text,
             'reasons', jsonb_build_array(
               'Reference "' || a.written || '" is invoice '
                 || a.printed || ' (case, separators, prefix and leading zeros ignored)',
               'Paid ' || a.shown || ', the open balance exactly')),
           $5, 'automatic', 'full', now() + a.n * interval '1 microsecond', now()
      FROM accepted a ORDER BY a.n
    RETURNING 1
  ), locked AS (
    -- The invoices locked first, one after the other in id order, as every posting locks
    -- them: concurrent postings queue, never deadlock (the settlement below finds them held).
    SELECT i.id
      FROM (SELECT DISTINCT invoice_id FROM accepted ORDER BY invoice_id) a
      CROSS JOIN LATERAL (
        SELECT id FROM invoices WHERE id = a.invoice_id OFFSET 0 FOR UPDATE) AS i
  ), settled AS (
    UPDATE invoices i
       SET ${INVOICE_SETTLEMENT('a.amount')}
      FROM accepted a
     -- The invoices found by their key (never a scan of every invoice), once locked.
     WHERE i.id = ANY(ARRAY(SELECT id FROM locked)) AND i.id = a.invoice_id
       AND i.open_balance >= a.amount AND i.status IN (${APPLICABLE})
    RETURNING i.id
  ), totals AS (
    SELECT payment_id, customer_id, currency, sum(amount) AS total, count(*) AS lines
      FROM accepted GROUP BY payment_id, customer_id, currency
  ), moved AS (
    UPDATE payments p
       SET amount_applied = p.amount_applied + t.total, unapplied = p.unapplied - t.total,
           status = CASE WHEN p.unapplied - t.total = 0 THEN 'applied'
                         WHEN p.unapplied - t.total = p.on_account THEN 'on_account'
                         ELSE 'partially_applied' END,
           version = p.version + 1, updated_at = now()
      FROM totals t
     WHERE p.id = ANY(ARRAY(SELECT payment_id FROM totals)) AND p.id = t.payment_id
       AND p.status <> 'reversed' AND p.unapplied - t.total >= 0
       AND p.on_account <= p.unapplied - t.total
    RETURNING p.id
  ), applied AS (
    SELECT a.payment_id, a.customer_id, min(a.n) AS n,
           jsonb_build_object(
             'paymentId', a.payment_id, 'currency', a.currency,
             'applications', jsonb_agg(jsonb_build_object(
               'applicationId', a.application_id, 'invoiceId', a.invoice_id,
               'invoiceNumber', a.printed,
               'amount', trim_scale(a.amount)::text, 'discount', '0', 'writeOff', '0',
               'rule', '${EXACT_RULE}', 'confidence', 1, 'origin', 'automatic') ORDER BY a.n),
             'customerId', a.customer_id, 'onAccount', '0') AS data,
           jsonb_agg(jsonb_build_object('type', 'invoice', 'id', a.invoice_id,
                                        'qualifier', 'settled') ORDER BY a.n) AS related
      FROM accepted a GROUP BY a.payment_id, a.customer_id, a.currency
  ), events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
    SELECT '${PAYMENT_OBJECT}', payment_id::text, '${PAYMENT_APPLIED}', $6, NULL, data, related,
           $7
      FROM applied ORDER BY n
    RETURNING 1
  ), messages AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT '${PAYMENT_OBJECT}', payment_id::text, '${PAYMENT_APPLIED}',
           jsonb_build_object('eventType', '${PAYMENT_APPLIED}') || data
             || jsonb_build_object('occurredAt', $8::text, 'actor', $6::text),
           $9::jsonb
      FROM applied ORDER BY n
    RETURNING 1
  )
  SELECT t.payment_id AS "paymentId", t.customer_id AS "customerId", t.currency,
         t.total::text AS total, t.lines::int AS lines,
         (SELECT count(*) FROM accepted)::int AS "linesAccepted",
         (SELECT count(*) FROM inserted)::int AS inserted,
         (SELECT count(*) FROM settled)::int AS settled,
         (SELECT count(*) FROM moved)::int AS moved,
         (SELECT count(*) FROM events)::int AS events,
         (SELECT count(*) FROM messages)::int AS messages
    FROM totals t ORDER BY t.payment_id`;

interface ExactRow {
  paymentId: string;
  customerId: string;
  currency: string;
  total: string;
  lines: number;
  linesAccepted: number;
  inserted: number;
  settled: number;
  moved: number;
  events: number;
  messages: number;
}

/** What the exact pass applied: the payments it settled whole, for the run to go on with. */
export interface ExactPassResult {
  /** The payments applied in full, each with its customer, currency and cash. */
  readonly applied: readonly {
    paymentId: string;
    customerId: string;
    currency: string;
    total: Decimal;
    lines: number;
  }[];
}

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

/**
 * The set-based passes that apply the bulk of a batch in a few statements before the engine
 * sees what is left. Each decides exactly what the engine would decide for those payments
 * (same rule, confidence, reasons and evidence), so a payment is applied the same whichever
 * path it took; the writes are guarded as the ledger writer's are (the exact pass writes in
 * its own statement, the unique-amounts pass through the writer).
 */
@Injectable()
export class SetBasedPasses {
  /**
   * Payments whose every remittance line names exactly one invoice of the customer with its
   * open balance, and whose lines add up to the payment: the engine's `exact-invoice-number`
   * with a `full` settlement, line by line, nothing left over, applied in one statement (see
   * APPLY_EXACT_REFERENCES) with the events the engine's postings get. An invoice named twice
   * in the batch is left to the engine, which decides one payment after another. Throws
   * GuardedWriteRefused when a guarded write found an invoice or payment changed meanwhile:
   * the caller's transaction rolls back, nothing is half-applied.
   */
  async applyExactReferences(
    manager: EntityManager,
    paymentIds: readonly string[],
    actor: CashActor,
    journal: CashJournal,
  ): Promise<ExactPassResult> {
    if (paymentIds.length === 0) return { applied: [] };
    const series = (await manager.query<{ series: string }[]>(LETTER_SERIES)).map(
      (row) => row.series,
    );
    const correlationId = journal.correlationId;
    const rows = await manager.query<ExactRow[]>(APPLY_EXACT_REFERENCES, [
      paymentIds,
      series,
      CURRENCIES,
      UNITS,
      actor.subject,
      actor.principal,
      correlationId,
      new Date().toISOString(),
      JSON.stringify(correlationId === null ? {} : { correlationId }),
    ]);
    const [first] = rows;
    if (first !== undefined) {
      const written =
        first.inserted === first.linesAccepted &&
        first.settled === first.linesAccepted &&
        first.moved === rows.length &&
        first.events === rows.length &&
        first.messages === rows.length;
      if (!written) {
        throw new GuardedWriteRefused(
          cashProblem(
            CashErrorCode.INVOICE_BALANCE_EXCEEDED,
            '/body/applications',
            'an invoice or payment changed while the exact references of the batch were applied',
          ),
        );
      }
    }
    return {
      applied: rows.map((row) => ({
        paymentId: row.paymentId,
        customerId: row.customerId,
        currency: row.currency,
        total: new Decimal(row.total),
        lines: row.lines,
      })),
    };
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
