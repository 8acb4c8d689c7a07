import { Injectable } from '@nestjs/common';
import {
  collectionRisk,
  collectionTaskTerms,
  Decimal,
  formatAmount,
  moneyOf,
  parseCurrency,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import {
  type CollectionFigures,
  CollectionFiguresRepository,
} from './collection-figures.repository';
import { CollectionTasksWriter, type PlannedCollectionTask } from './collection-tasks.writer';
import { PaymentPromiseSettlementRepository } from './payment-promise-settlement.repository';

export interface QueueRefreshOutcome {
  asOf: string;
  tasksOpened: number;
  tasksUpdated: number;
  tasksClosed: number;
  promisesKept: number;
  promisesBroken: number;
}

/** Serialises queue refreshes (dunning runs and the refresh operation) across processes. */
const REFRESH_LOCK = `SELECT pg_advisory_xact_lock(hashtext('collections.queue-refresh'))`;

/**
 * Brings the collections queue up to date inside the caller's transaction: settles promises
 * past their date, scores every customer with something overdue (the domain's explainable
 * risk score), and opens, updates or closes their one live task. Refreshes queue behind an
 * advisory lock, so their multi-row statements never interleave.
 */
@Injectable()
export class CollectionsQueueRefresher {
  constructor(
    private readonly promises: PaymentPromiseSettlementRepository,
    private readonly figures: CollectionFiguresRepository,
    private readonly tasks: CollectionTasksWriter,
  ) {}

  async refresh(
    manager: EntityManager,
    asOf: string,
    actor: string,
    correlationId: string | null,
  ): Promise<QueueRefreshOutcome> {
    await manager.query(REFRESH_LOCK);
    const settled = await this.promises.settle(manager, asOf, actor, correlationId);
    const figures = await this.figures.find(manager, asOf);
    const planned = figures
      .map(plannedTask)
      .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
    const changes = await this.tasks.apply(manager, planned, { asOf, actor, correlationId });
    return {
      asOf,
      tasksOpened: changes.opened.length,
      tasksUpdated: changes.updated.length,
      tasksClosed: changes.closed.length,
      promisesKept: settled.filter((promise) => promise.status === 'kept').length,
      promisesBroken: settled.filter((promise) => promise.status === 'broken').length,
    };
  }
}

/** The task a customer's figures call for, with the figures and the score's reasons as evidence. */
export function plannedTask(figures: CollectionFigures): PlannedCollectionTask {
  const risk = collectionRisk({
    oldestOverdueDays: figures.oldestOverdueDays,
    amountOverdue: new Decimal(figures.amountOverdue),
    creditLimit: new Decimal(figures.creditLimit),
    brokenPromises: figures.brokenPromises,
    openDisputes: figures.openDisputes,
    lastDunningLevel: figures.lastDunningLevel,
    riskTier: figures.riskTier,
  });
  const terms = collectionTaskTerms(risk);
  const money = (value: string, code = figures.currency) => ({
    amount: formatAmount(moneyOf(new Decimal(value), parseCurrency(code))),
    currency: code,
  });
  return {
    customerId: figures.customerId,
    priority: terms.priority,
    slaHours: terms.slaHours,
    role: terms.role,
    evidence: {
      customer: {
        id: figures.customerId,
        customerNumber: figures.customerNumber,
        name: figures.customerName,
        riskTier: figures.riskTier,
      },
      amountOverdue: money(figures.amountOverdue),
      overdueInOtherCurrencies: figures.overdueInOtherCurrencies.map((other) =>
        money(other.amount, other.currency),
      ),
      creditLimit: money(figures.creditLimit),
      oldestOverdueDays: figures.oldestOverdueDays,
      overdueInvoices: figures.overdueInvoices,
      openDisputes: figures.openDisputes,
      brokenPromises: figures.brokenPromises,
      lastDunningLevel: figures.lastDunningLevel,
      risk: { score: risk.score, band: risk.band, reasons: risk.reasons },
    },
  };
}
