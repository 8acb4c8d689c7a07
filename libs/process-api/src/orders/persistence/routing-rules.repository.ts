import { Injectable, Logger } from '@nestjs/common';
import {
  type ApprovalQueue,
  type ApprovalRoutingRule,
  DEFAULT_APPROVAL_ROUTING,
  defaultSlaHours,
  isDomainError,
  validateRoutingRule,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';

interface RuleRow {
  id: string;
  queue: ApprovalQueue;
  name: string;
  condition: Record<string, unknown>;
  role: string;
  priority: number;
  slaMinutes: number | null;
  taskPriority: number;
}

const ACTIVE_RULES = `
  SELECT id, queue, name, condition, role, priority, sla_minutes AS "slaMinutes",
         task_priority AS "taskPriority"
    FROM approval_routing_rules
   WHERE queue = $1 AND active
   ORDER BY priority, name`;

/**
 * The routing policy of a queue, as policy data: the active rows of approval_routing_rules
 * (evaluated in `priority` order; `sla_minutes` null means the queue's default SLA), or the
 * domain's DEFAULT_APPROVAL_ROUTING when the table holds none for the queue.
 */
@Injectable()
export class RoutingRulesRepository {
  private readonly logger = new Logger('ApprovalRouting');

  async rulesFor(manager: EntityManager, queue: ApprovalQueue): Promise<ApprovalRoutingRule[]> {
    const rows = await manager.query<RuleRow[]>(ACTIVE_RULES, [queue]);
    const rules = rows.flatMap((row) => this.toRule(row));
    return rules.length > 0 ? rules : defaultRules(queue);
  }

  /** A stored rule the policy cannot read is skipped (and logged), never half-applied. */
  private toRule(row: RuleRow): ApprovalRoutingRule[] {
    try {
      return [
        validateRoutingRule({
          id: row.id,
          queue: row.queue,
          name: row.name,
          order: row.priority,
          role: row.role,
          slaHours: row.slaMinutes === null ? defaultSlaHours(row.queue) : row.slaMinutes / 60,
          priority: row.taskPriority,
          when: row.condition,
        }),
      ];
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.logger.warn({ ruleId: row.id, problem: error.message }, 'routing rule skipped');
      return [];
    }
  }
}

export function defaultRules(queue: ApprovalQueue): ApprovalRoutingRule[] {
  return DEFAULT_APPROVAL_ROUTING.filter((rule) => rule.queue === queue);
}
