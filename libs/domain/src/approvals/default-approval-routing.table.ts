import { Decimal } from '../decimal/decimal';
import type { ApprovalQueue, ApprovalRoutingRule } from './approval-routing.types';

const LIMIT_EXCEEDED = 'CREDIT.LIMIT_EXCEEDED';
const OVERDUE = 'CREDIT.OVERDUE_RECEIVABLES';

const RULES: readonly ApprovalRoutingRule[] = [
  {
    id: 'credit-large-order',
    queue: 'credit-review',
    name: 'Orders of 250,000 or more',
    order: 10,
    role: 'finance-director',
    slaHours: 24,
    priority: 1,
    when: { minOrderTotal: new Decimal(250_000) },
  },
  {
    id: 'credit-overrun-below-10',
    queue: 'credit-review',
    name: 'Credit limit overrun below 10 %',
    order: 20,
    role: 'credit-analyst',
    slaHours: 4,
    priority: 3,
    when: { reasons: [LIMIT_EXCEEDED], maxOverrunPercent: new Decimal(10) },
  },
  {
    id: 'credit-overrun-10-or-more',
    queue: 'credit-review',
    name: 'Credit limit overrun of 10 % or more',
    order: 30,
    role: 'credit-manager',
    slaHours: 8,
    priority: 2,
    when: { reasons: [LIMIT_EXCEEDED], minOverrunPercent: new Decimal(10) },
  },
  {
    id: 'credit-overdue',
    queue: 'credit-review',
    name: 'Overdue receivables',
    order: 40,
    role: 'credit-analyst',
    slaHours: 4,
    priority: 3,
    when: { reasons: [OVERDUE] },
  },
  {
    id: 'credit-other',
    queue: 'credit-review',
    name: 'Other credit holds',
    order: 100,
    role: 'credit-manager',
    slaHours: 8,
    priority: 3,
    when: {},
  },
  {
    id: 'pricing-review',
    queue: 'pricing-review',
    name: 'Prices outside tolerance',
    order: 10,
    role: 'pricing-analyst',
    slaHours: 4,
    priority: 3,
    when: {},
  },
  {
    id: 'inventory-review',
    queue: 'inventory-review',
    name: 'Inventory shortfalls',
    order: 10,
    role: 'inventory-planner',
    slaHours: 8,
    priority: 3,
    when: {},
  },
];

/**
 * The routing a new installation starts with (seeded into approval_routing_rules and then
 * changed through the API). Large orders go to the finance director whatever the reason; a
 * small overrun is routine analyst work, a large one needs the manager; an order held only for
 * overdue invoices is a collections question for the analyst. The catch-all (e.g. an account
 * the credit team put on hold) goes to the manager who owns that decision. Roles are those of
 * openapi/governance.yaml.
 */
export const DEFAULT_APPROVAL_ROUTING: readonly ApprovalRoutingRule[] = Object.freeze(
  RULES.map(frozenRule),
);

function frozenRule(rule: ApprovalRoutingRule): ApprovalRoutingRule {
  const reasons = rule.when.reasons && Object.freeze([...rule.when.reasons]);
  return Object.freeze({
    ...rule,
    when: Object.freeze({ ...rule.when, ...(reasons ? { reasons } : {}) }),
  });
}

/** The SLA a stored rule without one takes: that of its queue's catch-all default rule (the
 *  last of the queue's defaults). */
export function defaultSlaHours(queue: ApprovalQueue): number {
  return DEFAULT_APPROVAL_ROUTING.filter((rule) => rule.queue === queue).at(-1)?.slaHours ?? 8;
}
