import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** A live allocation of the order line in the shipping warehouse, in base units. */
export interface AllocationToDraw {
  readonly id: string;
  readonly quantity: Decimal;
}

/** One piece of what shipped for the line: a lot, a serial number or a package's share. */
export interface ShippedPiece {
  readonly quantity: Decimal;
}

/** A piece, or a part of one, and the allocation it drew on (null: beyond the allocation). */
export interface DrawnPart {
  readonly piece: number;
  readonly allocationId: string | null;
  readonly quantity: Decimal;
}

export interface AllocationDrawdown {
  /** In piece order; a piece spanning two allocations is split in two parts. */
  readonly parts: readonly DrawnPart[];
  /** What each allocation gave, by id, for allocations that gave anything. */
  readonly consumed: ReadonlyMap<string, Decimal>;
  /** Shipped beyond every allocation (from free stock, within the over-shipment tolerance). */
  readonly beyond: Decimal;
}

/**
 * Draws a line's shipped pieces from its allocations in the given order (oldest first, so the
 * stock reserved longest is the stock that ships). Each allocation is consumed fully before the
 * next; what no allocation covers is `beyond`. Pure: the caller applies it.
 */
export function planAllocationDrawdown(
  allocations: readonly AllocationToDraw[],
  pieces: readonly ShippedPiece[],
): AllocationDrawdown {
  const remaining = allocations.map((allocation, index) => ({
    id: allocation.id,
    left: positive(allocation.quantity, `allocations[${index}].quantity`),
  }));
  const parts: DrawnPart[] = [];
  const consumed = new Map<string, Decimal>();
  let beyond = new Decimal(0);
  pieces.forEach((piece, index) => {
    let needed = positive(piece.quantity, `pieces[${index}].quantity`);
    for (const allocation of remaining) {
      if (needed.isZero()) break;
      const taken = Decimal.min(needed, allocation.left);
      if (taken.isZero()) continue;
      allocation.left = allocation.left.minus(taken);
      consumed.set(allocation.id, (consumed.get(allocation.id) ?? new Decimal(0)).plus(taken));
      parts.push({ piece: index, allocationId: allocation.id, quantity: taken });
      needed = needed.minus(taken);
    }
    if (needed.greaterThan(0)) {
      parts.push({ piece: index, allocationId: null, quantity: needed });
      beyond = beyond.plus(needed);
    }
  });
  return { parts, consumed, beyond };
}

function positive(value: Decimal, field: string): Decimal {
  const checked = finiteDecimal(value, field, DomainErrorCode.QUANTITY_INVALID);
  if (!checked.greaterThan(0)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_NOT_POSITIVE,
      `${field} must be above zero`,
      field,
    );
  }
  return checked;
}
