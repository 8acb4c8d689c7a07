import { Injectable } from '@nestjs/common';
import { type CustomerCashProfile, Decimal, type OpenInvoiceRow } from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import { APPLICABLE_INVOICE_STATUSES } from '../application/planned-cash';
import { invoiceNumberSql } from './invoice-status.sql';

/** A remittance line as cash application reads it. */
export interface LineInHand {
  id: string;
  lineNumber: number;
  invoiceReference: string | null;
  referenceKind: string;
  invoiceId: string | null;
  amount: string;
  amountStated: boolean;
  discountTaken: string;
  adjustmentAmount: string;
  adjustmentReasonCode: string | null;
  freeText: string | null;
  referenceNumber: string | null;
  referencePrefix: string | null;
  referenceByNumber: boolean;
  /** An application of this payment already names the line (it was settled before). */
  applied: boolean;
}

/** A payment under its row lock, with its lines. */
export interface PaymentInHand {
  id: string;
  customerId: string | null;
  currency: string;
  amount: Decimal;
  amountApplied: Decimal;
  unapplied: Decimal;
  onAccount: Decimal;
  status: string;
  valueDate: string;
  payerName: string | null;
  payerEvidence: Record<string, unknown>;
  freeText: string[];
  /** Invoice references found in the free text at intake. */
  textReferences: string[];
  version: number;
  lines: LineInHand[];
}

interface PaymentRow {
  id: string;
  customerId: string | null;
  currency: string;
  amount: string;
  amountApplied: string;
  unapplied: string;
  onAccount: string;
  status: string;
  valueDate: string;
  payerName: string | null;
  payerEvidence: Record<string, unknown>;
  freeText: string[];
  textReferences: string[];
  version: number;
}

const LOCK_PAYMENTS = `
  SELECT id, customer_id AS "customerId", currency, amount::text AS amount,
         amount_applied::text AS "amountApplied", unapplied::text AS unapplied,
         on_account::text AS "onAccount", status, value_date::text AS "valueDate",
         payer_name AS "payerName", payer_evidence AS "payerEvidence", free_text AS "freeText",
         text_references AS "textReferences", version
    FROM payments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

/** The same locks, only the versions: for payments in hand since they were recorded. */
const LOCK_VERSIONS = `SELECT id, version FROM payments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

const LINES = `
  SELECT l.id, l.payment_id AS "paymentId", l.line_number AS "lineNumber",
         l.invoice_reference AS "invoiceReference", l.reference_kind AS "referenceKind",
         l.invoice_id AS "invoiceId", l.amount::text AS amount, l.amount_stated AS "amountStated",
         l.discount_taken::text AS "discountTaken", l.adjustment_amount::text AS "adjustmentAmount",
         l.adjustment_reason_code AS "adjustmentReasonCode", l.free_text AS "freeText",
         l.reference_number::text AS "referenceNumber", l.reference_prefix AS "referencePrefix",
         l.reference_by_number AS "referenceByNumber", a.applied IS NOT NULL AS applied
    FROM remittance_lines l
    -- A probe of the line's applications through their index, line by line: never a scan of
    -- every application, however many lines the planner expects.
    LEFT JOIN LATERAL (
      SELECT true AS applied FROM cash_applications a
       WHERE a.remittance_line_id = l.id AND a.status = 'applied' LIMIT 1
    ) AS a ON true
   WHERE l.payment_id = ANY($1::uuid[])
   ORDER BY l.payment_id, l.line_number`;

const INVOICE_COLUMNS = `i.id AS "invoiceId", ${invoiceNumberSql('i')} AS "invoiceNumber",
  i.customer_id AS "customerId", i.currency, i.issue_date::text AS "issueDate",
  i.due_date::text AS "dueDate", i.total::text AS total, i.open_balance::text AS "openBalance",
  i.payment_terms AS "paymentTerms"`;

const OPEN_STATUSES = APPLICABLE_INVOICE_STATUSES.map((status) => `'${status}'`).join(', ');

/** The same columns, of an open item (which carries them for its invoice). */
const OPEN_ITEM_COLUMNS = `o.invoice_id AS "invoiceId", ${invoiceNumberSql('o')} AS "invoiceNumber",
  o.customer_id AS "customerId", o.currency, o.issue_date::text AS "issueDate",
  o.due_date::text AS "dueDate", o.total::text AS total, o.open_balance::text AS "openBalance",
  o.payment_terms AS "paymentTerms"`;

/**
 * The customers' open invoices: their open items, by customer. The paid history is never
 * read, nor the invoices themselves.
 */
