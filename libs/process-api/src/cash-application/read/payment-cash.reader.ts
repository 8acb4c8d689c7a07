import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountScope } from '@o2c/governance';
import { DataSource, type EntityManager } from 'typeorm';
import { invoiceNumberSql } from '../ledger/invoice-status.sql';
import { CASH_QUEUE, PAYMENT_SUBJECT } from '../application/review-task.writer';

export interface PaymentRow {
  id: string;
  status: string;
  customerId: string | null;
  customerNumber: string | null;
  customerName: string | null;
  payerName: string | null;
  payerEvidence: Record<string, unknown>;
  identification: Record<string, unknown> | null;
  amount: string;
  currency: string;
  amountApplied: string;
  unapplied: string;
  onAccount: string;
  method: string;
  valueDate: string;
  bankReference: string | null;
  paymentReference: string | null;
  source: string;
  sourceFileId: string | null;
  sourceLocation: string | null;
  freeText: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface LineRow {
  lineNumber: number;
  invoiceReference: string | null;
  referenceKind: string;
  invoiceId: string | null;
  amount: string;
  amountStated: boolean;
  documentAmount: string | null;
  discountTaken: string;
  adjustmentAmount: string;
  adjustmentReasonCode: string | null;
  freeText: string | null;
}

export interface ApplicationRow {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  lineNumber: number | null;
  amount: string;
  discount: string;
  writeOff: string;
  rule: string;
  settlement: string | null;
  origin: string;
  confidence: string | null;
  evidence: Record<string, unknown>;
  status: string;
  appliedBy: string;
  appliedAt: Date;
  reversedAt: Date | null;
  reversedBy: string | null;
  reversalReason: string | null;
}

export interface DeductionRow {
  disputeId: string;
  invoiceId: string;
  amount: string;
  currency: string;
  category: string;
  reasonCode: string | null;
  status: string;
}

export interface TaskRow {
  id: string;
  status: string;
  assigneeRole: string;
  assignee: string | null;
  priority: number;
  dueAt: Date | null;
  version: number;
}

export interface PaymentRecord {
  payment: PaymentRow;
  lines: LineRow[];
  applications: ApplicationRow[];
  deductions: DeductionRow[];
  task: TaskRow | null;
}

const PAYMENT = `
  SELECT p.id, p.status, p.customer_id AS "customerId", c.customer_number AS "customerNumber",
         c.name AS "customerName", p.payer_name AS "payerName", p.payer_evidence AS "payerEvidence",
         p.identification, p.amount::text AS amount, p.currency,
         p.amount_applied::text AS "amountApplied", p.unapplied::text AS unapplied,
         p.on_account::text AS "onAccount", p.method, p.value_date::text AS "valueDate",
         p.bank_reference AS "bankReference", p.payment_reference AS "paymentReference",
         p.source, p.source_file_id AS "sourceFileId", p.source_location AS "sourceLocation",
         p.free_text AS "freeText", p.version, p.created_at AS "createdAt",
         p.updated_at AS "updatedAt"
    FROM payments p LEFT JOIN customers c ON c.id = p.customer_id
   WHERE p.id = $1 AND ($2::uuid[] IS NULL OR p.customer_id = ANY($2::uuid[]))`;

const LINES = `
  SELECT line_number AS "lineNumber", invoice_reference AS "invoiceReference",
         reference_kind AS "referenceKind", invoice_id AS "invoiceId", amount::text AS amount,
         amount_stated AS "amountStated", document_amount::text AS "documentAmount",
         discount_taken::text AS "discountTaken", adjustment_amount::text AS "adjustmentAmount",
         adjustment_reason_code AS "adjustmentReasonCode", free_text AS "freeText"
    FROM remittance_lines WHERE payment_id = $1 ORDER BY line_number`;

const APPLICATIONS = `
  SELECT a.id, a.invoice_id AS "invoiceId", ${invoiceNumberSql('i')} AS "invoiceNumber",
         l.line_number AS "lineNumber", a.amount::text AS amount,
         a.discount_amount::text AS discount, a.write_off_amount::text AS "writeOff", a.rule,
         a.settlement, a.origin, a.confidence::text AS confidence, a.evidence, a.status,
         a.applied_by AS "appliedBy", a.created_at AS "appliedAt", a.reversed_at AS "reversedAt",
         a.reversed_by AS "reversedBy", a.reversal_reason AS "reversalReason"
    FROM cash_applications a JOIN invoices i ON i.id = a.invoice_id
    LEFT JOIN remittance_lines l ON l.id = a.remittance_line_id
   WHERE a.payment_id = $1 ORDER BY a.created_at, l.line_number NULLS LAST, a.id`;

const DEDUCTIONS = `
  SELECT id AS "disputeId", invoice_id AS "invoiceId", amount::text AS amount, currency,
         category, reason_code AS "reasonCode", status
    FROM disputes WHERE payment_id = $1 ORDER BY created_at, id`;

const TASK = `
  SELECT id, status, assignee_role AS "assigneeRole", assignee, priority, sla_due_at AS "dueAt",
         version
    FROM tasks WHERE queue = '${CASH_QUEUE}' AND subject_type = '${PAYMENT_SUBJECT}'
     AND subject_id = $1
   ORDER BY (status IN ('open', 'claimed')) DESC, created_at DESC LIMIT 1`;

/** A payment with everything cash application did to it, within the caller's accounts. */
@Injectable()
export class PaymentCashReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A read outside any transaction. */
  query<T>(sql: string, parameters: unknown[]): Promise<T> {
    return this.dataSource.query<T>(sql, parameters);
  }

  async find(
    scope: AccountScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PaymentRecord | undefined> {
    const [payment] = await manager.query<PaymentRow[]>(PAYMENT, [
      id,
      scope === 'all' ? null : [...scope],
    ]);
    if (!payment) return undefined;
    // One after the other: inside a transaction they share one connection.
    const lines = await manager.query<LineRow[]>(LINES, [id]);
    const applications = await manager.query<ApplicationRow[]>(APPLICATIONS, [id]);
    const deductions = await manager.query<DeductionRow[]>(DEDUCTIONS, [id]);
    const tasks = await manager.query<TaskRow[]>(TASK, [id]);
    return { payment, lines, applications, deductions, task: tasks[0] ?? null };
  }
}
