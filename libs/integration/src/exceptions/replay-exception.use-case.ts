import { Injectable } from '@nestjs/common';
import { type Principal, principalKey } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { ExceptionReplayRegistry, ReplayRefusedError } from './exception-replay.registry';
import { exceptionNotOpen, noReplayHandler, replayRefused } from './exception.errors';
import { type ExceptionView, presentException } from './exception.presenter';
import { IntegrationExceptionRepository } from './exception.repository';

export interface ReplayResultView {
  exception: ExceptionView;
  outcome: 'requeued' | 'processed';
  detail: string;
}

/**
 * Replays one open exception through the handler registered for its kind and source, in one
 * transaction with the entry locked: the handler's re-queue (or re-processing) and the entry's
 * new status commit together, audited as the caller's. A refusal changes nothing.
 */
@Injectable()
export class ReplayExceptionUseCase {
  constructor(
    private readonly exceptions: IntegrationExceptionRepository,
    private readonly registry: ExceptionReplayRegistry,
  ) {}

  execute(principal: Principal, id: string): Promise<ReplayResultView> {
    return this.exceptions.transaction(async (manager) => {
      const exception = await this.exceptions.lock(manager, id);
      if (!exception) throw ProblemException.notFound('integration exception', id);
      if (exception.status !== 'open') throw exceptionNotOpen(exception, 'replayed');
      const handler = this.registry.handlerFor(exception);
      if (!handler) throw noReplayHandler(exception);
      const result = await handler.replay(exception, manager).catch((error: unknown) => {
        if (error instanceof ReplayRefusedError) throw replayRefused(error.code, error.message);
        throw error;
      });
      const now = new Date();
      exception.replayCount += 1;
      exception.status = result.outcome === 'processed' ? 'resolved' : 'replayed';
      exception.resolvedAt = result.outcome === 'processed' ? now : null;
      exception.resolvedBy = principalKey(principal);
      exception.resolutionReason = `replayed: ${result.detail}`;
      const saved = await manager.save(exception);
      return {
        exception: presentException(saved, now),
        outcome: result.outcome,
        detail: result.detail,
      };
    });
  }
}
