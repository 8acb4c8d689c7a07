import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compareDates } from '@o2c/domain';
import { currentAuditContext, type Principal, principalKey } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { DataSource } from 'typeorm';
import { type QueueRefreshBody, todayUtc } from '../collections.contract';
import { CollectionsQueueRefresher, type QueueRefreshOutcome } from './collections-queue.refresher';

/** Refreshes the collections queue as of a day (never ahead of today) in one transaction. */
@Injectable()
export class RefreshCollectionsQueueUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refresher: CollectionsQueueRefresher,
  ) {}

  execute(principal: Principal, body: QueueRefreshBody): Promise<QueueRefreshOutcome> {
    const today = todayUtc();
    const asOf = body.asOf ?? today;
    if (compareDates(asOf, today) > 0) {
      throw ProblemException.invalid('/body/asOf', 'not-in-future', `asOf ${asOf} is after today`);
    }
    const correlationId = currentAuditContext()?.correlationId ?? null;
    return this.dataSource.transaction((manager) =>
      this.refresher.refresh(manager, asOf, principalKey(principal), correlationId),
    );
  }
}
