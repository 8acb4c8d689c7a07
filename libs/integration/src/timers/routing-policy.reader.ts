import { Injectable, Logger } from '@nestjs/common';
import {
  APPROVAL_QUEUES,
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
   WHERE active AND queue = ANY($1::text[])
   ORDER BY queue, priority, name`;

/**
 * The approval routing policy as order intake applies it: the active stored rules of each
 * queue, or the domain's defaults for a queue without any. Queues without a routing policy
 * (collections, disputes...) have no rules.
 */
@Injectable()
export class RoutingPolicyReader {
  private readonly logger = new Logger('RoutingPolicy');

  async rulesFor(
    manager: EntityManager,
    queues: readonly string[],
  ): Promise<ApprovalRoutingRule[]> {
    const approvalQueues = queues.filter((queue): queue is ApprovalQueue =>
      (APPROVAL_QUEUES as readonly string[]).includes(queue),
    );
    if (approvalQueues.length === 0) return [];
    const rows = await manager.query<RuleRow[]>(ACTIVE_RULES, [approvalQueues]);
    const stored = rows.flatMap((row) => this.toRule(row));
    return approvalQueues.flatMap((queue) => {
      const rules = stored.filter((rule) => rule.queue === queue);
      return rules.length > 0
        ? rules
        : DEFAULT_APPROVAL_ROUTING.filter((rule) => rule.queue === queue);
    });
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
