/** A dispute with its customer and invoice, as the readers select it. */
export interface DisputeRow {
  id: string;
  disputeNumber: string;
  status: string;
  category: string;
  source: string;
  amount: string;
  currency: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  invoiceId: string;
  series: string;
  invoiceNumber: string;
  dueDate: string;
  invoiceStatus: string;
  openBalance: string;
  invoiceCurrency: string;
  paymentId: string | null;
  reasonCode: string | null;
  description: string | null;
  owner: string | null;
  slaDueAt: Date | null;
  raisedBy: string;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionComment: string | null;
  evidence: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DisputeLineRow {
  invoiceLineId: string;
  lineNumber: number;
  itemId: string;
  quantity: string | null;
  amount: string | null;
  note: string | null;
}

export interface DisputeTaskRow {
  id: string;
  status: string;
  assigneeRole: string;
  assignee: string | null;
  priority: number;
  slaDueAt: Date | null;
  version: number;
}

export interface DisputeMemoRow {
  id: string;
  memoNumber: string;
  reason: string;
  total: string;
  currency: string;
  issueDate: string;
}

export interface TimelineRow {
  sequence: string;
  activity: string;
  occurredAt: Date;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
}

export const DISPUTE_SELECT = `
  SELECT d.id, d.dispute_number::text AS "disputeNumber", d.status, d.category, d.source,
         d.amount::text AS amount, d.currency, d.customer_id AS "customerId",
         c.customer_number AS "customerNumber", c.name AS "customerName",
         d.invoice_id AS "invoiceId", i.series, i.invoice_number::text AS "invoiceNumber",
         i.due_date::text AS "dueDate", i.status AS "invoiceStatus",
         i.open_balance::text AS "openBalance", i.currency AS "invoiceCurrency",
         d.payment_id AS "paymentId", d.reason_code AS "reasonCode", d.description, d.owner,
         d.sla_due_at AS "slaDueAt", d.raised_by AS "raisedBy", d.resolved_at AS "resolvedAt",
         d.resolved_by AS "resolvedBy", d.resolution_comment AS "resolutionComment",
         d.evidence, d.version, d.created_at AS "createdAt", d.updated_at AS "updatedAt"
    FROM disputes d
    JOIN customers c ON c.id = d.customer_id
    JOIN invoices i ON i.id = d.invoice_id`;
