import { presentMoney, type MoneyView } from '@o2c/http';

export interface DunningNoticeRow {
  id: string;
  runId: string;
  customerId: string;
  invoiceId: string;
  series: string;
  invoiceNumber: string;
  level: number;
  levelName: string;
  daysOverdue: number;
  amount: string;
  currency: string;
  dueDate: string;
  asOf: string;
  message: string;
  createdAt: Date;
  /** created_at as PostgreSQL writes it (microseconds): the exact keyset position. */
  createdAtKey: string;
}

export interface DunningNoticeView {
  id: string;
  runId: string;
  customerId: string;
  invoiceId: string;
  invoiceNumber: string;
  level: number;
  levelName: string;
  daysOverdue: number;
  amount: MoneyView;
  dueDate: string;
  asOf: string;
  message: string;
  createdAt: string;
}

export const NOTICE_SELECT = `
  SELECT n.id, n.run_id AS "runId", n.customer_id AS "customerId", n.invoice_id AS "invoiceId",
         i.series, i.invoice_number::text AS "invoiceNumber", n.level, n.level_name AS "levelName",
         n.days_overdue AS "daysOverdue", n.amount::text AS amount, n.currency,
         n.due_date::text AS "dueDate", n.as_of::text AS "asOf", n.message,
         n.created_at AS "createdAt", n.created_at::text AS "createdAtKey"
    FROM dunning_notices n JOIN invoices i ON i.id = n.invoice_id`;

export function presentDunningNotice(row: DunningNoticeRow): DunningNoticeView {
  return {
    id: row.id,
    runId: row.runId,
    customerId: row.customerId,
    invoiceId: row.invoiceId,
    invoiceNumber: `${row.series}-${row.invoiceNumber.padStart(8, '0')}`,
    level: row.level,
    levelName: row.levelName,
    daysOverdue: row.daysOverdue,
    amount: presentMoney(row.amount, row.currency),
    dueDate: row.dueDate,
    asOf: row.asOf,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
  };
}