const OPEN_INVOICES = `
  SELECT ${OPEN_ITEM_COLUMNS} FROM receivable_open_items o WHERE o.customer_id = ANY($1::uuid[])`;

/**
 * The same, and their settled invoices a payment names by number (so the engine can say
 * "already paid" rather than "unknown"), the latter through the (series, number) index. One
 * statement, so one snapshot: an invoice another transaction pays meanwhile is either still
 * open or already paid here, never both (two statements under READ COMMITTED could list it
 * twice, once open and once paid).
 */
const OPEN_AND_PAID_NAMED = `
  ${OPEN_INVOICES}
  UNION ALL
  SELECT ${INVOICE_COLUMNS}
    FROM unnest($2::text[], $3::bigint[]) AS k(series, number)
    -- One probe of the unique index per key (OFFSET 0 keeps the subquery a subquery): never a
    -- scan of the customers' invoices, however many got paid since the last ANALYZE.
    CROSS JOIN LATERAL (
      SELECT * FROM invoices i WHERE i.series = k.series AND i.invoice_number = k.number OFFSET 0
    ) AS i
   WHERE i.status = 'paid' AND i.customer_id = ANY($1::uuid[])`;

const PROFILES = `
  SELECT c.id AS "customerId", c.currency, p.write_off_absolute::text AS absolute,
         p.write_off_percent::text AS percent, p.discount_grace_days AS "graceDays"
    FROM customers c LEFT JOIN customer_cash_profiles p ON p.customer_id = c.id
   WHERE c.id = ANY($1::uuid[])`;

/** A customer's stored cash-application profile (zeros when none is stored). */
export interface StoredCashProfile {
  customerId: string;
  /** The currency the absolute tolerance is in. */
  currency: string;
  absolute: Decimal;
  percent: Decimal;
  graceDays: number;
}

/**
 * The engine's profile of the customer for a payment in `currency`: the absolute tolerance is
 * in the customer's currency, so a payment in another currency gets no write-off.
 */
export function cashProfileFor(stored: StoredCashProfile, currency: string): CustomerCashProfile {
  return {
    customerId: stored.customerId,
    writeOffTolerance: {
      absolute: stored.currency === currency ? stored.absolute : new Decimal(0),
      percent: stored.currency === currency ? stored.percent : new Decimal(0),
    },
    discountGraceDays: stored.graceDays,
  };
}

/**
 * Invoices of any customer a payer nobody recognised names: looked up by series and number
 * (the unique index), every series of letters for a bare number.
 */
const NAMED_BY_NUMBER = `
  SELECT ${INVOICE_COLUMNS}, k.payment_id AS "paymentId"
    FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[])
      AS k(series, number, payment_id, currency)
    JOIN invoices i ON i.series = k.series AND i.invoice_number = k.number
   WHERE i.status IN (${OPEN_STATUSES}) AND i.open_balance > 0 AND i.currency = k.currency`;

/**
 * Open invoices of any customer whose balance is the payment: a scan of the open items, never
 * of the paid history (one payment at a time).
 */
const OF_AMOUNT = `
  SELECT ${OPEN_ITEM_COLUMNS} FROM receivable_open_items o
   WHERE o.open_balance = $1::numeric AND o.currency = $2
   ORDER BY o.issue_date, o.invoice_id
   LIMIT 20`;

const LETTER_SERIES = `SELECT series FROM invoice_number_series WHERE series ~ '^[A-Za-z]+$'`;

/** What cash application reads: payments under lock, open invoices, customers' profiles. */
@Injectable()
export class CashInputsRepository {
  /** Locks the payments (in id order) without reading them: the ids of those that exist. */
  async lock(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(LOCK_VERSIONS, [ids]);
    return rows.map((row) => row.id);
  }

  /**
   * The payments under their row locks (in id order), with their lines. `held`: payments in
   * hand since they were recorded; one whose version is still the locked row's is taken as
   * held, any other is read.
   */
  async lockPayments(
    manager: EntityManager,
    ids: readonly string[],
    held?: ReadonlyMap<string, PaymentInHand>,
  ): Promise<PaymentInHand[]> {
    if (held === undefined || held.size === 0) return this.readLocked(manager, ids);
    if (ids.length === 0) return [];
    const locked = await manager.query<{ id: string; version: number }[]>(LOCK_VERSIONS, [ids]);
    const stale = locked.filter((row) => held.get(row.id)?.version !== row.version);
    const read = new Map(
      (
        await this.readLocked(
          manager,
          stale.map((row) => row.id),
        )
      ).map((row) => [row.id, row]),
    );
    return locked.flatMap((row) => {
      const payment = read.get(row.id) ?? held.get(row.id);
      return payment === undefined ? [] : [payment];
    });
  }

