import { Decimal } from '../decimal/decimal';
import { planAllocation } from './allocation.planner';
import type {
  AllocationInput,
  AllocationPlanLine,
  AllocationRequestLine,
  WarehouseCandidate,
} from './allocation.types';

/**
 * Spec support for the allocation specs (not exported): three warehouses, builders for lines
 * and stock, and a readable view of a planned line.
 */
export const WAREHOUSES: readonly WarehouseCandidate[] = [
  { id: 'CHI', regionsServed: ['US-MW'] },
  { id: 'ATL', regionsServed: ['US-SE', 'US-MW'] },
  { id: 'DAL', regionsServed: ['US-SW'] },
];

export function line(
  lineNumber: number,
  itemId: string,
  quantity: string,
  substitutes: string[] = [],
): AllocationRequestLine {
  return { lineNumber, itemId, quantity: new Decimal(quantity), substitutes };
}

export function stock(entries: Record<string, string>): Map<string, Decimal> {
  return new Map(Object.entries(entries).map(([key, value]) => [key, new Decimal(value)]));
}

/** Plans for a US-SW ship-to over WAREHOUSES, backorders and substitutions allowed. */
export function plan(
  overrides: Partial<AllocationInput> & Pick<AllocationInput, 'lines' | 'available'>,
) {
  return planAllocation({
    shipToRegion: 'US-SW',
    warehouses: WAREHOUSES,
    allowBackorders: true,
    allowSubstitutions: true,
    ...overrides,
  }).lines.map(view);
}

export function view(planned: AllocationPlanLine) {
  return {
    line: planned.lineNumber,
    item: planned.itemId,
    status: planned.status,
    from: planned.allocations.map((a) => `${a.warehouseId}=${a.quantity.toString()}`),
    backordered: planned.backordered.toString(),
    rejected: planned.rejected.toString(),
    reason: planned.reason,
  };
}
