import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
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
  list(@Query() query: ListPriceAgreementsQuery) {
    return this.agreements.list(query);
  }

  @Post()
  @Operation('createPriceAgreement')
  async create(
    @Body() body: CreatePriceAgreementBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.agreements.create(body), `/${BASE}`);
  }

  @Get(':agreementId')
  @Operation('getPriceAgreement')
  async get(@Param('agreementId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.agreements.get(id));
  }

  @Patch(':agreementId')
  @Operation('updatePriceAgreement')
  async update(
    @Param('agreementId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePriceAgreementBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.agreements.update(id, ifMatch, body));
  }
}
