import type { ApprovalRoutingRule as RoutingRuleRecord } from '@o2c/persistence';
import { conditionJson, routingRuleOf } from './routing-rule.mapper';

export interface RoutingRuleView {
  id: string;
  queue: string;
  name: string;
  order: number;
  role: string;
  slaHours: number;
  priority: number;
  when: Record<string, unknown>;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentRoutingRule(record: RoutingRuleRecord): RoutingRuleView {
  const rule = routingRuleOf(record);
  return {
    id: record.id,
    queue: record.queue,
    name: rule.name,
    order: rule.order,
    role: rule.role,
    slaHours: rule.slaHours,
    priority: rule.priority,
    when: conditionJson(rule.when),
    active: record.active,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
