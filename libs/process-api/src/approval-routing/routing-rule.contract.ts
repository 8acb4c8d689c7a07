import type { ApprovalQueue } from '@o2c/domain';

/** Request shapes of openapi/process/work-queues.v1.yaml (validated by the gateway before use). */
export interface RoutingConditionBody {
  minOverrunPercent?: string;
  maxOverrunPercent?: string;
  minOrderTotal?: string;
  maxOrderTotal?: string;
  reasons?: string[];
}

export interface RoutingRuleFieldsBody {
  name?: string;
  order?: number;
  role?: string;
  slaHours?: number;
  priority?: number;
  when?: RoutingConditionBody;
  active?: boolean;
}

export interface CreateRoutingRuleBody extends RoutingRuleFieldsBody {
  queue: ApprovalQueue;
  name: string;
  order: number;
  role: string;
  slaHours: number;
  priority: number;
  when: RoutingConditionBody;
}

export type UpdateRoutingRuleBody = RoutingRuleFieldsBody;

export interface ListRoutingRulesQuery {
  limit: number;
  cursor?: string;
  queue?: ApprovalQueue;
  active?: boolean;
}
