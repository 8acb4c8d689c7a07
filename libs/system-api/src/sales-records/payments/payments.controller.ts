import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../../shared/resource-headers';
import type { ListPaymentsQuery } from './payment.contract';
import { PaymentsService } from './payments.service';

@Controller('system/v1/payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @Operation('listPayments')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: ListPaymentsQuery) {
    return this.payments.list(accountScopeOf(principal), query);
  }

  @Get(':paymentId')
  @Operation('getPayment')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('paymentId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.payments.get(accountScopeOf(principal), id));
  }
}
