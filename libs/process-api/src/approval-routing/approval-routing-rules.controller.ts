import {
  Body,
  Controller,
  Delete,
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
import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';
import { ApprovalRoutingRulesService } from './approval-routing-rules.service';
import type {
  CreateRoutingRuleBody,
  ListRoutingRulesQuery,
  UpdateRoutingRuleBody,
} from './routing-rule.contract';
import type { RoutingRuleView } from './routing-rule.presenter';

const BASE = 'process/v1/approval-routing-rules';

function withHeaders(reply: FastifyReply, rule: RoutingRuleView, created = false): RoutingRuleView {
  void reply.header('etag', entityTag(rule.version));
  if (created) void reply.header('location', `/${BASE}/${rule.id}`);
  return rule;
}

@Controller(BASE)
export class ApprovalRoutingRulesController {
  constructor(private readonly rules: ApprovalRoutingRulesService) {}

  @Get()
  @Operation('listApprovalRoutingRules')
  list(@Query() query: ListRoutingRulesQuery) {
    return this.rules.list(query);
  }

  @Post()
  @Operation('createApprovalRoutingRule')
  async create(
    @Body() body: CreateRoutingRuleBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withHeaders(reply, await this.rules.create(body), true);
  }

  @Get(':ruleId')
  @Operation('getApprovalRoutingRule')
  async get(@Param('ruleId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return withHeaders(reply, await this.rules.get(id));
  }

  @Patch(':ruleId')
  @Operation('updateApprovalRoutingRule')
  async update(
    @Param('ruleId') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateRoutingRuleBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withHeaders(reply, await this.rules.update(id, ifMatch, body));
  }

  @Delete(':ruleId')
  @HttpCode(204)
  @Operation('deleteApprovalRoutingRule')
  async remove(@Param('ruleId') id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.rules.remove(id, ifMatch);
  }
}
