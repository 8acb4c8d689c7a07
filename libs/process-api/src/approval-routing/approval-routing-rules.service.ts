import { Injectable } from '@nestjs/common';
import { ContractRegistry } from '@o2c/contracts';
import type { ApprovalRoutingRule } from '@o2c/domain';
import {
  ApiErrorCode,
  expectedVersion,
  type Page,
  ProblemException,
  staleVersion,
  toPage,
} from '@o2c/http';
import { ApprovalRoutingRule as RoutingRuleRecord } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { assertInternalRole } from './internal-role.guard';
import type {
  CreateRoutingRuleBody,
  ListRoutingRulesQuery,
  RoutingRuleFieldsBody,
  UpdateRoutingRuleBody,
} from './routing-rule.contract';
import {
  applyRoutingRule,
  conditionJson,
  routingRuleOf,
  validatedRule,
} from './routing-rule.mapper';
import { presentRoutingRule, type RoutingRuleView } from './routing-rule.presenter';
import { ruleCursorKey, RoutingRuleRepository } from './routing-rule.repository';

/** A rule's id before it is stored (the domain checks every field of a rule, id included). */
const UNSAVED = 'unsaved';

/**
 * Approval routing as policy data: reads, and changes each in one transaction (audited by the
 * audit subscriber). Tasks keep what they were routed with: a change applies to later holds.
 */
@Injectable()
export class ApprovalRoutingRulesService {
  constructor(
    private readonly rules: RoutingRuleRepository,
    private readonly contracts: ContractRegistry,
  ) {}

  async list(query: ListRoutingRulesQuery): Promise<Page<RoutingRuleView>> {
    const rows = await this.rules.findPage(query);
    return toPage(rows, query.limit, ruleCursorKey, presentRoutingRule);
  }

  async get(id: string): Promise<RoutingRuleView> {
    const rule = await this.rules.findById(id);
    if (!rule) throw ProblemException.notFound('routing rule', id);
    return presentRoutingRule(rule);
  }

  create(body: CreateRoutingRuleBody): Promise<RoutingRuleView> {
    const rule = this.checked({ ...body, id: UNSAVED });
    return this.rules.transaction(async (manager) => {
      await this.assertNameFree(manager, rule);
      const record = manager.create(RoutingRuleRecord, { active: body.active ?? true });
      applyRoutingRule(record, rule);
      return presentRoutingRule(await manager.save(record));
    });
  }

  update(
    id: string,
    ifMatch: string | undefined,
    body: UpdateRoutingRuleBody,
  ): Promise<RoutingRuleView> {
    const expected = expectedVersion(ifMatch);
    return this.rules.transaction(async (manager) => {
      const record = await this.rules.lockById(manager, id);
      if (!record) throw ProblemException.notFound('routing rule', id);
      if (record.version !== expected) throw staleVersion('routing rule', id, record.version);
      const current = routingRuleOf(record);
      // `when` is replaced as a whole: a condition is read as one statement of policy.
      const rule = this.checked({
        ...current,
        when: conditionJson(current.when),
        ...changedFields(body),
      });
      if (rule.name !== current.name) await this.assertNameFree(manager, rule);
      applyRoutingRule(record, rule);
      if (body.active !== undefined) record.active = body.active;
      return presentRoutingRule(await manager.save(record));
    });
  }

  /** Only a rule that never routed a task: the others stay as provenance (deactivate them). */
  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    const expected = expectedVersion(ifMatch);
    await this.rules.transaction(async (manager) => {
      const record = await this.rules.lockById(manager, id);
      if (!record) throw ProblemException.notFound('routing rule', id);
      if (record.version !== expected) throw staleVersion('routing rule', id, record.version);
      if (await this.rules.hasRoutedTasks(manager, id)) {
        const message = `routing rule ${id} has routed tasks; deactivate it (active=false) instead`;
        throw new ProblemException(
          'ROUTING.RULE_IN_USE',
          message,
          [{ path: '/ruleId', rule: 'not-in-use', message }],
          { status: 409, title: 'The rule is in use' },
        );
      }
      await manager.remove(record);
    });
  }

  private checked(input: Record<string, unknown>): ApprovalRoutingRule {
    if (typeof input.role === 'string')
      assertInternalRole(this.contracts, input.role, '/body/role');
    return validatedRule(input);
  }

  private async assertNameFree(manager: EntityManager, rule: ApprovalRoutingRule): Promise<void> {
    const taken = await manager.exists(RoutingRuleRecord, {
      where: { queue: rule.queue, name: rule.name },
    });
    if (!taken) return;
    const message = `${rule.queue} already has a rule named ${rule.name}`;
    throw new ProblemException(ApiErrorCode.ALREADY_EXISTS, message, [
      { path: '/body/name', rule: 'unique-in-queue', message },
    ]);
  }
}

/** The fields a PATCH sent (undefined means "unchanged"); `active` is not part of the rule. */
function changedFields(body: RoutingRuleFieldsBody): Record<string, unknown> {
  const { active: _active, ...fields } = body;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
