import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { CurrentPrincipal, type Principal } from '@o2c/governance';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { requiredPrincipal } from '../cash-principal';
import type { CashProfileBody } from '../cash.contract';
import { type CashProfileView, CashProfilesService } from './cash-profiles.service';

function withETag(reply: FastifyReply, profile: CashProfileView): CashProfileView {
  void reply.header('etag', entityTag(profile.version));
  return profile;
}

@Controller('process/v1/cash-application-profiles')
export class CashProfilesController {
  constructor(private readonly profiles: CashProfilesService) {}

  @Get(':customerId')
  @Operation('getCashApplicationProfile')
  async get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('customerId') customerId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.profiles.get(requiredPrincipal(principal), customerId));
  }

  @Put(':customerId')
  @Operation('putCashApplicationProfile')
  async put(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('customerId') customerId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CashProfileBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(
      reply,
      await this.profiles.put(requiredPrincipal(principal), customerId, ifMatch, body),
    );
  }
}
