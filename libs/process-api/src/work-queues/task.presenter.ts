import { Decimal, formatAmount, moneyOf, parseCurrency, roundMoney } from '@o2c/domain';
import type { OrderHold, SalesOrder, Task } from '@o2c/persistence';
import type { TaskRecord } from './task.repository';

export interface MoneyView {
  amount: string;
  currency: string;
}

export interface OrderSummaryView {
  id: string;
  orderNumber: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  status: string;
  channel: string;
  externalPoNumber: string | null;
  requestedDate: string | null;
  total: MoneyView;
  createdAt: string;
}

export interface HoldView {
  id: string;
  type: string;
  status: string;
  reasonCode: string;
  evidence: Record<string, unknown>;
  openedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionComment: string | null;
}

export interface TaskView {
  id: string;
  queue: string;
  status: string;
  priority: number;
  dueAt: string | null;
  overdue: boolean;
  assigneeRole: string;
  assignee: string | null;
  claimedAt: string | null;
  subject: { type: string; id: string };
  evidence: Record<string, unknown>;
  decision: string | null;
  decisionComment: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  routingRuleId: string | null;
  order: OrderSummaryView | null;
  hold: HoldView | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function instant(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** Live (open or claimed) and past its SLA due time. */
export function isOverdue(task: Task, now: Date): boolean {
  const live = task.status === 'open' || task.status === 'claimed';
  return live && task.slaDueAt !== null && task.slaDueAt.getTime() < now.getTime();
}

export function presentTask({ task, hold, order }: TaskRecord, now: Date): TaskView {
  return {
    id: task.id,
    queue: task.queue,
    status: task.status,
    priority: task.priority,
    dueAt: instant(task.slaDueAt),
    overdue: isOverdue(task, now),
    assigneeRole: task.assigneeRole,
    assignee: task.assignee,
    claimedAt: instant(task.claimedAt),
    subject: { type: task.subjectType, id: task.subjectId },
    evidence: task.evidence,
    decision: task.decision,
    decisionComment: task.decisionComment,
    decidedBy: task.decidedBy,
    decidedAt: instant(task.decidedAt),
    routingRuleId: task.routingRuleId,
    order: order ? presentOrderSummary(order) : null,
    hold: hold ? presentHold(hold) : null,
    version: task.version,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

function presentOrderSummary(order: SalesOrder): OrderSummaryView {
  const currency = parseCurrency(order.currency);
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    customerNumber: order.customer?.customerNumber ?? '',
    customerName: order.customer?.name ?? '',
    status: order.status,
    channel: order.channel,
    externalPoNumber: order.externalPoNumber,
    requestedDate: order.requestedDate,
    // Stored numeric(19,4), shown with exactly the currency's minor units.
    total: {
      amount: formatAmount(roundMoney(moneyOf(new Decimal(order.total), currency))),
      currency: order.currency,
    },
    createdAt: order.createdAt.toISOString(),
  };
}

function presentHold(hold: OrderHold): HoldView {
  return {
    id: hold.id,
    type: hold.type,
    status: hold.status,
    reasonCode: hold.reasonCode,
    evidence: hold.evidence,
    openedAt: hold.openedAt.toISOString(),
    resolvedAt: instant(hold.resolvedAt),
    resolvedBy: hold.resolvedBy,
    resolutionComment: hold.resolutionComment,
  };
}
