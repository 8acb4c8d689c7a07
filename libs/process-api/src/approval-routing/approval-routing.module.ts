import { Module } from '@nestjs/common';
import { ApprovalRoutingRulesController } from './approval-routing-rules.controller';
import { ApprovalRoutingRulesService } from './approval-routing-rules.service';
import { RoutingRuleRepository } from './routing-rule.repository';

/** Approval routing rules, managed through the API (order intake reads them when holds open). */
@Module({
  controllers: [ApprovalRoutingRulesController],
  providers: [RoutingRuleRepository, ApprovalRoutingRulesService],
})
export class ApprovalRoutingModule {}
