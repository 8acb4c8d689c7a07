import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import {
  accountScopeOf,
  CurrentPrincipal,
  IdempotencyInTransaction,
  type Principal,
} from '@o2c/governance';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { CancelOrderUseCase } from './change/cancel-order.use-case';
import { ChangeOrderUseCase } from './change/change-order.use-case';
import { SubmitOrderUseCase } from './intake/submit-order.use-case';
import type {
  CancelOrderBody,
  ChangeOrderBody,
  ListProcessOrdersQuery,
  SubmitOrderBody,
} from './order.contract';
import { type OrderDetailView, OrderDetailReader } from './read/order-detail.reader';
import { OrderListReader } from './read/order-list.reader';

const BASE = '/process/v1/orders';

/** ETag of the order's version; Location for a new order. */
function withOrderHeaders(reply: FastifyReply, order: OrderDetailView, created = false) {
  void reply.header('etag', entityTag(order.version));
  if (created) void reply.header('location', `${BASE}/${order.id}`);
  return order;
}

@Controller('process/v1/orders')
export class OrdersController {
  constructor(
    private readonly submitOrder: SubmitOrderUseCase,
    private readonly changeOrder: ChangeOrderUseCase,
    private readonly cancelOrder: CancelOrderUseCase,
    private readonly details: OrderDetailReader,
    private readonly lists: OrderListReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation('submitOrder')
  @IdempotencyInTransaction()
  async submit(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body() body: SubmitOrderBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withOrderHeaders(reply, await this.submitOrder.execute(principal, body), true);
  }

  @Get()
  @Operation('listProcessOrders')
  list(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: ListProcessOrdersQuery,
  ) {
    return this.lists.page(accountScopeOf(principal), query);
  }

  @Get(':orderId')
  @Operation('getOrderDetail')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('orderId') orderId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withOrderHeaders(reply, await this.details.read(accountScopeOf(principal), orderId));
  }

  @Patch(':orderId')
  @Operation('changeOrder')
  async change(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('orderId') orderId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ChangeOrderBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const order = await this.changeOrder.execute(principal, orderId, ifMatch, body);
    return withOrderHeaders(reply, order);
  }

  @Post(':orderId/cancellation')
  @HttpCode(200)
  @Operation('cancelOrder')
  async cancel(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('orderId') orderId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CancelOrderBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const order = await this.cancelOrder.execute(principal, orderId, ifMatch, body);
    return withOrderHeaders(reply, order);
  }
}
