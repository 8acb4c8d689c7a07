import { Injectable } from '@nestjs/common';
import { type Principal, principalKey } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import type { DiscardBody } from './exception.contract';
import { exceptionNotOpen } from './exception.errors';
import { type ExceptionView, presentException } from './exception.presenter';
import { IntegrationExceptionRepository } from './exception.repository';

/** Closes an open entry without replaying it, saying why (audited with the caller). */
@Injectable()
export class DiscardExceptionUseCase {
  constructor(private readonly exceptions: IntegrationExceptionRepository) {}

  execute(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    body: DiscardBody,
  ): Promise<ExceptionView> {
    const reason = body.reason.trim();
    if (reason.length < 3)
      throw ProblemException.invalid('/body/reason', 'minLength', 'say why, in a few words');
    return this.exceptions.transaction(async (manager) => {
      const exception = await this.exceptions.lock(manager, id);
      if (!exception) throw ProblemException.notFound('integration exception', id);
      const expected = expectedVersion(ifMatch);
      if (exception.version !== expected)
        throw staleVersion('integration exception', id, exception.version);
      if (exception.status !== 'open') throw exceptionNotOpen(exception, 'discarded');
      const now = new Date();
      exception.status = 'discarded';
      exception.resolvedAt = now;
      exception.resolvedBy = principalKey(principal);
      exception.resolutionReason = reason;
      return presentException(await manager.save(exception), now);
    });
  }
}
