import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import { ApiErrorCode, entityTag, ProblemException } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { AssignDisputeOwnerUseCase } from './change/assign-dispute-owner.use-case';
import { ChangeDisputeStatusUseCase } from './change/change-dispute-status.use-case';
import type {
  AssignDisputeBody,
  ChangeDisputeStatusBody,
  ListDisputesQuery,
  RaiseDisputeBody,
  RejectDisputeBody,
  ResolveWithCreditMemoBody,
  WriteOffDisputeBody,
} from './dispute.contract';
import { RaiseDisputeUseCase } from './opening/raise-dispute.use-case';
import type { DisputeDetailView } from './read/dispute.presenter';
import { DisputeReader } from './read/dispute.reader';
import { RejectAndRebillDisputeUseCase } from './resolve/reject-and-rebill.use-case';
import { ResolveDisputeWithCreditMemoUseCase } from './resolve/resolve-with-credit-memo.use-case';
import { WriteOffDisputeUseCase } from './resolve/write-off-dispute.use-case';

const BASE = '/process/v1/disputes';

function withETag(reply: FastifyReply, dispute: DisputeDetailView, created = false) {
  void reply.header('etag', entityTag(dispute.version));
  if (created) void reply.header('location', `${BASE}/${dispute.id}`);
  return dispute;
}

/** Every operation here is secured: the guard has already put a principal on the request. */
function required(principal: Principal | undefined): Principal {
  if (!principal) {
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'Authentication required');
  }
  return principal;
}

type Reply = FastifyReply;

@Controller('process/v1/disputes')
export class DisputesController {
  constructor(
    private readonly reader: DisputeReader,
    private readonly raiseDispute: RaiseDisputeUseCase,
    private readonly assignOwner: AssignDisputeOwnerUseCase,
    private readonly changeStatus: ChangeDisputeStatusUseCase,
    private readonly resolveWithMemo: ResolveDisputeWithCreditMemoUseCase,
    private readonly rejectAndRebill: RejectAndRebillDisputeUseCase,
    private readonly writeOff: WriteOffDisputeUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation('raiseDispute')
  async raise(
    @CurrentPrincipal() who: Principal | undefined,
    @Body() body: RaiseDisputeBody,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.raiseDispute.execute(required(who), body), true);
  }

  @Get()
  @Operation('listDisputes')
  list(@CurrentPrincipal() who: Principal | undefined, @Query() query: ListDisputesQuery) {
    return this.reader.page(accountScopeOf(who), query);
  }

  @Get(':disputeId')
  @Operation('getDispute')
  async get(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('disputeId') id: string,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.reader.detail(accountScopeOf(who), id));
  }

  @Post(':disputeId/assignment')
  @HttpCode(200)
  @Operation('assignDisputeOwner')
  async assign(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('disputeId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AssignDisputeBody,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.assignOwner.execute(required(who), id, ifMatch, body));
  }

  @Post(':disputeId/status')
  @HttpCode(200)
  @Operation('changeDisputeStatus')
  async status(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('disputeId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ChangeDisputeStatusBody,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.changeStatus.execute(required(who), id, ifMatch, body));
  }

  @Post(':disputeId/credit-memo-resolution')
  @HttpCode(200)
  @Operation('resolveDisputeWithCreditMemo')
  async resolve(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('disputeId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ResolveWithCreditMemoBody,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.resolveWithMemo.execute(required(who), id, ifMatch, body));
  }

  @Post(':disputeId/rejection')
  @HttpCode(200)
  @Operation('rejectAndRebillDispute')
  async reject(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('disputeId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RejectDisputeBody,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.rejectAndRebill.execute(required(who), id, ifMatch, body));
  }

  @Post(':disputeId/write-off')
  @HttpCode(200)
  @Operation('writeOffDispute')
  async writeOffDispute(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('disputeId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: WriteOffDisputeBody,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return withETag(reply, await this.writeOff.execute(required(who), id, ifMatch, body));
  }
}
