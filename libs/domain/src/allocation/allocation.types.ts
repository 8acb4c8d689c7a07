import type { Decimal } from '../decimal/decimal';

export interface AllocationRequestLine {
  /** Positive and unique in the order; lines compete for stock in this order. */
  readonly lineNumber: number;
  readonly itemId: string;
  /** In the item's base unit; substitutes are assumed to share it. */
  readonly quantity: Decimal;
  /** Item ids that may replace this item, most preferred first. */
  readonly substitutes: readonly string[];
}

export interface WarehouseCandidate {
  readonly id: string;
  readonly regionsServed: readonly string[];
}

export interface AllocationInput {
  readonly lines: readonly AllocationRequestLine[];
  readonly shipToRegion: string;
  /** Candidate warehouses, in the order to try them within each preference group. */
  readonly warehouses: readonly WarehouseCandidate[];
  /** Available (unreserved) base quantity by `${warehouseId}:${itemId}`; absent means none. */
  readonly available: ReadonlyMap<string, Decimal>;
  readonly allowBackorders: boolean;
  readonly allowSubstitutions: boolean;
}

export const ALLOCATION_LINE_STATUSES = [
  'accepted',
  'changed',
  'backordered',
  'substituted',
  'rejected',
] as const;
/**
 * accepted: all allocated; changed: accepted with a smaller quantity, the rest rejected;
 * backordered: the unallocated rest waits for stock; substituted: all allocated as a
 * substitute item; rejected: nothing allocated and nothing backordered.
 */
export type AllocationLineStatus = (typeof ALLOCATION_LINE_STATUSES)[number];

/** Why a line is not simply accepted; null on accepted lines. */
export const ALLOCATION_REASONS = {
  /** Some, not all, of the quantity was available. */
  short: 'INVENTORY.SHORT',
  /** None of the item was available, and no substitute covered the whole quantity. */
  unavailable: 'INVENTORY.UNAVAILABLE',
  /** None of the item was available; a substitute covers the whole quantity. */
  substituted: 'INVENTORY.SUBSTITUTED',
} as const;
export type AllocationReason = (typeof ALLOCATION_REASONS)[keyof typeof ALLOCATION_REASONS];

export interface WarehouseAllocation {
  warehouseId: string;
  quantity: Decimal;
}

export interface AllocationPlanLine {
  lineNumber: number;
  /** The item allocated: the substitute when substituted, else the ordered item. */
  itemId: string;
  status: AllocationLineStatus;
  /** Positive quantities, in warehouse preference order; empty when nothing is allocated. */
  allocations: WarehouseAllocation[];
  backordered: Decimal;
  rejected: Decimal;
  /** One of ALLOCATION_REASONS, or null when accepted. */
  reason: string | null;
}

export interface AllocationPlan {
  /** One per request line, in lineNumber order. */
  lines: AllocationPlanLine[];
}

/** The key of the `available` map. */
export function stockKey(warehouseId: string, itemId: string): string {
  return `${warehouseId}:${itemId}`;
}
