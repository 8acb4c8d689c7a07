import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import { ApiErrorCode, entityTag, ProblemException } from '@o2c/http';
import type { WorkQueue } from '@o2c/persistence';
import type { FastifyReply } from 'fastify';
import { ClaimTaskUseCase } from './claim-task.use-case';
import { DecideTaskUseCase } from './decide-task.use-case';
import { ReassignTaskUseCase } from './reassign-task.use-case';
import type { ListTasksQuery, TaskDecisionBody, TaskReassignmentBody } from './task.contract';
import type { TaskView } from './task.presenter';
import { TaskQueriesService } from './task-queries.service';

function withETag(reply: FastifyReply, task: TaskView): TaskView {
  void reply.header('etag', entityTag(task.version));
  return task;
}

/** Every operation here is secured: the guard has already put a principal on the request. */
function required(principal: Principal | undefined): Principal {
  if (!principal)
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'Authentication required');
  return principal;
}

@Controller('process/v1')
export class TasksController {
  constructor(
    private readonly queries: TaskQueriesService,
    private readonly claimTask: ClaimTaskUseCase,
    private readonly decideTask: DecideTaskUseCase,
    private readonly reassignTask: ReassignTaskUseCase,
  ) {}

  @Get('work-queues/:queue/tasks')
  @Operation('listWorkQueueTasks')
  list(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('queue') queue: WorkQueue,
    @Query() query: ListTasksQuery,
  ) {
    return this.queries.list(accountScopeOf(principal), queue, query);
  }

  @Get('tasks/:taskId')
  @Operation('getTask')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('taskId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.queries.get(accountScopeOf(principal), id));
  }

  @Post('tasks/:taskId/claim')
  @HttpCode(200)
  @Operation('claimTask')
  async claim(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('taskId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.claimTask.execute(required(principal), id, ifMatch));
  }

  @Post('tasks/:taskId/decision')
  @HttpCode(200)
  @Operation('decideTask')
  async decide(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('taskId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: TaskDecisionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.decideTask.execute(required(principal), id, ifMatch, body));
  }

  @Post('tasks/:taskId/reassignment')
  @HttpCode(200)
  @Operation('reassignTask')
  async reassign(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('taskId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: TaskReassignmentBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.reassignTask.execute(required(principal), id, ifMatch, body));
  }
}
