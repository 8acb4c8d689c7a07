import { Body, Controller, Get, Headers, Param, Patch, Res } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import type { UpdateDisputeRoutingRuleBody } from '../dispute.contract';
import { DisputeRoutingRulesService } from './dispute-routing-rules.service';

@Controller('process/v1/dispute-routing-rules')
export class DisputeRoutingRulesController {
  constructor(private readonly rules: DisputeRoutingRulesService) {}

  @Get()
  @Operation('listDisputeRoutingRules')
  list() {
    return this.rules.list();
  }

  @Patch(':ruleId')
  @Operation('updateDisputeRoutingRule')
  async update(
    @Param('ruleId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateDisputeRoutingRuleBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const rule = await this.rules.update(id, ifMatch, body);
    void reply.header('etag', entityTag(rule.version));
    return rule;
  }
}