  private async readLocked(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<PaymentInHand[]> {
    if (ids.length === 0) return [];
    const rows = await manager.query<PaymentRow[]>(LOCK_PAYMENTS, [ids]);
    const lines = await manager.query<(LineInHand & { paymentId: string })[]>(LINES, [ids]);
    const byPayment = new Map<string, LineInHand[]>();
    for (const { paymentId, ...line } of lines) {
      const list = byPayment.get(paymentId);
      if (list === undefined) byPayment.set(paymentId, [line]);
      else list.push(line);
    }
    return rows.map((row) => ({
      ...row,
      amount: new Decimal(row.amount),
      amountApplied: new Decimal(row.amountApplied),
      unapplied: new Decimal(row.unapplied),
      onAccount: new Decimal(row.onAccount),
      lines: byPayment.get(row.id) ?? [],
    }));
  }

  /**
   * Open invoices by customer (plus settled ones named by `named` series and number), as read
   * in one statement: amounts as text, for OpenInvoiceLedger.fromRows.
   */
  async openInvoices(
    manager: EntityManager,
    customerIds: readonly string[],
    named: readonly { series: string; number: string }[],
  ): Promise<Map<string, OpenInvoiceRow[]>> {
    const byCustomer = new Map<string, OpenInvoiceRow[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows =
      named.length === 0
        ? await manager.query<OpenInvoiceRow[]>(OPEN_INVOICES, [customerIds])
        : await manager.query<OpenInvoiceRow[]>(OPEN_AND_PAID_NAMED, [
            customerIds,
            named.map((key) => key.series),
            named.map((key) => key.number),
          ]);
    for (const row of rows) {
      const list = byCustomer.get(row.customerId);
      if (list === undefined) byCustomer.set(row.customerId, [row]);
      else list.push(row);
    }
    return byCustomer;
  }

  /** The invoice series made of letters only (their numbers are what references quote). */
  async letterSeries(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ series: string }[]>(LETTER_SERIES);
    return rows.map((row) => row.series);
  }

  /**
   * Candidate invoices (of any customer) for payers nobody recognised, by payment: those their
   * references name (one indexed lookup for all of them), and — for a payment on its own — those
   * whose open balance is its amount (a scan of the open invoices).
   */
  async candidateInvoices(
    manager: EntityManager,
    payments: readonly {
      id: string;
      named: readonly { series: string; number: string }[];
      amount: Decimal;
      currency: string;
    }[],
  ): Promise<Map<string, OpenInvoiceRow[]>> {
    const keys = payments.flatMap((payment) =>
      payment.named.map((key) => ({ ...key, paymentId: payment.id, currency: payment.currency })),
    );
    const rows =
      keys.length === 0
        ? []
        : await manager.query<(OpenInvoiceRow & { paymentId: string })[]>(NAMED_BY_NUMBER, [
            keys.map((key) => key.series),
            keys.map((key) => key.number),
            keys.map((key) => key.paymentId),
            keys.map((key) => key.currency),
          ]);
    const found = new Map<string, Map<string, OpenInvoiceRow>>(
      payments.map((payment) => [payment.id, new Map()]),
    );
    for (const { paymentId, ...row } of rows) found.get(paymentId)?.set(row.invoiceId, row);
    const [single] = payments;
    if (payments.length === 1 && single !== undefined) {
      const rowsOfAmount = await manager.query<OpenInvoiceRow[]>(OF_AMOUNT, [
        single.amount.toFixed(),
        single.currency,
      ]);
      for (const row of rowsOfAmount) found.get(single.id)?.set(row.invoiceId, row);
    }
    return new Map(
      [...found.entries()].map(([paymentId, invoices]) => [paymentId, [...invoices.values()]]),
    );
  }

  /** Each customer's write-off tolerance and grace days; none stored means none allowed. */
  async profiles(
    manager: EntityManager,
    customerIds: readonly string[],
  ): Promise<Map<string, StoredCashProfile>> {
    if (customerIds.length === 0) return new Map();
    const rows = await manager.query<
      {
        customerId: string;
        currency: string;
        absolute: string | null;
        percent: string | null;
        graceDays: number | null;
      }[]
    >(PROFILES, [customerIds]);
    return new Map(
      rows.map((row) => [
        row.customerId,
        {
          customerId: row.customerId,
          currency: row.currency,
          absolute: new Decimal(row.absolute ?? 0),
          percent: new Decimal(row.percent ?? 0),
          graceDays: row.graceDays ?? 0,
        },
      ]),
    );
  }
}
