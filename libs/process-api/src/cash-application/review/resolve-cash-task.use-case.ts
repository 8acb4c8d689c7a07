import { Injectable } from '@nestjs/common';
import type { Principal } from '@o2c/governance';
import type { TaskApplicationsBody } from '../cash.contract';
import { readApplicationEntries } from './application-entries.reader';
import { CashTaskCommand, type CashTaskOutcomeView } from './cash-task.command';
import { ManualApplicationStep } from './manual-application.step';

/**
 * POST /process/v1/tasks/{id}/cash-applications: a person edits or splits the cash in review
 * (their own invoices and amounts, origin `manual`) and says what becomes of the rest: it
 * stays in review, or becomes credit on the customer's account.
 */
@Injectable()
export class ResolveCashTaskUseCase {
  constructor(
    private readonly command: CashTaskCommand,
    private readonly manual: ManualApplicationStep,
  ) {}

  execute(
    principal: Principal,
    taskId: string,
    ifMatch: string | undefined,
    body: TaskApplicationsBody,
  ): Promise<CashTaskOutcomeView> {
    const comment = body.comment?.trim() || null;
    return this.command.execute(principal, taskId, ifMatch, async (context) => {
      const entries = readApplicationEntries(body.applications, context.payment.currency, comment);
      await this.manual.apply(
        context.manager,
        context.payment,
        entries,
        context.actor,
        context.journal,
        {
          taskId,
          remainder: body.remainder ?? 'review',
          comment,
          roles: principal.roles,
        },
      );
    });
  }
}
