import { Injectable } from '@nestjs/common';
import { Decimal } from '@o2c/domain';
import { AuditTrail, auditImage } from '@o2c/governance';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { CashErrorCode, cashProblem, GuardedWriteRefused } from '../cash-application.errors';
import {
  APPLICABLE_INVOICE_STATUSES,
  type PaymentCashMove,
  type PlannedApplication,
  settledBy,
} from '../application/planned-cash';
import { INVOICE_SETTLEMENT, invoiceNumberSql } from './invoice-status.sql';
import { queryRows } from './query-rows';

interface InvoiceRow {
  id: string;
  invoiceNumber: string;
  customerId: string;
  amountApplied: string;
  openBalance: string;
  status: string;
  version: number;
}

interface PaymentRow {
  id: string;
  amountApplied: string;
  unapplied: string;
  onAccount: string;
  status: string;
  version: number;
}

/** A written application, with its id. */
export interface PostedApplication extends PlannedApplication {
  readonly id: string;
}

const INVOICE_COLUMNS = `id, ${invoiceNumberSql('invoices')} AS "invoiceNumber",
  customer_id AS "customerId", amount_applied::text AS "amountApplied",
  open_balance::text AS "openBalance", status, version`;

const PAYMENT_COLUMNS = `id, amount_applied::text AS "amountApplied", unapplied::text AS unapplied,
  on_account::text AS "onAccount", status, version`;

/** Locks in one fixed order (by id), whoever asks: concurrent postings queue, never deadlock. */
const LOCK_INVOICES = `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;
const LOCK_PAYMENTS = `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;
const INVOICE = `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = $1`;
const PAYMENT = `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1`;

/** One guarded statement for all invoices: a row changes only while its balance covers it. */
const settleInvoices = (returning: string) => `
  WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::numeric[]) AS w(id, settles))
  UPDATE invoices i
     SET ${INVOICE_SETTLEMENT('w.settles')}
    FROM wanted w
   WHERE i.id = w.id AND w.settles > 0 AND i.open_balance >= w.settles
     AND i.status IN (${APPLICABLE_INVOICE_STATUSES.map((status) => `'${status}'`).join(', ')})
  RETURNING ${returning}`;
/** With the after images an audited posting records. */
const SETTLE_INVOICES = settleInvoices(`i.id, ${invoiceNumberSql('i')} AS "invoiceNumber",
  i.customer_id AS "customerId", i.amount_applied::text AS "amountApplied",
  i.open_balance::text AS "openBalance", i.status, i.version`);
/** Without images: only which invoices changed (a batch settles tens of thousands). */
const SETTLE_INVOICES_IDS = settleInvoices('i.id');

/** The same for payments: cash applied never exceeds what is unapplied, and the credit on
 *  account stays between zero and what remains unapplied. */
const movePaymentCash = (returning: string) => `
  WITH wanted AS (
    SELECT * FROM unnest($1::uuid[], $2::numeric[], $3::numeric[]) AS w(id, applied, on_account))
  UPDATE payments p
     SET amount_applied = p.amount_applied + w.applied,
         unapplied = p.unapplied - w.applied,
         on_account = p.on_account + w.on_account,
         status = CASE
           WHEN p.unapplied - w.applied = 0 THEN 'applied'
           WHEN p.unapplied - w.applied = p.on_account + w.on_account THEN 'on_account'
           WHEN p.amount_applied + w.applied > 0 THEN 'partially_applied'
           ELSE 'unapplied' END,
         version = p.version + 1, updated_at = now()
    FROM wanted w
   WHERE p.id = w.id AND p.status <> 'reversed'
     AND p.unapplied - w.applied >= 0
     AND p.on_account + w.on_account >= 0
     AND p.on_account + w.on_account <= p.unapplied - w.applied
  RETURNING ${returning}`;
const MOVE_PAYMENT_CASH = movePaymentCash(`p.id, p.amount_applied::text AS "amountApplied",
  p.unapplied::text AS unapplied, p.on_account::text AS "onAccount", p.status, p.version`);
const MOVE_PAYMENT_CASH_IDS = movePaymentCash('p.id');

/**
 * Microseconds apart in the order given, so a payment's applications list as they were made.
 * The rows travel as one JSON array (evidence objects inside it as they are), not as thirteen
 * array literals whose every JSON text would be escaped element by element.
 */
const INSERT_APPLICATIONS = `
  INSERT INTO cash_applications
    (payment_id, invoice_id, remittance_line_id, amount, discount_amount, write_off_amount, rule,
     confidence, evidence, applied_by, origin, settlement, task_id, created_at, updated_at)
  SELECT a.payment_id, a.invoice_id, a.line_id, a.amount, a.discount, a.write_off, a.rule,
         a.confidence, a.evidence, $2, a.origin, a.settlement, a.task_id,
         now() + a.n * interval '1 microsecond', now()
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
           AS (payment_id uuid, invoice_id uuid, line_id uuid, amount numeric,
               discount numeric, write_off numeric, rule text, confidence numeric,
               evidence jsonb, origin text, settlement text, task_id uuid))
      WITH ORDINALITY AS a(payment_id, invoice_id, line_id, amount, discount, write_off, rule,
                           confidence, evidence, origin, settlement, task_id, n)
   ORDER BY a.n
  RETURNING id`;

