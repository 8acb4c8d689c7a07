import { Module } from '@nestjs/common';
import { DiscardExceptionUseCase } from './discard-exception.use-case';
import { ExceptionQueries } from './exception-queries.service';
import { IntegrationExceptionRepository } from './exception.repository';
import { FailureRateReader } from './failure-rate.reader';
import { IntegrationExceptionsController } from './integration-exceptions.controller';
import { OutboxMessageReplayHandler } from './outbox-message-replay.handler';
import { ReplayExceptionUseCase } from './replay-exception.use-case';
import { ReplayExceptionsUseCase } from './replay-exceptions.use-case';

/** The exception queue API: list, inspect, replay (one or many), discard, failure rate. Needs
 *  ExceptionReplayModule (global) for the handlers capabilities register. */
@Module({
  controllers: [IntegrationExceptionsController],
  providers: [
    IntegrationExceptionRepository,
    ExceptionQueries,
    FailureRateReader,
    ReplayExceptionUseCase,
    ReplayExceptionsUseCase,
    DiscardExceptionUseCase,
    OutboxMessageReplayHandler,
  ],
})
export class ExceptionQueueModule {}
