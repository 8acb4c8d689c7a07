import { Injectable } from '@nestjs/common';
import {
  AGING_BUCKETS,
  agingBucket,
  type CreditPosition,
  Decimal,
  type OverdueBucket,
} from '@o2c/domain';
import { preparedStatement, queryPrepared, type StatementBatch } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

interface PositionRow {
  openReceivables: string;
  openOrders: string;
  shippedNotInvoiced: string;
  overdue: { days: number; amount: string }[];
}

/**
 * A customer's exposure in one statement, as of `today` (UTC):
 * - open receivables: open balance of invoices that are neither void nor written off (the
 *   customer's open items, read alone: a paid invoice has no balance), less the customer's
 *   credit on account (overpayments kept as credit, in its own currency; negative when that
 *   credit exceeds what is open);
 * - overdue: those balances past their due date, by whole days overdue (bucketed by the
 *   domain's aging rule);
 * - open orders: what is not yet invoiced of orders that count against credit (validated,
 *   on hold, approved, allocated, released, partially shipped). An order on hold reserves its
 *   credit: approving its other holds resumes it to allocation without judging credit again.
 *   Cancelled and rejected orders do not count, nor do the orders being decided (`excluded`),
 *   whose own value the caller adds;
 * - shipped not invoiced: the same for shipped orders.
 */
const CREDIT_POSITION = preparedStatement(
  'credit-position',
  `
  WITH open_invoices AS (
    SELECT open_balance, due_date FROM receivable_open_items WHERE customer_id = $1
  ), on_account AS (
    SELECT COALESCE(sum(p.on_account), 0) AS credit
      FROM payments p JOIN customers c ON c.id = p.customer_id AND c.currency = p.currency
     WHERE p.customer_id = $1 AND p.on_account > 0 AND p.status <> 'reversed'
  ), uninvoiced AS (
    SELECT o.status,
           GREATEST(o.total - COALESCE((SELECT sum(i.total) FROM invoices i
                                         WHERE i.order_id = o.id AND i.status <> 'void'), 0), 0)
             AS amount
      FROM sales_orders o
     WHERE o.customer_id = $1 AND o.id <> ALL($3::uuid[])
       AND o.status IN ('validated', 'on_hold', 'approved', 'allocated', 'released',
                        'partially_shipped', 'shipped')
  )
  SELECT
    ((SELECT COALESCE(sum(open_balance), 0) FROM open_invoices)
       - (SELECT credit FROM on_account))::text AS "openReceivables",
    (SELECT COALESCE(sum(amount), 0) FROM uninvoiced WHERE status <> 'shipped')::text
      AS "openOrders",
    (SELECT COALESCE(sum(amount), 0) FROM uninvoiced WHERE status = 'shipped')::text
      AS "shippedNotInvoiced",
    (SELECT COALESCE(json_agg(json_build_object('days', days, 'amount', amount::text)), '[]'::json)
       FROM (SELECT $2::date - due_date AS days, sum(open_balance) AS amount
               FROM open_invoices WHERE due_date < $2::date GROUP BY 1) overdue) AS overdue`,
);

@Injectable()
export class CreditPositionRepository {
  async position(
    manager: EntityManager,
    customer: { id: string; creditLimit: Decimal },
    today: string,
    excludedOrderIds: string[],
  ): Promise<CreditPosition> {
    const [row] = await queryPrepared<PositionRow>(manager, CREDIT_POSITION, [
      customer.id,
      today,
      excludedOrderIds,
    ]);
    return creditPosition(customer, row);
  }

  /** position(), as a part of the caller's batch. */
  positionIn(
    batch: StatementBatch,
    customer: { id: string; creditLimit: Decimal },
    today: string,
    excludedOrderIds: string[],
  ): () => CreditPosition {
    const values = [customer.id, today, excludedOrderIds];
    return batch.read<PositionRow, CreditPosition>(CREDIT_POSITION.text, values, (rows) =>
      creditPosition(customer, rows[0]),
    );
  }
}

function creditPosition(
  customer: { creditLimit: Decimal },
  row: PositionRow | undefined,
): CreditPosition {
  if (!row) throw new Error('the credit position query returned no row');
  return {
    creditLimit: customer.creditLimit,
    openReceivables: new Decimal(row.openReceivables),
    openOrders: new Decimal(row.openOrders),
    shippedNotInvoiced: new Decimal(row.shippedNotInvoiced),
    overdue: overdueBuckets(row.overdue),
    oldestOverdueDays: Math.max(0, ...row.overdue.map((entry) => entry.days)),
  };
}

function overdueBuckets(rows: PositionRow['overdue']): OverdueBucket[] {
  const sums = new Map<OverdueBucket['bucket'], Decimal>();
  for (const { days, amount } of rows) {
    const bucket = agingBucket(days);
    if (bucket === 'current') continue;
    sums.set(bucket, (sums.get(bucket) ?? new Decimal(0)).plus(amount));
  }
  return AGING_BUCKETS.flatMap((bucket) => {
    const amount = sums.get(bucket);
    return amount === undefined ? [] : [{ bucket, amount }];
  });
}
