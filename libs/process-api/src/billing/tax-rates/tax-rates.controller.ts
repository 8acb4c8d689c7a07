import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import type {
  ApplicableTaxRateQuery,
  CreateTaxRateBody,
  ListTaxRatesQuery,
  UpdateTaxRateBody,
} from './tax-rate.contract';
import type { TaxRateView } from './tax-rate.presenter';
import { TaxRatesService } from './tax-rates.service';

const BASE = 'process/v1/tax-rates';

function withHeaders(reply: FastifyReply, rate: TaxRateView, created = false): TaxRateView {
  void reply.header('etag', entityTag(rate.version));
  if (created) void reply.header('location', `/${BASE}/${rate.id}`);
  return rate;
}

@Controller(BASE)
export class TaxRatesController {
  constructor(private readonly rates: TaxRatesService) {}

  @Get()
  @Operation('listTaxRates')
  list(@Query() query: ListTaxRatesQuery) {
    return this.rates.list(query);
  }

  @Post()
  @Operation('createTaxRate')
  async create(@Body() body: CreateTaxRateBody, @Res({ passthrough: true }) reply: FastifyReply) {
    return withHeaders(reply, await this.rates.create(body), true);
  }

  @Get('applicable')
  @Operation('getApplicableTaxRate')
  applicable(@Query() query: ApplicableTaxRateQuery) {
    return this.rates.applicable(query);
  }

  @Get(':taxRateId')
  @Operation('getTaxRate')
  async get(@Param('taxRateId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withHeaders(reply, await this.rates.get(id));
  }

  @Patch(':taxRateId')
  @Operation('updateTaxRate')
  async update(
    @Param('taxRateId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateTaxRateBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withHeaders(reply, await this.rates.update(id, ifMatch, body));
  }
}
