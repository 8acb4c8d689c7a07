import { Injectable } from '@nestjs/common';
import { Decimal, invoiceStatusWithDisputes } from '@o2c/domain';
import { AuditTrail, auditImage } from '@o2c/governance';
import type { EntityManager } from 'typeorm';

/** An invoice as the dispute process reads it, under its row lock. */
export interface DisputedInvoice {
  id: string;
  customerId: string;
  series: string;
  invoiceNumber: string;
  currency: string;
  status: string;
  dueDate: string;
  total: string;
  amountApplied: string;
  amountCredited: string;
  openBalance: string;
  version: number;
}

const COLUMNS = `id, customer_id AS "customerId", series, invoice_number::text AS "invoiceNumber",
  currency, status, due_date::text AS "dueDate", total::text AS total,
  amount_applied::text AS "amountApplied", amount_credited::text AS "amountCredited",
  open_balance::text AS "openBalance", version`;

/** Disputes on the invoice that still count against it. */
const LIVE_DISPUTED = `
  SELECT count(*)::int AS count, COALESCE(sum(amount), 0)::text AS amount
    FROM disputes WHERE invoice_id = $1 AND status IN ('open', 'under_review')`;

/**
 * The invoice side of disputes. Every change locks the invoice row first (as credit memos and
 * cash application do), so the disputed total, the open balance and the status move together.
 * Raw statements bump version and updated_at and record their own audit rows.
 */
@Injectable()
export class DisputedInvoiceRepository {
  constructor(private readonly audit: AuditTrail) {}

  async lock(manager: EntityManager, invoiceId: string): Promise<DisputedInvoice | undefined> {
    const rows = await manager.query<DisputedInvoice[]>(
      `SELECT ${COLUMNS} FROM invoices WHERE id = $1 FOR UPDATE`,
      [invoiceId],
    );
    return rows[0];
  }

