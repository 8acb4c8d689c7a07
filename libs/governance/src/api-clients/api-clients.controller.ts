import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import type { CreateApiClientBody, ListApiClientsQuery } from './api-client.contract';
import { ApiClientsService } from './api-clients.service';

const BASE = 'governance/v1/api-clients';

/** Answers that carry a client secret must not be kept by any cache. */
function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store');
}

@Controller(BASE)
export class ApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  @Get()
  @Operation('listApiClients')
  list(@Query() query: ListApiClientsQuery) {
    return this.clients.list(query);
  }

  @Post()
  @Operation('createApiClient')
  async create(@Body() body: CreateApiClientBody, @Res({ passthrough: true }) reply: FastifyReply) {
    const created = await this.clients.create(body);
    noStore(reply);
    void reply.header('etag', entityTag(created.version));
    void reply.header('location', `/${BASE}/${created.clientId}`);
    return created;
  }

  @Get(':clientId')
  @Operation('getApiClient')
  async get(@Param('clientId') clientId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const client = await this.clients.get(clientId);
    void reply.header('etag', entityTag(client.version));
    return client;
  }

  @Post(':clientId/secret-rotations')
  @Operation('rotateApiClientSecret')
  async rotateSecret(
    @Param('clientId') clientId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const rotation = await this.clients.rotateSecret(clientId);
    noStore(reply);
    void reply.header('etag', entityTag(rotation.version));
    return rotation;
  }

  @Post(':clientId/revocation')
  @HttpCode(200)
  @Operation('revokeApiClient')
  async revoke(
    @Param('clientId') clientId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const client = await this.clients.revoke(clientId);
    void reply.header('etag', entityTag(client.version));
    return client;
  }
}
