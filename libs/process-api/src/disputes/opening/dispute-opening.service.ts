import { Injectable } from '@nestjs/common';
import {
  Decimal,
  DISPUTE_CATEGORIES,
  type DisputeCategory,
  isDomainError,
  parseMoney,
  routeDispute,
} from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import { DisputeLine } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { recordTaskEvents } from '../../work-queues/task-events.recorder';
import { DisputeErrorCode, disputeProblem, problemFromDomain } from '../disputes.errors';
import { DisputeRoutingRulesRepository } from '../persistence/dispute-routing-rules.repository';
import { DisputeTaskWriter } from '../persistence/dispute-task.writer';
import {
  type DisputedInvoice,
  DisputedInvoiceRepository,
  invoiceNumberOf,
} from '../persistence/disputed-invoice.repository';
import {
  checkedAmount,
  disputeTaskFacts,
  newDispute,
  openingEvents,
  ownedInvoice,
  type OpenDisputeInput,
  type OpenedDispute,
} from './dispute-opening.records';

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
    const invoice = ownedInvoice(input, await this.invoices.lock(manager, input.invoiceId));
    const live = input.countOtherDisputes
      ? new Decimal((await this.invoices.liveDisputes(manager, invoice.id)).amount)
      : new Decimal(0);
    const amount = checkedAmount(input, invoice, live);
    await this.checkLines(manager, input, invoice);
    const now = new Date();
    const rule = routeDispute(await this.routing.activeRules(manager), {
      category: input.category,
      source: input.source,
      amount: new Decimal(amount),
    });
    const dispute = await manager.save(newDispute(manager, input, invoice, amount, rule, now));
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
    const task = await this.tasks.open(manager, disputeTaskFacts(dispute, invoice), rule, now);
    await this.invoices.settleStatus(manager, invoice);
    await recordTaskEvents(manager, openingEvents(dispute, task, invoice, input));
    return { dispute, task };
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
}

/** A category the caller named, or the one its reason code implies. */
export function isDisputeCategory(value: unknown): value is DisputeCategory {
  return (DISPUTE_CATEGORIES as readonly unknown[]).includes(value);
}
