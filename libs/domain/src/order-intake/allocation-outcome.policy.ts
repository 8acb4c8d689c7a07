import { Decimal } from '../decimal/decimal';
import type { AllocationPlan } from '../allocation/allocation.types';
import { type ShortagePolicy, shortagesStand } from './shortage.policy';

/** Quantity of a line the plan can neither allocate, backorder nor substitute. */
export interface LineShortage {
  readonly lineNumber: number;
  readonly itemId: string;
  readonly ordered: Decimal;
  readonly allocatable: Decimal;
  readonly short: Decimal;
}

export type AllocationOutcome =
  /** Stop before reserving anything: a person decides about the shortages. */
  | { readonly kind: 'hold'; readonly shortages: readonly LineShortage[] }
  /** Reserve the plan; then release to the warehouses. `cancelled`: shortages that stand. */
  | { readonly kind: 'release'; readonly cancelled: readonly LineShortage[] }
  /** Reserve nothing: every line waits as a backorder. */
  | { readonly kind: 'wait' }
  /** Nothing can be supplied and nothing waits: the order cannot be fulfilled. */
  | { readonly kind: 'unfulfillable' };

/** The customer's shortage policy, and whether an inventory review accepted the shortages. */
export interface ShortageHandling {
  readonly policy: ShortagePolicy;
  readonly reviewAccepted: boolean;
}

/**
 * What an order does with its allocation plan. Quantity the plan rejects (short, and the
 * customer allows neither backorders nor a substitute covers it) stands at once when the
 * customer cancels short remainders, or once an inventory review accepted it; otherwise the
 * order goes to inventory review before any stock is reserved. An order with something
 * allocated is released (with the rejected quantities it cancelled); with nothing allocated it
 * waits for stock, or, when nothing waits either, cannot be fulfilled.
 */
export function allocationOutcome(
  plan: AllocationPlan,
  orderedQuantities: ReadonlyMap<number, Decimal>,
  handling: ShortageHandling,
): AllocationOutcome {
  const shortages = plan.lines
    .filter((line) => line.rejected.greaterThan(0))
    .map((line) => {
      const ordered = orderedQuantities.get(line.lineNumber) ?? line.rejected;
      return {
        lineNumber: line.lineNumber,
        itemId: line.itemId,
        ordered,
        allocatable: ordered.minus(line.rejected),
        short: line.rejected,
      };
    });
  if (shortages.length > 0 && !shortagesStand(handling.policy, handling.reviewAccepted)) {
    return { kind: 'hold', shortages };
  }
  const allocated = plan.lines.some((line) => line.allocations.length > 0);
  if (allocated) return { kind: 'release', cancelled: shortages };
  const waiting = plan.lines.some((line) => line.backordered.greaterThan(0));
  return waiting ? { kind: 'wait' } : { kind: 'unfulfillable' };
}

/** Sum of a plan line's warehouse allocations. */
export function allocatedQuantity(line: AllocationPlan['lines'][number]): Decimal {
  return Decimal.sum(0, ...line.allocations.map((allocation) => allocation.quantity));
}
