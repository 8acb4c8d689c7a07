import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { accountScopeOf, CurrentPrincipal, type Principal } from '@o2c/governance';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../shared/resource-headers';
import type {
  CreateCustomerBody,
  ListCustomersQuery,
  ShipToBody,
  UpdateCustomerBody,
} from './customer.contract';
import { CustomersService } from './customers.service';

const BASE = 'system/v1/customers';

@Controller(BASE)
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @Operation('listCustomers')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() query: ListCustomersQuery) {
    return this.customers.list(accountScopeOf(principal), query);
  }

  @Post()
  @Operation('createCustomer')
  async create(@Body() body: CreateCustomerBody, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.customers.create(body), `/${BASE}`);
  }

  @Get(':customerId')
  @Operation('getCustomer')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('customerId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.customers.get(accountScopeOf(principal), id));
  }

  @Patch(':customerId')
  @Operation('updateCustomer')
  async update(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('customerId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCustomerBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = accountScopeOf(principal);
    return withResourceHeaders(reply, await this.customers.update(scope, id, ifMatch, body));
  }

  @Post(':customerId/ship-tos')
  @HttpCode(201)
  @Operation('addCustomerShipTo')
  async addShipTo(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('customerId') id: string,
    @Body() body: ShipToBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scope = accountScopeOf(principal);
    return withResourceHeaders(reply, await this.customers.addShipTo(scope, id, body));
  }
}
