import { Controller, Get, Param, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { InvoiceEdiService } from './invoice-edi.service';

@Controller('system/v1/invoices')
export class InvoiceEdiController {
  constructor(private readonly edi: InvoiceEdiService) {}

  @Get(':invoiceId/x12-810')
  @Operation('getInvoiceX12')
  async canonical(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('invoiceId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const invoice = await this.edi.canonical(accountScopeOf(principal), id);
    void reply.header('etag', entityTag(invoice.version));
    return invoice;
  }

  @Get(':invoiceId/x12-810/transaction-set')
  @Operation('getInvoiceX12TransactionSet')
  transactionSet(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('invoiceId') id: string,
  ) {
    return this.edi.transactionSet(accountScopeOf(principal), id);
  }
}
