import { Controller, Get, Param, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal, type Principal } from '@o2c/governance';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { OrderShipmentsReader } from './read/order-shipments.reader';
import { ShipNoticeReader } from './read/ship-notice.reader';
import { ShipmentDetailReader } from './read/shipment-detail.reader';
import { shipmentVisibility } from './read/shipment-visibility';

@Controller('process/v1')
export class ShipmentsController {
  constructor(
    private readonly details: ShipmentDetailReader,
    private readonly notices: ShipNoticeReader,
    private readonly orderShipments: OrderShipmentsReader,
  ) {}

  @Get('shipments/:shipmentId')
  @Operation('getShipmentDetail')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('shipmentId') shipmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const shipment = await this.details.read(shipmentVisibility(principal), shipmentId);
    void reply.header('etag', entityTag(shipment.version));
    return shipment;
  }

  @Get('shipments/:shipmentId/ship-notice')
  @Operation('getShipmentNotice')
  notice(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('shipmentId') shipmentId: string,
  ) {
    return this.notices.read(shipmentVisibility(principal), shipmentId);
  }

  @Get('orders/:orderId/shipments')
  @Operation('listShipmentsOfOrder')
  forOrder(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('orderId') orderId: string,
  ) {
    return this.orderShipments.read(shipmentVisibility(principal), orderId);
  }
}
