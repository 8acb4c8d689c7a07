import { Decimal } from '../decimal/decimal';
import type { DisputeCategory } from '../cash-application/cash-application.types';

/** Where a dispute came from: a short payment, the customer (portal, partner API), or staff. */
export const DISPUTE_SOURCES = ['deduction', 'customer', 'internal'] as const;
export type DisputeSource = (typeof DISPUTE_SOURCES)[number];

/** When a rule applies; every present condition must hold, {} matches every dispute.
 *  minAmount is inclusive and maxAmount exclusive, so adjacent bands meet without a gap. */
export interface DisputeRoutingConditions {
  readonly categories?: readonly DisputeCategory[];
  readonly sources?: readonly DisputeSource[];
  readonly minAmount?: Decimal;
  readonly maxAmount?: Decimal;
}

/** Policy data (stored, changed through the API): who works which disputes, how fast. */
export interface DisputeRoutingRule {
  readonly id: string;
  readonly name: string;
  /** Evaluation order, lowest first; the first matching rule wins. */
  readonly order: number;
  readonly role: string;
  /** Calendar hours from opening until the dispute's task is overdue. */
  readonly slaHours: number;
  /** Task priority, 1 (most urgent) to 5. */
  readonly priority: number;
  readonly when: DisputeRoutingConditions;
}

export interface DisputeRoutingContext {
  readonly category: DisputeCategory;
  readonly source: DisputeSource;
  /** The disputed amount, in the currency the rules' amounts are written in. */
  readonly amount: Decimal;
}

/**
 * The rule that routes a new dispute: the first by `order` (ties keep the given order) whose
 * every present condition holds. Falls back to the default catch-all, so a dispute is never
 * left without a queue, a role and a due time even when custom rules leave a gap.
 */
export function routeDispute(
  rules: readonly DisputeRoutingRule[],
  context: DisputeRoutingContext,
): DisputeRoutingRule {
  const match = [...rules]
    .sort((a, b) => a.order - b.order)
    .find((rule) => disputeRuleMatches(rule.when, context));
  return match ?? DEFAULT_DISPUTE_CATCH_ALL;
}

export function disputeRuleMatches(
  when: DisputeRoutingConditions,
  context: DisputeRoutingContext,
): boolean {
  return (
    (when.categories === undefined || when.categories.includes(context.category)) &&
    (when.sources === undefined || when.sources.includes(context.source)) &&
    (when.minAmount === undefined || context.amount.greaterThanOrEqualTo(when.minAmount)) &&
    (when.maxAmount === undefined || context.amount.lessThan(when.maxAmount))
  );
}

const DEFAULT_DISPUTE_CATCH_ALL: DisputeRoutingRule = Object.freeze({
  id: 'dispute-other',
  name: 'Other disputes and deductions',
  order: 100,
  role: 'deductions-analyst',
  slaHours: 120,
  priority: 3,
  when: Object.freeze({}),
});

/**
 * The routing a new installation starts with (seeded into dispute_routing_rules, then changed
 * through the API). Large amounts need the credit manager within two days; shortages and
 * damage need proof of delivery while the carrier's claim window is open, so they are due in
 * three; pricing and promotion deductions are checked against agreements and trade-promotion
 * records within five, like everything else. Roles are those of openapi/governance.yaml.
 */
export const DEFAULT_DISPUTE_ROUTING: readonly DisputeRoutingRule[] = Object.freeze([
  Object.freeze({
    id: 'dispute-large',
    name: 'Disputes of 10,000 or more',
    order: 10,
    role: 'credit-manager',
    slaHours: 48,
    priority: 1,
    when: Object.freeze({ minAmount: new Decimal(10_000) }),
  }),
  Object.freeze({
    id: 'dispute-logistics',
    name: 'Shortage and damage claims',
    order: 20,
    role: 'deductions-analyst',
    slaHours: 72,
    priority: 2,
    when: Object.freeze({ categories: Object.freeze(['shortage', 'damage'] as const) }),
  }),
  DEFAULT_DISPUTE_CATCH_ALL,
]);
