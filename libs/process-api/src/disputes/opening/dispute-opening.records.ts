import { randomUUID } from 'node:crypto';
import { Decimal, type DisputeRoutingRule, isDomainError, parseMoney, slaDueAt } from '@o2c/domain';
import { presentMoney, ProblemException } from '@o2c/http';
import { Dispute, type Task } from '@o2c/persistence';
import type { DisputeCategory, DisputeSource } from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import type { TaskEvent } from '../../work-queues/task-events.recorder';
import { DisputeErrorCode, disputeProblem, problemFromDomain } from '../disputes.errors';
import { disputeNumberOf, disputeTaskEvents } from '../persistence/dispute-journal';
import type { DisputeTaskFacts } from '../persistence/dispute-task.writer';
import { type DisputedInvoice, invoiceNumberOf } from '../persistence/disputed-invoice.repository';

/*
 * What opening a dispute checks and writes, shared by the single path (a dispute raised through
 * the API, one deduction) and deductions opened in bulk, so both refuse and write the same.
 */

export interface DisputeLineInput {
  invoiceLineId: string;
  quantity?: string;
  amount?: { amount: string; currency: string };
  note?: string;
}

/** Everything a new dispute needs, whoever raises it; `paths` name request fields in errors. */
export interface OpenDisputeInput {
  customerId: string;
  invoiceId: string;
  paymentId: string | null;
  amount: string;
  currency: string;
  category: DisputeCategory;
  reasonCode: string | null;
  description: string | null;
  source: DisputeSource;
  raisedBy: string;
  evidence: Record<string, unknown>;
  lines: DisputeLineInput[];
  /** Deductions may reach the whole open balance; other disputes only what no live dispute
   *  already contests. */
  countOtherDisputes: boolean;
}

export interface OpenedDispute {
  dispute: Dispute;
  task: Task;
}

const PATHS: Readonly<Record<string, string>> = {
  amount: '/body/amount/amount',
  currency: '/body/amount/currency',
};

/** The locked invoice, when it is one of the input's customer. */
export function ownedInvoice(
  input: OpenDisputeInput,
  invoice: DisputedInvoice | undefined,
): DisputedInvoice {
  if (!invoice || invoice.customerId !== input.customerId) {
    throw disputeProblem(
      DisputeErrorCode.CUSTOMER_MISMATCH,
      '/body/invoiceId',
      `invoice ${input.invoiceId} is not an invoice of customer ${input.customerId}`,
    );
  }
  return invoice;
}

/** Checks the amount against the invoice (`live`: what other live disputes already contest)
 *  and returns it as stored. */
export function checkedAmount(
  input: OpenDisputeInput,
  invoice: DisputedInvoice,
  live: Decimal,
): string {
  let amount: Decimal;
  try {
    amount = parseMoney(input.amount, input.currency).amount;
  } catch (error) {
    if (isDomainError(error)) throw problemFromDomain(error, PATHS);
    throw error;
  }
  if (input.currency !== invoice.currency) {
    throw disputeProblem(
      DisputeErrorCode.CURRENCY_MISMATCH,
      PATHS.currency,
      `invoice ${invoiceNumberOf(invoice)} is in ${invoice.currency}, not ${input.currency}`,
    );
  }
  if (!amount.greaterThan(0)) {
    throw ProblemException.invalid(PATHS.amount, 'exclusiveMinimum', 'amount must be above zero');
  }
  if (invoice.status === 'void' || invoice.status === 'written_off') {
    throw disputeProblem(
      DisputeErrorCode.INVOICE_NOT_DISPUTABLE,
      '/body/invoiceId',
      `invoice ${invoiceNumberOf(invoice)} is ${invoice.status}`,
    );
  }
  const open = new Decimal(invoice.openBalance).minus(live);
  if (amount.greaterThan(open)) {
    const disputed = live.isZero() ? '' : ` (${live.toFixed(2)} is already disputed)`;
    throw disputeProblem(
      DisputeErrorCode.EXCEEDS_OPEN_BALANCE,
      PATHS.amount,
      `${amount.toFixed()} exceeds the ${open.toFixed(2)} ${invoice.currency} still open on invoice ${invoiceNumberOf(invoice)}${disputed}`,
      {
        openBalance: {
          amount: new Decimal(invoice.openBalance).toFixed(2),
          currency: invoice.currency,
        },
      },
    );
  }
  return amount.toFixed();
}

/** The new dispute row, open, its SLA from the routing rule. */
export function newDispute(
  manager: EntityManager,
  input: OpenDisputeInput,
  invoice: DisputedInvoice,
  amount: string,
  rule: DisputeRoutingRule,
  now: Date,
): Dispute {
  return manager.create(Dispute, {
    id: randomUUID(),
    customerId: input.customerId,
    invoiceId: invoice.id,
    invoiceLineId: input.lines.length === 1 ? (input.lines[0]?.invoiceLineId ?? null) : null,
    paymentId: input.paymentId,
    category: input.category,
    amount,
    currency: invoice.currency,
    status: 'open',
    owner: null,
    reasonCode: input.reasonCode,
    description: input.description,
    source: input.source,
    raisedBy: input.raisedBy,
    evidence: input.evidence,
    slaDueAt: new Date(slaDueAt(now.toISOString(), rule.slaHours)),
    resolvedAt: null,
    resolvedBy: null,
    resolutionComment: null,
  });
}

/** What the dispute's task shows in the queue (the dispute is written: it has its number). */
export function disputeTaskFacts(dispute: Dispute, invoice: DisputedInvoice): DisputeTaskFacts {
  return {
    disputeId: dispute.id,
    evidence: {
      disputeNumber: disputeNumberOf(dispute.disputeNumber),
      category: dispute.category,
      source: dispute.source,
      amount: presentMoney(dispute.amount, dispute.currency),
      reasonCode: dispute.reasonCode,
      customerId: dispute.customerId,
      invoiceId: invoice.id,
      invoiceNumber: invoiceNumberOf(invoice),
      paymentId: dispute.paymentId,
    },
  };
}

/** `dispute.opened` (logged and published) and the task's `task.opened`. */
export function openingEvents(
  dispute: Dispute,
  task: Task,
  invoice: DisputedInvoice,
  input: OpenDisputeInput,
): TaskEvent[] {
  return disputeTaskEvents(
    dispute,
    task,
    [
      {
        activity: 'dispute.opened',
        actor: input.raisedBy,
        reason: input.description,
        data: {
          invoiceNumber: invoiceNumberOf(invoice),
          source: dispute.source,
          reasonCode: dispute.reasonCode,
          lines: input.lines.map((line) => line.invoiceLineId),
          taskId: task.id,
          assigneeRole: task.assigneeRole,
          dueAt: task.slaDueAt?.toISOString() ?? null,
        },
        publish: true,
      },
    ],
    [
      {
        objectType: 'task',
        objectId: task.id,
        activity: 'task.opened',
        actor: input.raisedBy,
        data: { queue: task.queue, assigneeRole: task.assigneeRole, priority: task.priority },
        relatedObjects: [{ type: 'dispute', id: dispute.id, qualifier: 'subject' }],
      },
    ],
  );
}
