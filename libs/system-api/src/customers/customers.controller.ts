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
  list(@Query() query: ListCustomersQuery) {
    return this.customers.list(query);
  }

  @Post()
  @Operation('createCustomer')
  async create(@Body() body: CreateCustomerBody, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.customers.create(body), `/${BASE}`);
  }

  @Get(':customerId')
  @Operation('getCustomer')
  async get(@Param('customerId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.customers.get(id));
  }

  @Patch(':customerId')
  @Operation('updateCustomer')
  async update(
    @Param('customerId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCustomerBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.customers.update(id, ifMatch, body));
  }

  @Post(':customerId/ship-tos')
  @HttpCode(201)
  @Operation('addCustomerShipTo')
  async addShipTo(
    @Param('customerId') id: string,
    @Body() body: ShipToBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.customers.addShipTo(id, body));
  }
}
