import { Injectable, Logger } from '@nestjs/common';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { cashActorOf } from '../cash-actor';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import { CashTransactions } from '../cash-transactions';
import { presentRemittanceFile, type RemittanceFileView } from './remittance-file.presenter';
import { RemittanceFileUnparking } from './remittance-file.unparking';

/** Why the file's exception-queue entry closed, as the queue shows it. */
const RESOLVED_BY_RESUME = 'the file was resumed on request (POST …/remittance-files/{id}/resume)';

/**
 * POST /process/v1/remittance-files/{id}/resume: a person gives a parked file a new round of
 * resumption attempts once its cause is dealt with. The file is unparked in one transaction
 * (audited, in the event log, its exception-queue entry resolved); the resumer's next round
 * takes it first, not this request.
 */
@Injectable()
export class ResumeRemittanceFileUseCase {
  private readonly logger = new Logger('ResumeRemittanceFileUseCase');

  constructor(
    private readonly transactions: CashTransactions,
    private readonly unparking: RemittanceFileUnparking,
  ) {}

  async execute(principal: Principal, fileId: string): Promise<RemittanceFileView> {
    // Internal staff only: an account-bound caller does not learn whether the file exists.
    if (accountScopeOf(principal) !== 'all') {
      throw ProblemException.notFound('remittance file', fileId);
    }
    const actor = cashActorOf(principal);
    const { file, unparked } = await this.transactions.run(async (manager) => {
      const result = await this.unparking.unpark(manager, fileId, actor, {
        reason: RESOLVED_BY_RESUME,
      });
      if (result.state === 'missing') throw ProblemException.notFound('remittance file', fileId);
      if (result.state === 'not_parked') {
        throw cashProblem(
          CashErrorCode.FILE_NOT_PARKED,
          '/path/fileId',
          `remittance file ${fileId} is not parked (status ${result.file.status}): only a parked file is resumed on request`,
        );
      }
      return result;
    });
    this.logger.log(
      { fileId, by: actor.principal, attemptsBefore: unparked.attempts },
      `remittance file ${fileId} unparked by ${actor.principal}: resumed by the next round`,
    );
    return presentRemittanceFile(file, { internal: true });
  }
}
