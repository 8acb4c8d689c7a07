import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../shared/resource-headers';
import type { ListInventoryBalancesQuery } from './inventory.contract';
import { InventoryBalancesService } from './inventory-balances.service';

@Controller('system/v1/inventory-balances')
export class InventoryBalancesController {
  constructor(private readonly balances: InventoryBalancesService) {}

  @Get()
  @Operation('listInventoryBalances')
  list(@Query() query: ListInventoryBalancesQuery) {
    return this.balances.list(query);
  }

  @Get(':balanceId')
  @Operation('getInventoryBalance')
  async get(@Param('balanceId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.balances.get(id));
  }
}
