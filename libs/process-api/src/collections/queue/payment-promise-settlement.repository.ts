import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface SettledPromise {
  id: string;
  customerId: string;
  status: 'kept' | 'broken';
  amount: string;
  amountPaid: string;
  currency: string;
  promisedDate: string;
}

/**
 * Settles open promises whose date is before `asOf`: kept when the customer's payments in the
 * promise's currency, valued from the day it was made to its date (reversed ones excepted),
 * reach its amount; else broken. Guarded by `status = 'open'`, so overlapping runs settle each
 * promise once; each settlement is logged and a broken promise is published to the account
 * manager (outbox `collections.promise_broken`).
 */
const SETTLE = `
  WITH due AS (
    SELECT p.id,
           COALESCE((SELECT sum(pay.amount) FROM payments pay
                      WHERE pay.customer_id = p.customer_id AND pay.currency = p.currency
                        AND pay.status <> 'reversed'
                        AND pay.value_date BETWEEN p.created_at::date AND p.promised_date), 0)
             AS paid
      FROM payment_promises p
     WHERE p.status = 'open' AND p.promised_date < $1::date
     ORDER BY p.id
       FOR UPDATE
  ), settled AS (
    UPDATE payment_promises p
       SET status = CASE WHEN due.paid >= p.amount THEN 'kept' ELSE 'broken' END,
           amount_paid = due.paid, settled_at = now(),
           version = p.version + 1, updated_at = now()
      FROM due
     WHERE p.id = due.id AND p.status = 'open'
    RETURNING p.id, p.customer_id, p.status, p.amount, p.amount_paid, p.currency, p.promised_date
  ), events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, data, related_objects, correlation_id)
    SELECT 'payment_promise', s.id::text, 'payment_promise.' || s.status, $2,
           jsonb_build_object('amount', s.amount::text, 'amountPaid', s.amount_paid::text,
             'currency', s.currency, 'promisedDate', s.promised_date::text),
           jsonb_build_array(jsonb_build_object('type', 'customer', 'id', s.customer_id)),
           $3
      FROM settled s
  ), outbox AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT 'payment_promise', s.id::text, 'collections.promise_broken',
           jsonb_build_object('eventType', 'collections.promise_broken', 'promiseId', s.id,
             'customerId', s.customer_id, 'accountManager', c.account_manager,
             'amount', s.amount::text, 'amountPaid', s.amount_paid::text,
             'currency', s.currency, 'promisedDate', s.promised_date::text, 'actor', $2),
           $4::jsonb
      FROM settled s JOIN customers c ON c.id = s.customer_id
     WHERE s.status = 'broken'
  )
  SELECT id, customer_id AS "customerId", status, amount::text AS amount,
         amount_paid::text AS "amountPaid", currency, promised_date::text AS "promisedDate"
    FROM settled`;

@Injectable()
export class PaymentPromiseSettlementRepository {
  settle(
    manager: EntityManager,
    asOf: string,
    actor: string,
    correlationId: string | null,
  ): Promise<SettledPromise[]> {
    const headers = JSON.stringify(correlationId ? { correlationId } : {});
    return manager.query<SettledPromise[]>(SETTLE, [asOf, actor, correlationId, headers]);
  }
}
