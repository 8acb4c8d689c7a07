import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal, type Principal } from '@o2c/governance';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { requiredPrincipal } from '../cash-principal';
import type { SuggestionConfirmationBody, TaskApplicationsBody } from '../cash.contract';
import type { CashTaskOutcomeView } from './cash-task.command';
import { ConfirmCashSuggestionsUseCase } from './confirm-cash-suggestions.use-case';
import { ResolveCashTaskUseCase } from './resolve-cash-task.use-case';

function withTaskETag(reply: FastifyReply, outcome: CashTaskOutcomeView): CashTaskOutcomeView {
  void reply.header('etag', entityTag(outcome.task.version));
  return outcome;
}

@Controller('process/v1/tasks')
export class CashTasksController {
  constructor(
    private readonly confirm: ConfirmCashSuggestionsUseCase,
    private readonly resolve: ResolveCashTaskUseCase,
  ) {}

  @Post(':taskId/cash-confirmation')
  @HttpCode(200)
  @Operation('confirmCashSuggestions')
  async confirmSuggestions(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('taskId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SuggestionConfirmationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withTaskETag(
      reply,
      await this.confirm.execute(requiredPrincipal(principal), id, ifMatch, body),
    );
  }

  @Post(':taskId/cash-applications')
  @HttpCode(200)
  @Operation('resolveCashTask')
  async resolveTask(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('taskId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: TaskApplicationsBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withTaskETag(
      reply,
      await this.resolve.execute(requiredPrincipal(principal), id, ifMatch, body),
    );
  }
}
