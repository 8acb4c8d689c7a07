import { allowedDisputeActions, type DisputeStatus } from '@o2c/domain';
import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';
import { disputeNumberOf } from '../persistence/dispute-journal';
import { invoiceNumberOf } from '../persistence/disputed-invoice.repository';
import type {
  DisputeLineRow,
  DisputeMemoRow,
  DisputeRow,
  DisputeTaskRow,
  TimelineRow,
} from './dispute.rows';

export interface DisputeSummaryView {
  id: string;
  disputeNumber: string;
  status: string;
  category: string;
  source: string;
  amount: MoneyView;
  customer: { id: string; customerNumber: string; name: string };
  invoice: {
    id: string;
    invoiceNumber: string;
    dueDate: string;
    status: string;
    openBalance: MoneyView;
  };
  paymentId: string | null;
  reasonCode: string | null;
  description: string | null;
  owner: string | null;
  dueAt: string | null;
  overdue: boolean;
  raisedBy: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionComment: string | null;
  allowedActions: readonly string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DisputeDetailView extends DisputeSummaryView {
  lines: {
    invoiceLineId: string;
    lineNumber: number;
    itemId: string;
    quantity: string | null;
    amount: MoneyView | null;
    note: string | null;
  }[];
  task: {
    id: string;
    status: string;
    assigneeRole: string;
    assignee: string | null;
    priority: number;
    dueAt: string | null;
    version: number;
  } | null;
  creditMemo: {
    id: string;
    memoNumber: string;
    reason: string;
    total: MoneyView;
    issueDate: string;
  } | null;
  evidence: Record<string, unknown>;
  timeline: {
    sequence: string;
    activity: string;
    occurredAt: string;
    actor: string;
    comment: string | null;
    data: Record<string, unknown>;
  }[];
}

const LIVE = new Set(['open', 'under_review']);

export function presentDisputeSummary(row: DisputeRow, now: Date): DisputeSummaryView {
  const live = LIVE.has(row.status);
  return {
    id: row.id,
    disputeNumber: disputeNumberOf(row.disputeNumber),
    status: row.status,
    category: row.category,
    source: row.source,
    amount: presentMoney(row.amount, row.currency),
    customer: { id: row.customerId, customerNumber: row.customerNumber, name: row.customerName },
    invoice: {
      id: row.invoiceId,
      invoiceNumber: invoiceNumberOf(row),
      dueDate: row.dueDate,
      status: row.invoiceStatus,
      openBalance: presentMoney(row.openBalance, row.invoiceCurrency),
    },
    paymentId: row.paymentId,
    reasonCode: row.reasonCode,
    description: row.description,
    owner: row.owner,
    dueAt: row.slaDueAt?.toISOString() ?? null,
    overdue: live && row.slaDueAt !== null && row.slaDueAt.getTime() < now.getTime(),
    raisedBy: row.raisedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolutionComment: row.resolutionComment,
    allowedActions: allowedDisputeActions(row.status as DisputeStatus),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface DisputeDetailParts {
  row: DisputeRow;
  lines: DisputeLineRow[];
  task: DisputeTaskRow | null;
  memo: DisputeMemoRow | null;
  timeline: TimelineRow[];
}

export function presentDisputeDetail(parts: DisputeDetailParts, now: Date): DisputeDetailView {
  const { row, lines, task, memo, timeline } = parts;
  return {
    ...presentDisputeSummary(row, now),
    lines: lines.map((line) => ({
      invoiceLineId: line.invoiceLineId,
      lineNumber: line.lineNumber,
      itemId: line.itemId,
      quantity: line.quantity === null ? null : presentDecimal(line.quantity),
      amount: line.amount === null ? null : presentMoney(line.amount, row.currency),
      note: line.note,
    })),
    task: task && {
      id: task.id,
      status: task.status,
      assigneeRole: task.assigneeRole,
      assignee: task.assignee,
      priority: task.priority,
      dueAt: task.slaDueAt?.toISOString() ?? null,
      version: task.version,
    },
    creditMemo: memo && {
      id: memo.id,
      memoNumber: memo.memoNumber,
      reason: memo.reason,
      total: presentMoney(memo.total, memo.currency),
      issueDate: memo.issueDate,
    },
    evidence: row.evidence,
    timeline: timeline.map((event) => ({
      sequence: event.sequence,
      activity: event.activity,
      occurredAt: event.occurredAt.toISOString(),
      actor: event.actor,
      comment: event.reason,
      data: event.data,
    })),
  };
}
