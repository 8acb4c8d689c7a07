import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../shared/resource-headers';
import type {
  CreateWarehouseBody,
  ListWarehousesQuery,
  UpdateWarehouseBody,
} from './warehouse.contract';
import { WarehousesService } from './warehouses.service';

const BASE = 'system/v1/warehouses';

@Controller(BASE)
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @Operation('listWarehouses')
  list(@Query() query: ListWarehousesQuery) {
    return this.warehouses.list(query);
  }

  @Post()
  @Operation('createWarehouse')
  async create(@Body() body: CreateWarehouseBody, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.warehouses.create(body), `/${BASE}`);
  }

  @Get(':warehouseId')
  @Operation('getWarehouse')
  async get(@Param('warehouseId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.warehouses.get(id));
  }

  @Patch(':warehouseId')
  @Operation('updateWarehouse')
  async update(
    @Param('warehouseId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateWarehouseBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.warehouses.update(id, ifMatch, body));
  }
}
