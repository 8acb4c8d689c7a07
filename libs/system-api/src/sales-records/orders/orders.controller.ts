import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../../shared/resource-headers';
import type { ListOrdersQuery } from './order.contract';
import { OrdersService } from './orders.service';

@Controller('system/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Operation('listOrders')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: ListOrdersQuery) {
    return this.orders.list(accountScopeOf(principal), query);
  }

  @Get(':orderId')
  @Operation('getOrder')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('orderId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.orders.get(accountScopeOf(principal), id));
  }
}
