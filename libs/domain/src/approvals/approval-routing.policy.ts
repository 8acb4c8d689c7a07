import type { Decimal } from '../decimal/decimal';
import type {
  ApprovalRoutingConditions,
  ApprovalRoutingContext,
  ApprovalRoutingRule,
} from './approval-routing.types';

/**
 * The rule that decides who reviews a held order: among the rules of the context's queue,
 * sorted by `order` (ties keep the given order), the first whose every present condition
 * holds. A percent condition never matches a context without an overrun percent. Undefined
 * when no rule matches; the caller decides the fallback (the default rules end each queue with
 * a catch-all, so this only happens with custom rules).
 */
export function routeApproval(
  rules: readonly ApprovalRoutingRule[],
  context: ApprovalRoutingContext,
): ApprovalRoutingRule | undefined {
  return rules
    .filter((rule) => rule.queue === context.queue)
    .sort((a, b) => a.order - b.order)
    .find((rule) => matches(rule.when, context));
}

function matches(when: ApprovalRoutingConditions, context: ApprovalRoutingContext): boolean {
  return (
    inBand(context.overrunPercent, when.minOverrunPercent, when.maxOverrunPercent) &&
    inBand(context.orderTotal, when.minOrderTotal, when.maxOrderTotal) &&
    (when.reasons === undefined || context.reasons.some((reason) => when.reasons?.includes(reason)))
  );
}

/** min <= value < max, for the bounds present; with no bounds anything, even no value, is in. */
function inBand(value: Decimal | undefined, min?: Decimal, max?: Decimal): boolean {
  if (min === undefined && max === undefined) return true;
  if (value === undefined) return false;
  return (
    (min === undefined || value.greaterThanOrEqualTo(min)) &&
    (max === undefined || value.lessThan(max))
  );
}
