import { Decimal } from '../decimal/decimal';
import { nonNegativeDecimal, QUANTITY_INPUT } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** An order line's counters, in the item's base unit. */
export interface LineQuantities {
  readonly ordered: Decimal;
  readonly allocated: Decimal;
  readonly backordered: Decimal;
  readonly rejected: Decimal;
  readonly shipped: Decimal;
}

export type FulfilledLineStatus = 'accepted' | 'backordered' | 'partially_shipped' | 'shipped';

export interface LineFulfilment {
  readonly quantities: LineQuantities;
  readonly status: FulfilledLineStatus;
}

/** What one shipment did to a line. */
export interface ShipmentOnLine {
  /** Shipped now. */
  readonly shipped: Decimal;
  /** Of which drawn from the line's allocations (the rest came from free stock). */
  readonly fromAllocation: Decimal;
  /** Allocation handed back unshipped (the warehouse short-shipped and closed its part). */
  readonly released: Decimal;
  /** Where quantity no allocation covers any more goes: back to backorder, or rejected when
   *  the customer takes no backorders. */
  readonly remainder: 'backorder' | 'reject';
}

/**
 * A line after a shipment. Shipped goes up; allocated goes down by what the shipment drew and
 * what was handed back; the quantity nothing covers any more is backordered (re-allocated when
 * stock arrives) or, for a customer who takes no backorders, rejected. Shipping beyond the
 * allocation (within tolerance) eats into the backorder first. The line is shipped once it
 * shipped everything not rejected, else partially shipped.
 */
export function lineAfterShipment(line: LineQuantities, shipment: ShipmentOnLine): LineFulfilment {
  const current = checkedLine(line);
  const shippedNow = amount(shipment.shipped, 'shipment.shipped');
  const drawn = amount(shipment.fromAllocation, 'shipment.fromAllocation');
  const released = amount(shipment.released, 'shipment.released');
  if (!shippedNow.greaterThan(0)) invalid('shipment.shipped', 'shipped must be above zero');
  if (drawn.greaterThan(shippedNow)) {
    invalid('shipment.fromAllocation', 'cannot draw more from allocations than shipped');
  }
  if (drawn.plus(released).greaterThan(current.allocated)) {
    invalid('shipment.released', 'cannot draw and release more than the line has allocated');
  }
  const shipped = current.shipped.plus(shippedNow);
  const allocated = current.allocated.minus(drawn).minus(released);
  const open = Decimal.max(
    0,
    current.ordered.minus(current.rejected).minus(shipped).minus(allocated),
  );
  const rejecting = shipment.remainder === 'reject';
  const rejected = rejecting ? current.rejected.plus(open) : current.rejected;
  const quantities = {
    ordered: current.ordered,
    allocated,
    backordered: rejecting ? new Decimal(0) : open,
    rejected,
    shipped,
  };
  return { quantities, status: shippedStatus(quantities) };
}

/**
 * A line after received stock was allocated to its backorder: allocated up, backordered down.
 * A line that already shipped part stays partially shipped; otherwise it is accepted once
 * nothing waits any more, else still backordered.
 */
export function lineAfterBackorderAllocation(
  line: LineQuantities,
  allocatedNow: Decimal,
): LineFulfilment {
  const current = checkedLine(line);
  const quantity = amount(allocatedNow, 'allocatedNow');
  if (!quantity.greaterThan(0)) invalid('allocatedNow', 'allocatedNow must be above zero');
  if (quantity.greaterThan(current.backordered)) {
    invalid('allocatedNow', 'cannot allocate more than the line has backordered');
  }
  const quantities = {
    ...current,
    allocated: current.allocated.plus(quantity),
    backordered: current.backordered.minus(quantity),
  };
  const status: FulfilledLineStatus = quantities.shipped.greaterThan(0)
    ? 'partially_shipped'
    : quantities.backordered.greaterThan(0)
      ? 'backordered'
      : 'accepted';
  return { quantities, status };
}

/** Everything not rejected has shipped (over-shipment included). */
export function isLineShippedInFull(line: LineQuantities): boolean {
  const current = checkedLine(line);
  return current.shipped.greaterThanOrEqualTo(current.ordered.minus(current.rejected));
}

function shippedStatus(line: LineQuantities): FulfilledLineStatus {
  return isLineShippedInFull(line) ? 'shipped' : 'partially_shipped';
}

function checkedLine(line: LineQuantities): LineQuantities {
  const checked = {
    ordered: amount(line.ordered, 'line.ordered'),
    allocated: amount(line.allocated, 'line.allocated'),
    backordered: amount(line.backordered, 'line.backordered'),
    rejected: amount(line.rejected, 'line.rejected'),
    shipped: amount(line.shipped, 'line.shipped'),
  };
  if (checked.rejected.greaterThan(checked.ordered)) {
    invalid('line.rejected', 'a line cannot reject more than was ordered');
  }
  return checked;
}

function amount(value: Decimal, field: string): Decimal {
  return nonNegativeDecimal(value, field, QUANTITY_INPUT);
}

function invalid(field: string, message: string): never {
  throw new DomainError(DomainErrorCode.SHIPMENT_INVALID_INPUT, message, field);
}
