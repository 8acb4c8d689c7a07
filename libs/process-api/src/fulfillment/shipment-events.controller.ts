import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { RecordShipmentEventUseCase } from './events/record-shipment-event.use-case';
import type { ShipmentEventOutcome } from './events/shipment-event.outcome';
import { eventSourceOf } from './read/shipment-visibility';
import { ShipmentEventsReader } from './read/shipment-events.reader';
import type { ListShipmentEventsQuery, ShipmentEventBody } from './shipment-event.contract';

@Controller('process/v1/shipment-events')
export class ShipmentEventsController {
  constructor(
    private readonly recordEvent: RecordShipmentEventUseCase,
    private readonly events: ShipmentEventsReader,
  ) {}

  /** 200 applied or stale (and every re-delivery), 202 parked. */
  @Post()
  @HttpCode(200)
  @Operation('recordShipmentEvent')
  async record(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body() body: ShipmentEventBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShipmentEventOutcome> {
    const outcome = await this.recordEvent.execute(principal, body);
    if (outcome.outcome === 'parked' && !outcome.duplicate) void reply.status(202);
    return outcome;
  }

  @Get()
  @Operation('listShipmentEvents')
  list(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: ListShipmentEventsQuery,
  ) {
    return this.events.page(eventSourceOf(principal), query);
  }
}
