import { type MoneyView, presentMoney } from '@o2c/http';

export interface PaymentPromiseRow {
  id: string;
  customerId: string;
  amount: string;
  currency: string;
  promisedDate: string;
  status: string;
  recordedBy: string;
  note: string | null;
  amountPaid: string | null;
  settledAt: Date | null;
  createdAt: Date;
  /** created_at as PostgreSQL writes it (microseconds): the exact keyset position. */
  createdAtKey: string;
}

export interface PaymentPromiseView {
  id: string;
  customerId: string;
  amount: MoneyView;
  promisedDate: string;
  status: string;
  recordedBy: string;
  note: string | null;
  amountPaid: MoneyView | null;
  settledAt: string | null;
  createdAt: string;
}

export const PROMISE_SELECT = `
  SELECT id, customer_id AS "customerId", amount::text AS amount, currency,
         promised_date::text AS "promisedDate", status, recorded_by AS "recordedBy", note,
         amount_paid::text AS "amountPaid", settled_at AS "settledAt", created_at AS "createdAt",
         created_at::text AS "createdAtKey"
    FROM payment_promises`;

export function presentPaymentPromise(row: PaymentPromiseRow): PaymentPromiseView {
  return {
    id: row.id,
    customerId: row.customerId,
    amount: presentMoney(row.amount, row.currency),
    promisedDate: row.promisedDate,
    status: row.status,
    recordedBy: row.recordedBy,
    note: row.note,
    amountPaid: row.amountPaid === null ? null : presentMoney(row.amountPaid, row.currency),
    settledAt: row.settledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
