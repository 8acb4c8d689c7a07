import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import {
  ALLOCATION_REASONS as REASONS,
  type AllocationInput,
  type AllocationPlan,
  type AllocationPlanLine,
  type AllocationRequestLine,
  stockKey,
  type WarehouseAllocation,
  type WarehouseCandidate,
} from './allocation.types';

/**
 * Plans where each order line ships from, without touching the database: the caller reserves
 * the planned quantities afterwards under its own lock. Warehouses serving the ship-to region
 * come first, then the others, each group in the given order; a line may split across them.
 * Lines take stock in lineNumber order and consume it as the plan goes, so two lines of the
 * same item never both count the last units.
 *
 * A line with some stock takes what there is, the rest backordered when allowed, else rejected
 * (status changed). A line with none of its item may move to the first substitute available
 * in full across warehouses (only then: a partial substitute would ship two items for one
 * line); otherwise it is backordered whole when allowed, else rejected.
 * Invariant per line: sum(allocations) + backordered + rejected = quantity.
 */
export function planAllocation(input: AllocationInput): AllocationPlan {
  const lines = checkedLines(input.lines);
  const warehouses = preferenceOrder(checkedWarehouses(input.warehouses), input.shipToRegion);
  const stock = new StockLedger(input.available);
  const ordered = [...lines].sort((a, b) => a.lineNumber - b.lineNumber);
  return { lines: ordered.map((line) => planLine(line, warehouses, stock, input)) };
}

function planLine(
  line: AllocationRequestLine,
  warehouses: readonly WarehouseCandidate[],
  stock: StockLedger,
  options: Pick<AllocationInput, 'allowBackorders' | 'allowSubstitutions'>,
): AllocationPlanLine {
  const { lineNumber, itemId, quantity } = line;
  const zero = new Decimal(0);
  const allocations = stock.take(warehouses, itemId, quantity);
  const allocated = Decimal.sum(zero, ...allocations.map((allocation) => allocation.quantity));
  const rest = quantity.minus(allocated);
  // The part not allocated is backordered when the customer accepts backorders, else rejected.
  const unallocated = options.allowBackorders
    ? { backordered: rest, rejected: zero }
    : { backordered: zero, rejected: rest };

  if (rest.isZero()) {
    return { lineNumber, itemId, status: 'accepted', allocations, ...unallocated, reason: null };
  }
  if (allocated.greaterThan(0)) {
    const status = options.allowBackorders ? 'backordered' : 'changed';
    return { lineNumber, itemId, status, allocations, ...unallocated, reason: REASONS.short };
  }

  const substitute = options.allowSubstitutions
    ? line.substitutes.find(
        (candidate) =>
          candidate !== itemId && stock.total(warehouses, candidate).greaterThanOrEqualTo(quantity),
      )
    : undefined;
  if (substitute !== undefined) {
    return {
      lineNumber,
      itemId: substitute,
      status: 'substituted',
      allocations: stock.take(warehouses, substitute, quantity),
      backordered: zero,
      rejected: zero,
      reason: REASONS.substituted,
    };
  }
  const status = options.allowBackorders ? 'backordered' : 'rejected';
  return { lineNumber, itemId, status, allocations, ...unallocated, reason: REASONS.unavailable };
}

/** Stock still unplanned, by warehouse:item; starts from a copy, the caller's map is untouched. */
class StockLedger {
  private readonly remaining = new Map<string, Decimal>();

  constructor(available: ReadonlyMap<string, Decimal>) {
    for (const [key, quantity] of available) {
      const checked = finiteDecimal(
        quantity,
        `available[${key}]`,
        DomainErrorCode.ALLOCATION_INVALID_INPUT,
      );
      // Oversold stock (reserved beyond on hand) is simply none to give, not a planning error.
      this.remaining.set(key, Decimal.max(0, checked));
    }
  }

  total(warehouses: readonly WarehouseCandidate[], itemId: string): Decimal {
    return Decimal.sum(0, ...warehouses.map((warehouse) => this.left(warehouse.id, itemId)));
  }

  take(
    warehouses: readonly WarehouseCandidate[],
    itemId: string,
    quantity: Decimal,
  ): WarehouseAllocation[] {
    const allocations: WarehouseAllocation[] = [];
    let needed = quantity;
    for (const warehouse of warehouses) {
      if (needed.isZero()) break;
      const taken = Decimal.min(needed, this.left(warehouse.id, itemId));
      if (taken.isZero()) continue;
      this.remaining.set(
        stockKey(warehouse.id, itemId),
        this.left(warehouse.id, itemId).minus(taken),
      );
      allocations.push({ warehouseId: warehouse.id, quantity: taken });
      needed = needed.minus(taken);
    }
    return allocations;
  }

  private left(warehouseId: string, itemId: string): Decimal {
    return this.remaining.get(stockKey(warehouseId, itemId)) ?? new Decimal(0);
  }
}

function preferenceOrder(
  warehouses: readonly WarehouseCandidate[],
  region: string,
): WarehouseCandidate[] {
  const serving = warehouses.filter((warehouse) => warehouse.regionsServed.includes(region));
  const others = warehouses.filter((warehouse) => !warehouse.regionsServed.includes(region));
  return [...serving, ...others];
}

function checkedWarehouses(
  warehouses: readonly WarehouseCandidate[],
): readonly WarehouseCandidate[] {
  const seen = new Set<string>();
  warehouses.forEach((warehouse, index) => {
    if (seen.has(warehouse.id)) {
      throw invalid(`warehouses[${index}].id`, `warehouse ${warehouse.id} is listed twice`);
    }
    seen.add(warehouse.id);
  });
  return warehouses;
}

function checkedLines(lines: readonly AllocationRequestLine[]): AllocationRequestLine[] {
  const seen = new Set<number>();
  return lines.map((line, index) => {
    const path = `lines[${index}]`;
    if (!Number.isSafeInteger(line.lineNumber) || line.lineNumber < 1) {
      throw invalid(`${path}.lineNumber`, `${path}.lineNumber must be a positive whole number`);
    }
    if (seen.has(line.lineNumber)) {
      throw invalid(`${path}.lineNumber`, `line number ${line.lineNumber} appears twice`);
    }
    seen.add(line.lineNumber);
    if (typeof line.itemId !== 'string' || line.itemId === '') {
      throw invalid(`${path}.itemId`, `${path}.itemId must be a non-empty string`);
    }
    const quantity = finiteDecimal(
      line.quantity,
      `${path}.quantity`,
      DomainErrorCode.QUANTITY_INVALID,
    );
    if (!quantity.greaterThan(0)) {
      throw new DomainError(
        DomainErrorCode.QUANTITY_NOT_POSITIVE,
        `${path}.quantity must be above zero`,
        `${path}.quantity`,
      );
    }
    return { ...line, quantity };
  });
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.ALLOCATION_INVALID_INPUT, message, field);
}
