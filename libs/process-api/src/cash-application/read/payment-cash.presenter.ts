import { type MoneyView, presentMoney } from '@o2c/http';
import { Decimal } from '@o2c/domain';
import type { ApplicationRow, PaymentRecord, TaskRow } from './payment-cash.reader';

export interface ReviewTaskView {
  id: string;
  status: string;
  assigneeRole: string;
  assignee: string | null;
  priority: number;
  dueAt: string | null;
  version: number;
  href: string;
}

export interface PaymentCashView {
  id: string;
  status: string;
  customer: { id: string; customerNumber: string; name: string } | null;
  payer: { name: string | null; accounts: string[]; identifiers: string[]; aliases: string[] };
  identification: { rule: string; confidence: number; reason: string } | null;
  amount: MoneyView;
  amountApplied: MoneyView;
  unapplied: MoneyView;
  onAccount: MoneyView;
  inReview: MoneyView;
  method: string;
  valueDate: string;
  bankReference: string | null;
  paymentReference: string | null;
  source: string;
  sourceFileId: string | null;
  sourceLocation: string | null;
  freeText: string[];
  remittanceLines: Record<string, unknown>[];
  applications: Record<string, unknown>[];
  deductions: Record<string, unknown>[];
  reviewTask: ReviewTaskView | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export function presentReviewTask(task: TaskRow): ReviewTaskView {
  return {
    id: task.id,
    status: task.status,
    assigneeRole: task.assigneeRole,
    assignee: task.assignee,
    priority: task.priority,
    dueAt: task.dueAt === null ? null : new Date(task.dueAt).toISOString(),
    version: task.version,
    href: `/process/v1/tasks/${task.id}`,
  };
}

export function presentPaymentCash(record: PaymentRecord): PaymentCashView {
  const { payment } = record;
  const currency = payment.currency;
  const money = (amount: string) => presentMoney(amount, currency);
  const evidence = payment.payerEvidence;
  const identification = payment.identification as PaymentCashView['identification'];
  return {
    id: payment.id,
    status: payment.status,
    customer:
      payment.customerId === null
        ? null
        : {
            id: payment.customerId,
            customerNumber: payment.customerNumber ?? '',
            name: payment.customerName ?? '',
          },
    payer: {
      name: payment.payerName,
      accounts: strings(evidence.accounts),
      identifiers: strings(evidence.identifiers),
      aliases: strings(evidence.aliases),
    },
    identification:
      identification === null
        ? null
        : {
            rule: identification.rule,
            confidence: identification.confidence,
            reason: identification.reason,
          },
    amount: money(payment.amount),
    amountApplied: money(payment.amountApplied),
    unapplied: money(payment.unapplied),
    onAccount: money(payment.onAccount),
    inReview: money(new Decimal(payment.unapplied).minus(payment.onAccount).toFixed()),
    method: payment.method,
    valueDate: payment.valueDate,
    bankReference: payment.bankReference,
    paymentReference: payment.paymentReference,
    source: payment.source,
    sourceFileId: payment.sourceFileId,
    sourceLocation: payment.sourceLocation,
    freeText: payment.freeText,
    remittanceLines: record.lines.map((line) => ({
      lineNumber: line.lineNumber,
      invoiceReference: line.invoiceReference,
      referenceKind: line.referenceKind,
      invoiceId: line.invoiceId,
      amountPaid: line.amountStated ? money(line.amount) : null,
      documentAmount: line.documentAmount === null ? null : money(line.documentAmount),
      discountTaken: money(line.discountTaken),
      adjustmentAmount: money(line.adjustmentAmount),
      adjustmentReasonCode: line.adjustmentReasonCode,
      freeText: line.freeText,
    })),
    applications: record.applications.map((application) =>
      presentApplication(application, currency),
    ),
    deductions: record.deductions.map((deduction) => ({
      disputeId: deduction.disputeId,
      invoiceId: deduction.invoiceId,
      amount: presentMoney(deduction.amount, deduction.currency),
      category: deduction.category,
      reasonCode: deduction.reasonCode,
      status: deduction.status,
    })),
    reviewTask: record.task === null ? null : presentReviewTask(record.task),
    version: payment.version,
    createdAt: new Date(payment.createdAt).toISOString(),
    updatedAt: new Date(payment.updatedAt).toISOString(),
  };
}

function presentApplication(application: ApplicationRow, currency: string) {
  const { reasons, ...evidence } = application.evidence as { reasons?: unknown };
  return {
    id: application.id,
    invoiceId: application.invoiceId,
    invoiceNumber: application.invoiceNumber,
    remittanceLineNumber: application.lineNumber,
    amount: presentMoney(application.amount, currency),
    discount: presentMoney(application.discount, currency),
    writeOff: presentMoney(application.writeOff, currency),
    rule: application.rule,
    settlement: application.settlement,
    origin: application.origin,
    confidence: application.confidence === null ? null : Number(application.confidence),
    reasons: strings(reasons),
    evidence,
    status: application.status,
    appliedBy: application.appliedBy,
    appliedAt: new Date(application.appliedAt).toISOString(),
    reversedAt:
      application.reversedAt === null ? null : new Date(application.reversedAt).toISOString(),
    reversedBy: application.reversedBy,
    reversalReason: application.reversalReason,
  };
}
