import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../../shared/resource-headers';
import type { ListOrdersQuery } from './order.contract';
import { OrdersService } from './orders.service';

@Controller('system/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Operation('listOrders')
  list(@Query() query: ListOrdersQuery) {
    return this.orders.list(query);
  }

  @Get(':orderId')
  @Operation('getOrder')
  async get(@Param('orderId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.orders.get(id));
  }
}
