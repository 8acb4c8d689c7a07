import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { FastifyReply } from 'fastify';
import { withResourceHeaders } from '../shared/resource-headers';
import type { CreateItemBody, ListItemsQuery, UpdateItemBody } from './item.contract';
import { ItemsService } from './items.service';

const BASE = 'system/v1/items';

@Controller(BASE)
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @Operation('listItems')
  list(@Query() query: ListItemsQuery) {
    return this.items.list(query);
  }

  @Post()
  @Operation('createItem')
  async create(@Body() body: CreateItemBody, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.items.create(body), `/${BASE}`);
  }

  @Get(':itemId')
  @Operation('getItem')
  async get(@Param('itemId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withResourceHeaders(reply, await this.items.get(id));
  }

  @Patch(':itemId')
  @Operation('updateItem')
  async update(
    @Param('itemId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateItemBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withResourceHeaders(reply, await this.items.update(id, ifMatch, body));
  }
}
