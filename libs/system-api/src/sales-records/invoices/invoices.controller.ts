import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../../shared/resource-headers';
import type { ListInvoicesQuery } from './invoice.contract';
import { InvoicesService } from './invoices.service';

@Controller('system/v1/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @Operation('listInvoices')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: ListInvoicesQuery) {
    return this.invoices.list(accountScopeOf(principal), query);
  }

  @Get(':invoiceId')
  @Operation('getInvoice')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('invoiceId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.invoices.get(accountScopeOf(principal), id));
  }
}