/**
 * Writes cash: application rows, the invoices they settle and the payments they draw on, with
 * guarded statements (`WHERE open_balance >= settled`, `WHERE unapplied >= applied`), checked
 * row by row. A guard that refuses throws GuardedWriteRefused naming the invoice or payment:
 * the caller's transaction rolls back and nothing is half-applied, whatever ran concurrently.
 * Rows are locked payments first, then invoices, each by id. Raw SQL passes by the ORM's audit
 * subscriber, so each changed row records its audit row here, in the same transaction, when a
 * person made the change; what the engine applies on its own is recorded by the application
 * rows themselves (rule, confidence, evidence, applied by) and the `payment.applied` events.
 */
@Injectable()
export class CashLedgerWriter {
  constructor(private readonly audit: AuditTrail) {}

  async post(
    manager: EntityManager,
    applications: readonly PlannedApplication[],
    moves: readonly PaymentCashMove[],
    actor: CashActor,
    options: { audited: boolean } = { audited: true },
  ): Promise<PostedApplication[]> {
    const paymentMoves = mergeMoves(moves);
    // Unaudited postings come from a run that locked its payments already.
    const payments = options.audited
      ? await this.lockPayments(manager, paymentMoves)
      : new Map<string, PaymentRow>();
    const invoices = await this.settleInvoices(manager, applications, options.audited);
    const paymentChanges = await this.movePayments(
      manager,
      paymentMoves,
      payments,
      options.audited,
    );
    const posted = await this.insertApplications(manager, applications, actor);
    if (options.audited) await this.auditChanges(manager, invoices, paymentChanges, posted);
    return posted;
  }

