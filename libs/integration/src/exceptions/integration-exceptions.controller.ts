import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal, type Principal } from '@o2c/governance';
import { ApiErrorCode, entityTag, ProblemException } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { DiscardExceptionUseCase } from './discard-exception.use-case';
import type {
  BulkReplayBody,
  DiscardBody,
  FailureRateQuery,
  ListExceptionsQuery,
} from './exception.contract';
import { ExceptionQueries } from './exception-queries.service';
import { FailureRateReader } from './failure-rate.reader';
import { ReplayExceptionUseCase } from './replay-exception.use-case';
import { ReplayExceptionsUseCase } from './replay-exceptions.use-case';

/** Every operation here is secured: the guard has already put a principal on the request. */
function required(principal: Principal | undefined): Principal {
  if (!principal)
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'Authentication required');
  return principal;
}

@Controller('process/v1/integration-exceptions')
export class IntegrationExceptionsController {
  constructor(
    private readonly queries: ExceptionQueries,
    private readonly failureRate: FailureRateReader,
    private readonly replayOne: ReplayExceptionUseCase,
    private readonly replayMany: ReplayExceptionsUseCase,
    private readonly discard: DiscardExceptionUseCase,
  ) {}

  @Get()
  @Operation('listIntegrationExceptions')
  list(@Query() query: ListExceptionsQuery) {
    return this.queries.list(query);
  }

  @Get('summary')
  @Operation('getIntegrationFailureRate')
  summary(@Query() query: FailureRateQuery) {
    return this.failureRate.read(query);
  }

  @Post('replays')
  @HttpCode(200)
  @Operation('replayIntegrationExceptions')
  replayAll(@CurrentPrincipal() principal: Principal | undefined, @Body() body: BulkReplayBody) {
    return this.replayMany.execute(required(principal), body);
  }

  @Get(':exceptionId')
  @Operation('getIntegrationException')
  async get(@Param('exceptionId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const exception = await this.queries.get(id);
    void reply.header('etag', entityTag(exception.version));
    return exception;
  }

  @Post(':exceptionId/replay')
  @HttpCode(200)
  @Operation('replayIntegrationException')
  replay(@CurrentPrincipal() principal: Principal | undefined, @Param('exceptionId') id: string) {
    return this.replayOne.execute(required(principal), id);
  }

  @Post(':exceptionId/discard')
  @HttpCode(200)
  @Operation('discardIntegrationException')
  async discardOne(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('exceptionId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DiscardBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const exception = await this.discard.execute(required(principal), id, ifMatch, body);
    void reply.header('etag', entityTag(exception.version));
    return exception;
  }
}
