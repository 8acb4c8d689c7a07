import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Decimal,
  DISPUTE_CATEGORIES,
  type DisputeCategory,
  type DisputeRoutingRule,
  type DisputeSource,
  isDomainError,
  parseMoney,
  routeDispute,
  slaDueAt,
} from '@o2c/domain';
import { presentMoney, ProblemException } from '@o2c/http';
import { Dispute, DisputeLine, type Task } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { DisputeErrorCode, disputeProblem, problemFromDomain } from '../disputes.errors';
import {
  DISPUTE_OBJECT,
  disputeNumberOf,
  recordDisputeEvents,
} from '../persistence/dispute-journal';
import { DisputeRoutingRulesRepository } from '../persistence/dispute-routing-rules.repository';
import { DisputeTaskWriter } from '../persistence/dispute-task.writer';
import {
  type DisputedInvoice,
  DisputedInvoiceRepository,
  invoiceNumberOf,
} from '../persistence/disputed-invoice.repository';

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

/**
 * Opens a dispute inside the caller's transaction: the invoice row is locked (so the disputed
 * total and the balance cannot move meanwhile), the amount is checked against what is still
 * open, the dispute and its contested lines are written, routing policy picks the role, SLA
 * and priority of its task in the 'dispute' queue, the invoice turns 'disputed', and the
 * opening is logged and published (outbox `dispute.opened`).
 */
@Injectable()
export class DisputeOpeningService {
  constructor(
    private readonly invoices: DisputedInvoiceRepository,
    private readonly routing: DisputeRoutingRulesRepository,
    private readonly tasks: DisputeTaskWriter,
  ) {}

  async open(manager: EntityManager, input: OpenDisputeInput): Promise<OpenedDispute> {
    const invoice = await this.invoices.lock(manager, input.invoiceId);
    if (!invoice || invoice.customerId !== input.customerId) {
      throw disputeProblem(
        DisputeErrorCode.CUSTOMER_MISMATCH,
        '/body/invoiceId',
        `invoice ${input.invoiceId} is not an invoice of customer ${input.customerId}`,
      );
    }
    const amount = await this.checkedAmount(manager, input, invoice);
    await this.checkLines(manager, input, invoice);
    const now = new Date();
    const rule = routeDispute(await this.routing.activeRules(manager), {
      category: input.category,
      source: input.source,
      amount: new Decimal(amount),
    });
    const dispute = await manager.save(
      manager.create(Dispute, {
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
      }),
    );
    if (input.lines.length > 0) {
      await manager.save(
        input.lines.map((line) =>
          manager.create(DisputeLine, {
            disputeId: dispute.id,
            invoiceLineId: line.invoiceLineId,
            quantity: line.quantity ?? null,
            amount: line.amount?.amount ?? null,
            note: line.note ?? null,
          }),
        ),
      );
    }
    const task = await this.openTask(manager, dispute, invoice, rule, now);
    await this.invoices.settleStatus(manager, invoice);
    await this.record(manager, dispute, task, invoice, input);
    return { dispute, task };
  }

  private async checkedAmount(
    manager: EntityManager,
    input: OpenDisputeInput,
    invoice: DisputedInvoice,
  ): Promise<string> {
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
    const live = input.countOtherDisputes
      ? new Decimal((await this.invoices.liveDisputes(manager, invoice.id)).amount)
      : new Decimal(0);
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

  /** Lines of this invoice, each named once, contesting at most what the line billed. */
  private async checkLines(
    manager: EntityManager,
    input: OpenDisputeInput,
    invoice: DisputedInvoice,
  ): Promise<void> {
    const ids = input.lines.map((line) => line.invoiceLineId);
    const known = await this.invoices.linesOf(manager, invoice.id, ids);
    const seen = new Set<string>();
    input.lines.forEach((line, index) => {
      const path = `/body/lines/${index}`;
      const billed = known.get(line.invoiceLineId);
      if (!billed) {
        throw disputeProblem(
          DisputeErrorCode.UNKNOWN_INVOICE_LINE,
          `${path}/invoiceLineId`,
          `${line.invoiceLineId} is not a line of invoice ${invoiceNumberOf(invoice)}`,
        );
      }
      if (seen.has(line.invoiceLineId)) {
        throw ProblemException.invalid(
          `${path}/invoiceLineId`,
          'unique',
          `invoice line ${line.invoiceLineId} is named twice`,
        );
      }
      seen.add(line.invoiceLineId);
      if (line.quantity !== undefined && !new Decimal(line.quantity).greaterThan(0)) {
        throw ProblemException.invalid(
          `${path}/quantity`,
          'exclusiveMinimum',
          'must be above zero',
        );
      }
      if (line.quantity !== undefined && new Decimal(line.quantity).greaterThan(billed.quantity)) {
        throw ProblemException.invalid(
          `${path}/quantity`,
          'within-line',
          `${line.quantity} is more than the ${new Decimal(billed.quantity).toString()} billed on the line`,
        );
      }
      if (line.amount !== undefined)
        this.checkLineAmount(line.amount, billed.lineTotal, path, invoice);
    });
  }

  private checkLineAmount(
    money: { amount: string; currency: string },
    lineTotal: string,
    path: string,
    invoice: DisputedInvoice,
  ): void {
    let amount: Decimal;
    try {
      amount = parseMoney(money.amount, money.currency).amount;
    } catch (error) {
      if (isDomainError(error)) {
        throw problemFromDomain(error, {
          amount: `${path}/amount/amount`,
          currency: `${path}/amount/currency`,
        });
      }
      throw error;
    }
    if (!amount.greaterThan(0)) {
      throw ProblemException.invalid(
        `${path}/amount/amount`,
        'exclusiveMinimum',
        'must be above zero',
      );
    }
    if (money.currency !== invoice.currency) {
      throw disputeProblem(
        DisputeErrorCode.CURRENCY_MISMATCH,
        `${path}/amount/currency`,
        `invoice ${invoiceNumberOf(invoice)} is in ${invoice.currency}, not ${money.currency}`,
      );
    }
    if (amount.greaterThan(lineTotal)) {
      throw ProblemException.invalid(
        `${path}/amount/amount`,
        'within-line',
        `${amount.toFixed()} is more than the ${new Decimal(lineTotal).toFixed(2)} billed on the line`,
      );
    }
  }

  private openTask(
    manager: EntityManager,
    dispute: Dispute,
    invoice: DisputedInvoice,
    rule: DisputeRoutingRule,
    now: Date,
  ): Promise<Task> {
    return this.tasks.open(
      manager,
      {
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
      },
      rule,
      now,
    );
  }

  private record(
    manager: EntityManager,
    dispute: Dispute,
    task: Task,
    invoice: DisputedInvoice,
    input: OpenDisputeInput,
  ): Promise<void> {
    return recordDisputeEvents(
      manager,
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
          relatedObjects: [{ type: DISPUTE_OBJECT, id: dispute.id, qualifier: 'subject' }],
        },
      ],
    );
  }
}

/** A category the caller named, or the one its reason code implies. */
export function isDisputeCategory(value: unknown): value is DisputeCategory {
  return (DISPUTE_CATEGORIES as readonly unknown[]).includes(value);
}
