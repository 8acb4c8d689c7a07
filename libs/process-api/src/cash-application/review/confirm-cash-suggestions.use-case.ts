import { Injectable } from '@nestjs/common';
import { Decimal } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { suggestionsOf } from '../application/review-task.writer';
import { CashErrorCode, cashProblem } from '../cash-application.errors';
import type { SuggestionConfirmationBody } from '../cash.contract';
import { CashTaskCommand, type CashTaskOutcomeView } from './cash-task.command';
import { type ManualEntry, ManualApplicationStep } from './manual-application.step';

/**
 * POST /process/v1/tasks/{id}/cash-confirmation: suggestions of the task applied as they stand
 * in its evidence (invoice, cash, discount, write-off), with the rule and confidence that
 * proposed them (origin `confirmed`); the task then shows what is left, or is completed.
 */
@Injectable()
export class ConfirmCashSuggestionsUseCase {
  constructor(
    private readonly command: CashTaskCommand,
    private readonly manual: ManualApplicationStep,
  ) {}

  execute(
    principal: Principal,
    taskId: string,
    ifMatch: string | undefined,
    body: SuggestionConfirmationBody,
  ): Promise<CashTaskOutcomeView> {
    const comment = body.comment?.trim() || null;
    return this.command.execute(principal, taskId, ifMatch, async (context) => {
      const suggestions = suggestionsOf(context.task.evidence);
      const entries: ManualEntry[] = body.suggestionIds.map((id, index) => {
        const suggestion = suggestions.get(id);
        if (!suggestion) {
          throw cashProblem(
            CashErrorCode.SUGGESTION_NOT_FOUND,
            `/body/suggestionIds/${index}`,
            `task ${taskId} has no suggestion ${id} (its suggestions: ${[...suggestions.keys()].join(', ') || 'none'})`,
          );
        }
        return {
          invoiceId: suggestion.invoiceId,
          amount: new Decimal(suggestion.amount),
          discount: new Decimal(suggestion.discount),
          writeOff: new Decimal(suggestion.writeOff),
          rule: suggestion.rule,
          confidence: suggestion.confidence,
          reasons: [
            `Suggestion ${id} confirmed by ${context.actor.subject}`,
            ...suggestion.reasons,
          ],
          origin: 'confirmed',
          path: `/body/suggestionIds/${index}`,
        };
      });
      await this.manual.apply(
        context.manager,
        context.payment,
        entries,
        context.actor,
        context.journal,
        {
          taskId,
          remainder: 'review',
          comment,
          roles: principal.roles,
        },
      );
    });
  }
}
