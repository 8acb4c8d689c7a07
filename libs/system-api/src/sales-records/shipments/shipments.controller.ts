import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../../shared/resource-headers';
import type { ListShipmentsQuery } from './shipment.contract';
import { ShipmentsService } from './shipments.service';

@Controller('system/v1/shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get()
  @Operation('listShipments')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: ListShipmentsQuery) {
    return this.shipments.list(accountScopeOf(principal), query);
  }

  @Get(':shipmentId')
  @Operation('getShipment')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('shipmentId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.shipments.get(accountScopeOf(principal), id));
  }
}
