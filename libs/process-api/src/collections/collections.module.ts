import { Module } from '@nestjs/common';
import { DaysSalesOutstandingReader } from './aging/days-sales-outstanding.reader';
import { ReceivablesAgingReader } from './aging/receivables-aging.reader';
import { CollectionsController } from './collections.controller';
import { CustomerCollectionsReader } from './customer/customer-collections.reader';
import { DunningCandidatesRepository } from './dunning/dunning-candidates.repository';
import { DunningNoticesWriter } from './dunning/dunning-notices.writer';
import { DunningReader } from './dunning/dunning.reader';
import { RunDunningUseCase } from './dunning/run-dunning.use-case';
import { PaymentPromisesService } from './promises/payment-promises.service';
import { CollectionFiguresRepository } from './queue/collection-figures.repository';
import { CollectionTasksWriter } from './queue/collection-tasks.writer';
import { CollectionsQueueReader } from './queue/collections-queue.reader';
import { CollectionsQueueRefresher } from './queue/collections-queue.refresher';
import { PaymentPromiseSettlementRepository } from './queue/payment-promise-settlement.repository';
import { RefreshCollectionsQueueUseCase } from './queue/refresh-collections-queue.use-case';

/**
 * Collections (openapi/process/receivables.v1.yaml): AR aging, DSO, dunning runs and notices,
 * payment promises, and the collections work queue ranked by risk. CollectionsQueueRefresher is
 * exported for processes that change what customers owe and want the queue to follow.
 */
@Module({
  controllers: [CollectionsController],
  providers: [
    ReceivablesAgingReader,
    DaysSalesOutstandingReader,
    DunningCandidatesRepository,
    DunningNoticesWriter,
    DunningReader,
    RunDunningUseCase,
    CollectionFiguresRepository,
    CollectionTasksWriter,
    PaymentPromiseSettlementRepository,
    CollectionsQueueRefresher,
    CollectionsQueueReader,
    RefreshCollectionsQueueUseCase,
    CustomerCollectionsReader,
    PaymentPromisesService,
  ],
  exports: [CollectionsQueueRefresher],
})
export class CollectionsModule {}
