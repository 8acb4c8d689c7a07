import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../shared/resource-headers';
import type {
  CreatePriceAgreementBody,
  ListPriceAgreementsQuery,
  UpdatePriceAgreementBody,
} from './price-agreement.contract';
import { PriceAgreementsService } from './price-agreements.service';

const BASE = 'system/v1/price-agreements';

@Controller(BASE)
export class PriceAgreementsController {
  constructor(private readonly agreements: PriceAgreementsService) {}

  @Get()
  @Operation('listPriceAgreements')
  list(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: ListPriceAgreementsQuery,
  ) {
    return this.agreements.list(accountScopeOf(principal), query);
  }

  @Post()
  @Operation('createPriceAgreement')
  async create(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body() body: CreatePriceAgreementBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.agreements.create(accountScopeOf(principal), body);
    return withResourceHeaders(reply, created, `/${BASE}`);
  }

  @Get(':agreementId')
  @Operation('getPriceAgreement')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('agreementId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.agreements.get(accountScopeOf(principal), id));
  }

  @Patch(':agreementId')
  @Operation('updatePriceAgreement')
  async update(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('agreementId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePriceAgreementBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = accountScopeOf(principal);
    return withResourceHeaders(reply, await this.agreements.update(scope, id, ifMatch, body));
  }
}
