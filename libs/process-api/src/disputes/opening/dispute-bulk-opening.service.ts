import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Decimal, routeDispute } from '@o2c/domain';
import { AuditedInserts } from '@o2c/governance';
import { Dispute, StatementBatch, Task } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { recordTaskEventsAtOnce } from '../../work-queues/task-events.recorder';
import { DisputeRoutingRulesRepository } from '../persistence/dispute-routing-rules.repository';
import { DisputeTaskWriter } from '../persistence/dispute-task.writer';
import { DisputedInvoiceRepository } from '../persistence/disputed-invoice.repository';
import {
  checkedAmount,
  disputeTaskFacts,
  newDispute,
  openingEvents,
  type OpenDisputeInput,
  type OpenedDispute,
  ownedInvoice,
} from './dispute-opening.records';

/**
 * Opens many disputes without contested lines (deductions of a cash-application run) inside
 * the caller's transaction, with the rows, checks, errors, events and outbox messages that
 * DisputeOpeningService.open gives each, in a few statements: the invoices are locked at once
 * (in id order), every input is checked before anything is written (the first refusal, in
 * input order, is the error the single path would raise), the routing rules are read once,
 * the disputes are inserted in input order (so their numbers follow it, as one by one), then
 * their tasks, events and outbox messages, and each invoice's status is settled once.
 */
@Injectable()
export class DisputeBulkOpeningService {
  constructor(
    private readonly invoices: DisputedInvoiceRepository,
    private readonly routing: DisputeRoutingRulesRepository,
    private readonly tasks: DisputeTaskWriter,
    private readonly inserts: AuditedInserts,
  ) {}

  async openMany(
    manager: EntityManager,
    inputs: readonly OpenDisputeInput[],
  ): Promise<OpenedDispute[]> {
    if (inputs.length === 0) return [];
    if (inputs.some((input) => input.lines.length > 0 || input.countOtherDisputes)) {
      // Contested lines and other live disputes are checked one by one (the single path).
      throw new Error('openMany opens disputes without lines that may reach the open balance');
    }
    const locked = await this.invoices.lockMany(
      manager,
      inputs.map((input) => input.invoiceId),
    );
    const checked = inputs.map((input) => {
      const invoice = ownedInvoice(input, locked.get(input.invoiceId)?.invoice);
      return { input, invoice, amount: checkedAmount(input, invoice, new Decimal(0)) };
    });
    const rules = await this.routing.activeRules(manager);
    const now = new Date();
    const opened = checked.map(({ input, invoice, amount }) => {
      const rule = routeDispute(rules, {
        category: input.category,
        source: input.source,
        amount: new Decimal(amount),
      });
      return {
        input,
        invoice,
        rule,
        dispute: newDispute(manager, input, invoice, amount, rule, now),
      };
    });
    // The tasks show the disputes' numbers: the disputes are written first.
    const disputes = new StatementBatch(manager);
    await this.inserts.add(
      disputes,
      manager,
      Dispute,
      opened.map(({ dispute }) => dispute),
    );
    await disputes.flush();
    const withTasks = opened.map((entry) => {
      const task = this.tasks.build(
        manager,
        disputeTaskFacts(entry.dispute, entry.invoice),
        entry.rule,
        now,
      );
      task.id = randomUUID();
      unsetAsNull(manager, task);
      return { ...entry, task };
    });
    const tasks = new StatementBatch(manager);
    await this.inserts.add(
      tasks,
      manager,
      Task,
      withTasks.map(({ task }) => task),
    );
    await tasks.flush();
    await recordTaskEventsAtOnce(
      manager,
      withTasks.flatMap(({ dispute, task, invoice, input }) =>
        openingEvents(dispute, task, invoice, input),
      ),
      now,
    );
    const added = new Map<string, number>();
    for (const { invoice } of opened) added.set(invoice.id, (added.get(invoice.id) ?? 0) + 1);
    await this.invoices.settleStatuses(
      manager,
      [...added].flatMap(([id, count]) => {
        const entry = locked.get(id);
        return entry ? [{ invoice: entry.invoice, liveDisputes: entry.liveDisputes + count }] : [];
      }),
    );
    return withTasks.map(({ dispute, task }) => ({ dispute, task }));
  }
}

/**
 * Nullable columns without a default that the entity leaves unset, as null: the ORM's insert
 * audits them as null, and the bulk insert records the image of what it is given.
 */
function unsetAsNull(manager: EntityManager, task: Task): void {
  for (const column of manager.connection.getMetadata(Task).columns) {
    if (
      column.isNullable &&
      column.default === undefined &&
      !column.isGenerated &&
      column.getEntityValue(task) === undefined
    ) {
      column.setEntityValue(task, null);
    }
  }
}
