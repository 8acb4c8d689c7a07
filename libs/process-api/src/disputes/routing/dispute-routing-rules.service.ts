import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ContractRegistry } from '@o2c/contracts';
import { Decimal } from '@o2c/domain';
import { ApiErrorCode, expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import { DisputeRoutingRule } from '@o2c/persistence';
import { DataSource, Not } from 'typeorm';
import { assertInternalRole } from '../../approval-routing/internal-role.guard';
import type { UpdateDisputeRoutingRuleBody } from '../dispute.contract';

export interface DisputeRoutingRuleView {
  id: string;
  name: string;
  order: number;
  role: string;
  slaHours: number;
  priority: number;
  when: Record<string, unknown>;
  active: boolean;
  version: number;
  updatedAt: string;
}

export function presentDisputeRoutingRule(rule: DisputeRoutingRule): DisputeRoutingRuleView {
  return {
    id: rule.id,
    name: rule.name,
    order: rule.priority,
    role: rule.role,
    slaHours: rule.slaMinutes / 60,
    priority: rule.taskPriority,
    when: rule.condition,
    active: rule.active,
    version: rule.version,
    updatedAt: rule.updatedAt.toISOString(),
  };
}

/**
 * Dispute routing as policy data: read every rule, change one in a transaction (audited by the
 * audit subscriber). A change applies to disputes opened afterwards.
 */
@Injectable()
export class DisputeRoutingRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractRegistry,
  ) {}

  async list(): Promise<{ items: DisputeRoutingRuleView[] }> {
    const rules = await this.dataSource.manager.find(DisputeRoutingRule, {
      order: { priority: 'ASC', name: 'ASC' },
    });
    return { items: rules.map(presentDisputeRoutingRule) };
  }

  update(
    id: string,
    ifMatch: string | undefined,
    body: UpdateDisputeRoutingRuleBody,
  ): Promise<DisputeRoutingRuleView> {
    if (body.role !== undefined) assertInternalRole(this.contracts, body.role, '/body/role');
    const when = body.when;
    if (when?.minAmount !== undefined && when.maxAmount !== undefined) {
      if (!new Decimal(when.minAmount).lessThan(when.maxAmount)) {
        throw ProblemException.invalid(
          '/body/when/maxAmount',
          'above-minimum',
          'maxAmount must be above minAmount',
        );
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const rule = await manager.findOne(DisputeRoutingRule, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!rule) throw ProblemException.notFound('dispute routing rule', id);
      const expected = expectedVersion(ifMatch);
      if (rule.version !== expected) throw staleVersion('dispute routing rule', id, rule.version);
      if (body.name !== undefined && body.name !== rule.name) {
        const taken = await manager.exists(DisputeRoutingRule, {
          where: { name: body.name, id: Not(id) },
        });
        if (taken) {
          const message = `a dispute routing rule is already named ${body.name}`;
          throw new ProblemException(ApiErrorCode.ALREADY_EXISTS, message, [
            { path: '/body/name', rule: 'unique', message },
          ]);
        }
        rule.name = body.name;
      }
      if (body.order !== undefined) rule.priority = body.order;
      if (body.role !== undefined) rule.role = body.role;
      if (body.slaHours !== undefined) rule.slaMinutes = body.slaHours * 60;
      if (body.priority !== undefined) rule.taskPriority = body.priority;
      if (when !== undefined) rule.condition = { ...when };
      if (body.active !== undefined) rule.active = body.active;
      return presentDisputeRoutingRule(await manager.save(rule));
    });
  }
}
