import { Injectable } from '@nestjs/common';
import { DEFAULT_DUNNING_LEVELS, type DunningLevel } from '@o2c/domain';
import type { EntityManager } from 'typeorm';

/** An invoice past due as of the run's day, with the highest level already sent for it. */
export interface DunningCandidate {
  invoiceId: string;
  customerId: string;
  customerName: string;
  series: string;
  invoiceNumber: string;
  currency: string;
  openBalance: string;
  dueDate: string;
  daysOverdue: number;
  lastLevel: number;
}

/**
 * Invoices due a notice, in one set-based statement: open items past due on `asOf`,
 * issued by then, no live dispute (disputed invoices wait for their dispute; a rejected one is
 * dunned again), and a ladder level reached above the last one sent ($2 holds the ladder's
 * day thresholds, level 1 first). Which notice to send stays the domain's decision; the filter
 * only spares shipping invoices that are due nothing new. `examined` counts every overdue
 * invoice without a live dispute.
 */
const CANDIDATES = `
  WITH overdue AS (
    SELECT i.id, i.customer_id, i.series, i.invoice_number, i.currency, i.open_balance,
           i.due_date, ($1::date - i.due_date) AS days_overdue
      FROM receivable_open_items o JOIN invoices i ON i.id = o.invoice_id
     WHERE o.due_date < $1::date
       AND i.open_balance > 0
       AND i.status NOT IN ('void', 'written_off', 'paid')
       AND i.issue_date <= $1::date
       AND NOT EXISTS (
         SELECT 1 FROM disputes d
          WHERE d.invoice_id = i.id AND d.status IN ('open', 'under_review'))
  ), due AS (
    SELECT o.*, COALESCE(n.last_level, 0) AS last_level,
           (SELECT count(*) FROM unnest($2::int[]) AS ladder(min_days)
             WHERE ladder.min_days <= o.days_overdue) AS reached
      FROM overdue o
      LEFT JOIN (SELECT invoice_id, max(level) AS last_level FROM dunning_notices
                  GROUP BY invoice_id) n ON n.invoice_id = o.id
  )
  SELECT d.id AS "invoiceId", d.customer_id AS "customerId", c.name AS "customerName",
         d.series, d.invoice_number::text AS "invoiceNumber", d.currency,
         d.open_balance::text AS "openBalance", d.due_date::text AS "dueDate",
         d.days_overdue AS "daysOverdue", d.last_level AS "lastLevel",
         (SELECT count(*) FROM overdue)::int AS examined
    FROM due d JOIN customers c ON c.id = d.customer_id
   WHERE d.reached > d.last_level
   ORDER BY d.customer_id, d.due_date, d.id`;

const EXAMINED = `
  SELECT count(*)::int AS examined
    FROM receivable_open_items o JOIN invoices i ON i.id = o.invoice_id
   WHERE o.due_date < $1::date
     AND i.open_balance > 0 AND i.status NOT IN ('void', 'written_off', 'paid')
     AND i.issue_date <= $1::date
     AND NOT EXISTS (SELECT 1 FROM disputes d
                      WHERE d.invoice_id = i.id AND d.status IN ('open', 'under_review'))`;

@Injectable()
export class DunningCandidatesRepository {
  /** The invoices due a notice as of `asOf`, and how many overdue invoices were looked at. */
  async find(
    manager: EntityManager,
    asOf: string,
    ladder: readonly DunningLevel[] = DEFAULT_DUNNING_LEVELS,
  ): Promise<{ candidates: DunningCandidate[]; examined: number }> {
    const thresholds = ladder.map((level) => level.minDaysOverdue);
    const rows = await manager.query<(DunningCandidate & { examined: number })[]>(CANDIDATES, [
      asOf,
      thresholds,
    ]);
    if (rows.length > 0) return { candidates: rows, examined: rows[0]?.examined ?? 0 };
    const counted = await manager.query<{ examined: number }[]>(EXAMINED, [asOf]);
    return { candidates: [], examined: counted[0]?.examined ?? 0 };
  }
}
