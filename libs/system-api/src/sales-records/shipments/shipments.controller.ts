import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../../shared/resource-headers';
import type { ListShipmentsQuery } from './shipment.contract';
import { ShipmentsService } from './shipments.service';

@Controller('system/v1/shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get()
  @Operation('listShipments')
  list(@Query() query: ListShipmentsQuery) {
    return this.shipments.list(query);
  }

  @Get(':shipmentId')
  @Operation('getShipment')
  async get(@Param('shipmentId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.shipments.get(id));
  }
}
