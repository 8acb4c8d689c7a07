import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the risk score of one customer is computed from: amounts in the customer's own currency. */
export interface CollectionFigures {
  customerId: string;
  customerNumber: string;
  customerName: string;
  currency: string;
  creditLimit: string;
  riskTier: string;
  /** In the customer's currency. */
  amountOverdue: string;
  /** Overdue in other currencies than the customer's, one entry per currency. */
  overdueInOtherCurrencies: { amount: string; currency: string }[];
  /** Of every overdue invoice, whatever its currency. */
  oldestOverdueDays: number;
  overdueInvoices: number;
  openDisputes: number;
  brokenPromises: number;
  lastDunningLevel: number;
}

/** How long a broken promise weighs on a customer's risk. */
export const BROKEN_PROMISE_WINDOW_DAYS = 180;

/**
 * Per customer with something past due on `asOf` (from the open items, by due date), in one
 * statement: the amount overdue in the
 * customer's own currency, what is overdue in any other currency listed apart (no exchange
 * rate converts it), the age and count of every overdue invoice whatever its currency, live
 * disputes, promises broken in the last 180 days, and the highest dunning level sent on an
 * invoice still open. `customerIds` narrows it to some.
 */
const FIGURES = (overdueItems: string) => `
  WITH per_currency AS (
    SELECT i.customer_id, i.currency, sum(i.open_balance) AS amount,
           max($1::date - i.due_date) AS oldest, count(*) AS invoices
      FROM (${overdueItems}) AS o JOIN invoices i ON i.id = o.invoice_id
     WHERE i.open_balance > 0 AND i.status NOT IN ('void', 'written_off', 'paid')
       AND i.issue_date <= $1::date
     GROUP BY i.customer_id, i.currency
  ), overdue AS (
    SELECT p.customer_id,
           COALESCE(sum(p.amount) FILTER (WHERE p.currency = c.currency), 0) AS amount,
           max(p.oldest) AS oldest, sum(p.invoices) AS invoices,
           COALESCE(jsonb_agg(jsonb_build_object('amount', p.amount::text, 'currency', p.currency)
                              ORDER BY p.currency) FILTER (WHERE p.currency <> c.currency),
                    '[]'::jsonb) AS other
      FROM per_currency p JOIN customers c ON c.id = p.customer_id
     GROUP BY p.customer_id
  )
  SELECT o.customer_id AS "customerId", c.customer_number AS "customerNumber",
         c.name AS "customerName", c.currency, c.credit_limit::text AS "creditLimit",
         c.risk_tier AS "riskTier", o.amount::text AS "amountOverdue",
         o.other AS "overdueInOtherCurrencies",
         o.oldest AS "oldestOverdueDays", o.invoices::int AS "overdueInvoices",
         (SELECT count(*)::int FROM disputes d
           WHERE d.customer_id = o.customer_id AND d.status IN ('open', 'under_review'))
           AS "openDisputes",
         (SELECT count(*)::int FROM payment_promises p
           WHERE p.customer_id = o.customer_id AND p.status = 'broken'
             AND p.promised_date > $1::date - ${BROKEN_PROMISE_WINDOW_DAYS})
           AS "brokenPromises",
         COALESCE((SELECT max(n.level) FROM dunning_notices n JOIN invoices di ON di.id = n.invoice_id
                    WHERE n.customer_id = o.customer_id AND di.open_balance > 0), 0)
           AS "lastDunningLevel"
    FROM overdue o JOIN customers c ON c.id = o.customer_id`;

/** Every customer's open items past due on $1. */
const EVERY_CUSTOMER = FIGURES(
  `SELECT invoice_id FROM receivable_open_items WHERE due_date < $1::date`,
);

/**
 * The open items past due on $1 of the customers in $2, customer by customer through the
 * customer index (OFFSET 0 keeps each a probe): one customer's figures never walk the due-date
 * index of every customer's items, whatever the planner estimates of the dates.
 */
const SOME_CUSTOMERS = FIGURES(`
        SELECT o.invoice_id FROM unnest($2::uuid[]) AS k(customer_id)
         CROSS JOIN LATERAL (
           SELECT invoice_id FROM receivable_open_items
            WHERE customer_id = k.customer_id AND due_date < $1::date OFFSET 0) AS o`);

@Injectable()
export class CollectionFiguresRepository {
  find(
    manager: EntityManager,
    asOf: string,
    customerIds: string[] | null = null,
  ): Promise<CollectionFigures[]> {
    return customerIds === null
      ? manager.query<CollectionFigures[]>(EVERY_CUSTOMER, [asOf])
      : manager.query<CollectionFigures[]>(SOME_CUSTOMERS, [asOf, customerIds]);
  }
}