  /**
   * Locks the invoices in id order (two commands locking overlapping sets never wait on each
   * other in a cycle), each with the number of its live disputes.
   */
  async lockMany(
    manager: EntityManager,
    invoiceIds: readonly string[],
  ): Promise<Map<string, { invoice: DisputedInvoice; liveDisputes: number }>> {
    if (invoiceIds.length === 0) return new Map();
    const rows = await manager.query<(DisputedInvoice & { liveDisputes: number })[]>(
      `SELECT ${COLUMNS},
              (SELECT count(*)::int FROM disputes d
                WHERE d.invoice_id = invoices.id AND d.status IN ('open', 'under_review'))
                AS "liveDisputes"
         FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(invoiceIds)]],
    );
    return new Map(
      rows.map(({ liveDisputes, ...invoice }) => [invoice.id, { invoice, liveDisputes }]),
    );
  }

  async liveDisputes(
    manager: EntityManager,
    invoiceId: string,
  ): Promise<{ count: number; amount: string }> {
    const rows = await manager.query<{ count: number; amount: string }[]>(LIVE_DISPUTED, [
      invoiceId,
    ]);
    return rows[0] ?? { count: 0, amount: '0' };
  }

  /** The invoice's lines among `lineIds`, by id, with what a dispute may contest on each. */
  async linesOf(
    manager: EntityManager,
    invoiceId: string,
    lineIds: string[],
  ): Promise<Map<string, { quantity: string; lineTotal: string }>> {
    if (lineIds.length === 0) return new Map();
    const rows = await manager.query<{ id: string; quantity: string; lineTotal: string }[]>(
      `SELECT id, quantity::text AS quantity, line_total::text AS "lineTotal"
         FROM invoice_lines WHERE invoice_id = $1 AND id = ANY($2::uuid[])`,
      [invoiceId, lineIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Puts the invoice in the status its balances and live disputes call for (locked before). */
  async settleStatus(manager: EntityManager, invoice: DisputedInvoice): Promise<DisputedInvoice> {
    const live = await this.liveDisputes(manager, invoice.id);
    const status = invoiceStatusWithDisputes({
      status: invoice.status,
      openBalance: new Decimal(invoice.openBalance),
      amountApplied: new Decimal(invoice.amountApplied),
      liveDisputes: live.count,
    });
    if (status === invoice.status) return invoice;
    const rows = await manager.query<{ version: number }[]>(
      // In a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
      `WITH changed AS (
         UPDATE invoices SET status = $2, version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version)
       SELECT version FROM changed`,
      [invoice.id, status],
    );
    const after = { ...invoice, status, version: rows[0]?.version ?? invoice.version + 1 };
    await this.audit.record(manager, {
      objectType: 'invoices',
      objectId: invoice.id,
      before: auditImage({ status: invoice.status, version: invoice.version }),
      after: auditImage({ status: after.status, version: after.version }),
    });
    return after;
  }

  /**
   * settleStatus for many invoices locked before, given their live disputes now: the changed
   * ones in one statement, each audited as settleStatus audits it.
   */
  async settleStatuses(
    manager: EntityManager,
    invoices: readonly { invoice: DisputedInvoice; liveDisputes: number }[],
  ): Promise<void> {
    const changed = invoices.flatMap(({ invoice, liveDisputes }) => {
      const status = invoiceStatusWithDisputes({
        status: invoice.status,
        openBalance: new Decimal(invoice.openBalance),
        amountApplied: new Decimal(invoice.amountApplied),
        liveDisputes,
      });
      return status === invoice.status ? [] : [{ invoice, status }];
    });
    if (changed.length === 0) return;
    const rows = await manager.query<{ id: string; version: number }[]>(
      `WITH changed AS (
         UPDATE invoices i SET status = s.status, version = i.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS s(id, status)
          WHERE i.id = s.id RETURNING i.id, i.version)
       SELECT id, version FROM changed`,
      [changed.map(({ invoice }) => invoice.id), changed.map(({ status }) => status)],
    );
    const versions = new Map(rows.map((row) => [row.id, row.version]));
    for (const { invoice, status } of changed) {
      await this.audit.record(manager, {
        objectType: 'invoices',
        objectId: invoice.id,
        before: auditImage({ status: invoice.status, version: invoice.version }),
        after: auditImage({ status, version: versions.get(invoice.id) ?? invoice.version + 1 }),
      });
    }
  }

  /**
   * Takes `amount` off the open balance as a credit (the write-off memo's total), guarded: the
   * balance never goes below zero. Undefined when the balance is too low.
   */
  async credit(
    manager: EntityManager,
    invoice: DisputedInvoice,
    amount: string,
  ): Promise<DisputedInvoice | undefined> {
    const rows = await manager.query<
      { amountCredited: string; openBalance: string; version: number }[]
    >(
      `WITH credited AS (
         UPDATE invoices
            SET amount_credited = amount_credited + $2::numeric,
                open_balance = open_balance - $2::numeric,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND open_balance >= $2::numeric
          RETURNING amount_credited, open_balance, version)
       SELECT amount_credited::text AS "amountCredited", open_balance::text AS "openBalance",
              version
         FROM credited`,
      [invoice.id, amount],
    );
    const row = rows[0];
    if (!row) return undefined;
    const after = { ...invoice, ...row };
    await this.audit.record(manager, {
      objectType: 'invoices',
      objectId: invoice.id,
      before: auditImage({
        amountCredited: invoice.amountCredited,
        openBalance: invoice.openBalance,
        version: invoice.version,
      }),
      after: auditImage({ ...row }),
    });
    return after;
  }
}

/** As invoices print it: series, dash, the number zero-padded to 8 digits. */
export function invoiceNumberOf(invoice: { series: string; invoiceNumber: string }): string {
  return `${invoice.series}-${invoice.invoiceNumber.padStart(8, '0')}`;
}
