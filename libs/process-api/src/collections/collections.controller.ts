import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { DaysSalesOutstandingReader } from './aging/days-sales-outstanding.reader';
import { ReceivablesAgingReader } from './aging/receivables-aging.reader';
import type {
  AgingQuery,
  CollectionsQueueQuery,
  DsoQuery,
  DunningNoticesQuery,
  DunningRunBody,
  PaymentPromiseBody,
  PaymentPromisesQuery,
  QueueRefreshBody,
} from './collections.contract';
import { CustomerCollectionsReader } from './customer/customer-collections.reader';
import { DunningReader } from './dunning/dunning.reader';
import { RunDunningUseCase } from './dunning/run-dunning.use-case';
import { PaymentPromisesService } from './promises/payment-promises.service';
import { CollectionsQueueReader } from './queue/collections-queue.reader';
import { RefreshCollectionsQueueUseCase } from './queue/refresh-collections-queue.use-case';

const BASE = '/process/v1/collections';

/** Every operation here is secured: the guard has already put a principal on the request. */
function required(principal: Principal | undefined): Principal {
  if (!principal) {
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'Authentication required');
  }
  return principal;
}

@Controller('process/v1/collections')
export class CollectionsController {
  constructor(
    private readonly aging: ReceivablesAgingReader,
    private readonly dso: DaysSalesOutstandingReader,
    private readonly runDunning: RunDunningUseCase,
    private readonly dunning: DunningReader,
    private readonly queue: CollectionsQueueReader,
    private readonly refreshQueue: RefreshCollectionsQueueUseCase,
    private readonly customers: CustomerCollectionsReader,
    private readonly promises: PaymentPromisesService,
  ) {}

  @Get('aging')
  @Operation('getReceivablesAging')
  getAging(@CurrentPrincipal() who: Principal | undefined, @Query() query: AgingQuery) {
    return this.aging.report(accountScopeOf(who), query);
  }

  @Get('dso')
  @Operation('getDaysSalesOutstanding')
  getDso(@CurrentPrincipal() who: Principal | undefined, @Query() query: DsoQuery) {
    return this.dso.report(accountScopeOf(who), query);
  }

  @Post('dunning-runs')
  @HttpCode(201)
  @Operation('startDunningRun')
  async startRun(
    @CurrentPrincipal() who: Principal | undefined,
    @Body() body: DunningRunBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const run = await this.runDunning.execute(required(who), body);
    void reply.header('location', `${BASE}/dunning-runs/${run.id}`);
    return run;
  }

  @Get('dunning-runs/:runId')
  @Operation('getDunningRun')
  getRun(@CurrentPrincipal() who: Principal | undefined, @Param('runId') id: string) {
    return this.dunning.run(accountScopeOf(who), id);
  }

  @Get('dunning-notices')
  @Operation('listDunningNotices')
  listNotices(@CurrentPrincipal() who: Principal | undefined, @Query() query: DunningNoticesQuery) {
    return this.dunning.notices(accountScopeOf(who), query);
  }

  @Get('work-queue')
  @Operation('listCollectionsQueue')
  listQueue(@CurrentPrincipal() who: Principal | undefined, @Query() query: CollectionsQueueQuery) {
    return this.queue.page(accountScopeOf(who), query);
  }

  @Post('work-queue/refresh')
  @HttpCode(200)
  @Operation('refreshCollectionsQueue')
  refresh(@CurrentPrincipal() who: Principal | undefined, @Body() body: QueueRefreshBody) {
    return this.refreshQueue.execute(required(who), body);
  }

  @Get('customers/:customerId')
  @Operation('getCustomerCollections')
  getCustomer(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('customerId') customerId: string,
    @Query('asOf') asOf: string | undefined,
  ) {
    return this.customers.read(accountScopeOf(who), customerId, asOf);
  }

  @Post('customers/:customerId/payment-promises')
  @HttpCode(201)
  @Operation('recordPaymentPromise')
  async recordPromise(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('customerId') customerId: string,
    @Body() body: PaymentPromiseBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const promise = await this.promises.record(required(who), customerId, body);
    void reply.header('location', `${BASE}/customers/${customerId}/payment-promises`);
    return promise;
  }

  @Get('customers/:customerId/payment-promises')
  @Operation('listPaymentPromises')
  listPromises(
    @CurrentPrincipal() who: Principal | undefined,
    @Param('customerId') customerId: string,
    @Query() query: PaymentPromisesQuery,
  ) {
    return this.promises.list(who, customerId, query);
  }
}
