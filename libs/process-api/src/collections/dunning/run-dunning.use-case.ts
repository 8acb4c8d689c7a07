import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  compareDates,
  Decimal,
  formatAmount,
  moneyOf,
  nextDunningNotice,
  parseCurrency,
  renderDunningMessage,
} from '@o2c/domain';
import { currentAuditContext, type Principal, principalKey } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { DunningRun } from '@o2c/persistence';
import { DataSource } from 'typeorm';
import { type DunningRunBody, todayUtc } from '../collections.contract';
import { CollectionsQueueRefresher } from '../queue/collections-queue.refresher';
import {
  type DunningCandidate,
  DunningCandidatesRepository,
} from './dunning-candidates.repository';
import { DunningNoticesWriter, type PlannedNotice } from './dunning-notices.writer';
import { DunningReader, type DunningRunView } from './dunning.reader';

/** How far back a run may be dated (re-running a missed day); never ahead of today. */
const MAX_DAYS_BACK = 366;

/**
 * A dunning run as of a day, in one transaction: the invoices due a notice (one set-based query),
 * the notice each has reached and not yet received (the domain's ladder), issued with their
 * rendered messages, process events and outbox messages by one guarded statement (never twice
 * per invoice and level, even with runs overlapping), then the collections queue refreshed.
 */
@Injectable()
export class RunDunningUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: DunningCandidatesRepository,
    private readonly notices: DunningNoticesWriter,
    private readonly queue: CollectionsQueueRefresher,
    private readonly reader: DunningReader,
  ) {}

  execute(principal: Principal, body: DunningRunBody): Promise<DunningRunView> {
    const today = todayUtc();
    const asOf = body.asOf ?? today;
    assertDunnable(asOf, today);
    const actor = principalKey(principal);
    const correlationId = currentAuditContext()?.correlationId ?? null;
    return this.dataSource.transaction(async (manager) => {
      const run = await manager.save(
        manager.create(DunningRun, { asOf, requestedBy: actor, finishedAt: null }),
      );
      const { candidates, examined } = await this.candidates.find(manager, asOf);
      const planned = candidates.flatMap(plan);
      const issued = await this.notices.issue(
        manager,
        { id: run.id, asOf, actor, correlationId },
        planned,
      );
      const queue = await this.queue.refresh(manager, asOf, actor, correlationId);
      run.invoicesExamined = examined;
      run.noticesIssued = issued.length;
      run.tasksOpened = queue.tasksOpened;
      run.tasksUpdated = queue.tasksUpdated;
      run.tasksClosed = queue.tasksClosed;
      run.finishedAt = new Date();
      await manager.save(run);
      return this.reader.run('all', run.id, manager);
    });
  }
}

/** The notice an invoice is due, if any, with its message. */
function plan(candidate: DunningCandidate): PlannedNotice[] {
  const level = nextDunningNotice(candidate.daysOverdue, candidate.lastLevel);
  if (level === null) return [];
  const currency = parseCurrency(candidate.currency);
  const amount = new Decimal(candidate.openBalance);
  const invoiceNumber = `${candidate.series}-${candidate.invoiceNumber.padStart(8, '0')}`;
  return [
    {
      invoiceId: candidate.invoiceId,
      customerId: candidate.customerId,
      invoiceNumber,
      level: level.level,
      levelName: level.name,
      daysOverdue: candidate.daysOverdue,
      amount: amount.toFixed(),
      amountText: formatAmount(moneyOf(amount, currency)),
      currency: candidate.currency,
      dueDate: candidate.dueDate,
      message: renderDunningMessage(level, {
        customerName: candidate.customerName,
        invoiceNumber,
        amount,
        currency,
        dueDate: candidate.dueDate,
        daysOverdue: candidate.daysOverdue,
      }),
    },
  ];
}

function assertDunnable(asOf: string, today: string): void {
  if (compareDates(asOf, today) > 0) {
    throw ProblemException.invalid(
      '/body/asOf',
      'not-in-future',
      `asOf ${asOf} is after today (${today}): notices are never sent ahead of time`,
    );
  }
  if (compareDates(asOf, addDays(today, -MAX_DAYS_BACK)) < 0) {
    throw ProblemException.invalid(
      '/body/asOf',
      'within-a-year',
      `asOf ${asOf} is more than ${MAX_DAYS_BACK} days ago`,
    );
  }
}