  private async lockPayments(
    manager: EntityManager,
    moves: PaymentCashMove[],
  ): Promise<Map<string, PaymentRow>> {
    if (moves.length === 0) return new Map();
    const rows = await manager.query<PaymentRow[]>(LOCK_PAYMENTS, [moves.map((m) => m.paymentId)]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Settles every invoice by the sum its applications settle; before and after images. */
  private async settleInvoices(
    manager: EntityManager,
    applications: readonly PlannedApplication[],
    withImages: boolean,
  ): Promise<{ before: InvoiceRow; after: InvoiceRow }[]> {
    const totals = new Map<string, Decimal>();
    for (const application of applications) {
      const settles = settledBy(application);
      totals.set(
        application.invoiceId,
        (totals.get(application.invoiceId) ?? new Decimal(0)).plus(settles),
      );
    }
    if (totals.size === 0) return [];
    const ids = [...totals.keys()].sort();
    // With images, the rows are locked in id order first (a person's posting may meet another
    // on the same invoices). A batch run's invoices are its customers' alone: the UPDATE locks.
    const before = new Map<string, InvoiceRow>();
    if (withImages) {
      for (const row of await manager.query<InvoiceRow[]>(LOCK_INVOICES, [ids])) {
        before.set(row.id, row);
      }
    }
    // Without images the changed rows carry only their id.
    const after = await queryRows<InvoiceRow>(
      manager,
      withImages ? SETTLE_INVOICES : SETTLE_INVOICES_IDS,
      [ids, ids.map((id) => totals.get(id)?.toFixed() ?? '0')],
    );
    if (after.length !== ids.length) {
      const changed = new Set(after.map((row) => row.id));
      const refused = ids.find((id) => !changed.has(id)) ?? ids[0];
      const [row] = await manager.query<InvoiceRow[]>(INVOICE, [refused]);
      throw new GuardedWriteRefused(invoiceRefusal(row, refused, totals));
    }
    if (!withImages) return [];
    return after.map((row) => ({ before: before.get(row.id) ?? row, after: row }));
  }

  private async movePayments(
    manager: EntityManager,
    moves: PaymentCashMove[],
    before: Map<string, PaymentRow>,
    withImages: boolean,
  ): Promise<{ before: PaymentRow; after: PaymentRow }[]> {
    if (moves.length === 0) return [];
    // Without images the changed rows carry only their id.
    const sql = withImages ? MOVE_PAYMENT_CASH : MOVE_PAYMENT_CASH_IDS;
    const after = await queryRows<PaymentRow>(manager, sql, [
      moves.map((move) => move.paymentId),
      moves.map((move) => move.applied.toFixed()),
      moves.map((move) => move.onAccountDelta.toFixed()),
    ]);
    if (after.length !== moves.length) {
      const changed = new Set(after.map((row) => row.id));
      const refused = moves.find((move) => !changed.has(move.paymentId)) ?? moves[0];
      const [row] = await manager.query<PaymentRow[]>(PAYMENT, [refused.paymentId]);
      throw new GuardedWriteRefused(
        cashProblem(
          row?.status === 'reversed'
            ? CashErrorCode.PAYMENT_REVERSED
            : CashErrorCode.PAYMENT_BALANCE_EXCEEDED,
          '/body/applications',
          row?.status === 'reversed'
            ? `payment ${refused.paymentId} was reversed; its cash cannot be applied`
            : `applying ${refused.applied.toFixed()} exceeds the ${new Decimal(row?.unapplied ?? '0').toFixed()} unapplied on payment ${refused.paymentId}`,
          { paymentId: refused.paymentId },
        ),
      );
    }
    if (!withImages) return [];
    return after.map((row) => ({ before: before.get(row.id) ?? row, after: row }));
  }

  private async insertApplications(
    manager: EntityManager,
    applications: readonly PlannedApplication[],
    actor: CashActor,
  ): Promise<PostedApplication[]> {
    if (applications.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(INSERT_APPLICATIONS, [
      JSON.stringify(
        applications.map((a) => ({
          payment_id: a.paymentId,
          invoice_id: a.invoiceId,
          line_id: a.remittanceLineId,
          amount: a.amount.toFixed(),
          discount: a.discount.toFixed(),
          write_off: a.writeOff.toFixed(),
          rule: a.rule,
          confidence: a.confidence === null ? null : a.confidence.toFixed(4),
          evidence: { ...a.evidence, reasons: a.reasons },
          origin: a.origin,
          settlement: a.settlement,
          task_id: a.taskId,
        })),
      ),
      actor.subject,
    ]);
    return applications.map((application, index) => ({
      ...application,
      id: rows[index]?.id ?? '',
    }));
  }

  private async auditChanges(
    manager: EntityManager,
    invoices: { before: InvoiceRow; after: InvoiceRow }[],
    paymentChanges: { before: PaymentRow; after: PaymentRow }[],
    posted: PostedApplication[],
  ): Promise<void> {
    if (!this.audit.isRecording()) return;
    for (const { before, after } of invoices) {
      await this.audit.record(manager, {
        objectType: 'invoices',
        objectId: after.id,
        before: auditImage(invoiceImage(before)),
        after: auditImage(invoiceImage(after)),
      });
    }
    for (const { before, after } of paymentChanges) {
      await this.audit.record(manager, {
        objectType: 'payments',
        objectId: after.id,
        before: auditImage({ ...before }),
        after: auditImage({ ...after }),
      });
    }
    for (const application of posted) {
      await this.audit.record(manager, {
        objectType: 'cash_applications',
        objectId: application.id,
        before: null,
        after: auditImage({
          id: application.id,
          paymentId: application.paymentId,
          invoiceId: application.invoiceId,
          amount: application.amount.toFixed(),
          discountAmount: application.discount.toFixed(),
          writeOffAmount: application.writeOff.toFixed(),
          rule: application.rule,
          origin: application.origin,
          status: 'applied',
        }),
      });
    }
  }
}

function invoiceImage(row: InvoiceRow): Record<string, unknown> {
  return {
    id: row.id,
    amountApplied: row.amountApplied,
    openBalance: row.openBalance,
    status: row.status,
    version: row.version,
  };
}

/** One move per payment: several applications of one payment draw on it together. */
function mergeMoves(moves: readonly PaymentCashMove[]): PaymentCashMove[] {
  const merged = new Map<string, PaymentCashMove>();
  for (const move of moves) {
    const previous = merged.get(move.paymentId);
    merged.set(
      move.paymentId,
      previous === undefined
        ? move
        : {
            paymentId: move.paymentId,
            applied: previous.applied.plus(move.applied),
            onAccountDelta: previous.onAccountDelta.plus(move.onAccountDelta),
          },
    );
  }
  return [...merged.values()]
    .filter((move) => !move.applied.isZero() || !move.onAccountDelta.isZero())
    .sort((a, b) => (a.paymentId < b.paymentId ? -1 : a.paymentId > b.paymentId ? 1 : 0));
}

function invoiceRefusal(
  row: InvoiceRow | undefined,
  invoiceId: string,
  totals: Map<string, Decimal>,
) {
  const wanted = totals.get(invoiceId)?.toFixed() ?? '0';
  if (row === undefined) {
    return cashProblem(
      CashErrorCode.INVOICE_NOT_FOUND,
      '/body/applications',
      `invoice ${invoiceId} does not exist`,
      { invoiceId },
    );
  }
  if (!(APPLICABLE_INVOICE_STATUSES as readonly string[]).includes(row.status)) {
    return cashProblem(
      CashErrorCode.INVOICE_NOT_OPEN,
      '/body/applications',
      `invoice ${row.invoiceNumber} is ${row.status}; cash cannot be applied to it`,
      { invoiceId },
    );
  }
  return cashProblem(
    CashErrorCode.INVOICE_BALANCE_EXCEEDED,
    '/body/applications',
    `settling ${wanted} exceeds the ${new Decimal(row.openBalance).toFixed()} still open on invoice ${row.invoiceNumber}`,
    { invoiceId, openBalance: new Decimal(row.openBalance).toFixed() },
  );
}
