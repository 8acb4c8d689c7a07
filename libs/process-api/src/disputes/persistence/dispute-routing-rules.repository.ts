import { Injectable, Logger } from '@nestjs/common';
import {
  Decimal,
  DEFAULT_DISPUTE_ROUTING,
  DISPUTE_CATEGORIES,
  DISPUTE_SOURCES,
  type DisputeCategory,
  type DisputeRoutingConditions,
  type DisputeRoutingRule,
  type DisputeSource,
} from '@o2c/domain';
import type { EntityManager } from 'typeorm';

interface RuleRow {
  id: string;
  name: string;
  condition: Record<string, unknown>;
  role: string;
  priority: number;
  slaMinutes: number;
  taskPriority: number;
}

const ACTIVE_RULES = `
  SELECT id, name, condition, role, priority, sla_minutes AS "slaMinutes",
         task_priority AS "taskPriority"
    FROM dispute_routing_rules
   WHERE active
   ORDER BY priority, name`;

const DECIMAL = /^\d{1,15}(\.\d{1,4})?$/;

/**
 * Dispute routing as policy data: the active rows of dispute_routing_rules, or the domain's
 * DEFAULT_DISPUTE_ROUTING when there are none. A stored condition the policy cannot read is
 * skipped and logged, never half-applied.
 */
@Injectable()
export class DisputeRoutingRulesRepository {
  private readonly logger = new Logger('DisputeRouting');

  async activeRules(manager: EntityManager): Promise<DisputeRoutingRule[]> {
    const rows = await manager.query<RuleRow[]>(ACTIVE_RULES);
    const rules = rows.flatMap((row) => this.toRule(row));
    return rules.length > 0 ? rules : [...DEFAULT_DISPUTE_ROUTING];
  }

  private toRule(row: RuleRow): DisputeRoutingRule[] {
    const when = conditionsOf(row.condition);
    if (when === undefined) {
      this.logger.warn({ ruleId: row.id }, 'dispute routing rule skipped: unreadable condition');
      return [];
    }
    return [
      {
        id: row.id,
        name: row.name,
        order: row.priority,
        role: row.role,
        slaHours: row.slaMinutes / 60,
        priority: row.taskPriority,
        when,
      },
    ];
  }
}

function conditionsOf(stored: Record<string, unknown>): DisputeRoutingConditions | undefined {
  const { categories, sources, minAmount, maxAmount, ...rest } = stored;
  if (Object.keys(rest).length > 0) return undefined;
  const when: {
    categories?: DisputeCategory[];
    sources?: DisputeSource[];
    minAmount?: Decimal;
    maxAmount?: Decimal;
  } = {};
  if (categories !== undefined) {
    if (!isListOf(categories, DISPUTE_CATEGORIES)) return undefined;
    when.categories = categories;
  }
  if (sources !== undefined) {
    if (!isListOf(sources, DISPUTE_SOURCES)) return undefined;
    when.sources = sources;
  }
  for (const [key, value] of [
    ['minAmount', minAmount],
    ['maxAmount', maxAmount],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined;
    when[key] = new Decimal(value);
  }
  return when;
}

function isListOf<T extends string>(value: unknown, allowed: readonly T[]): value is T[] {
  return Array.isArray(value) && value.every((item) => allowed.includes(item as T));
}
