import { Decimal } from '../decimal/decimal';
import { finiteDecimal, nonNegativeDecimal, QUANTITY_INPUT } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** One shipment line against its order line, in the item's base unit. */
export interface ShipmentQuantityInput {
  /** What the line still asks for: ordered less what was rejected. */
  readonly ordered: Decimal;
  /** Shipped by earlier shipments. */
  readonly shippedBefore: Decimal;
  /** Reserved for the line in the shipping warehouse and not yet shipped. */
  readonly allocatedInWarehouse: Decimal;
  /** This shipment's quantity. */
  readonly quantity: Decimal;
  /** The policy's over-shipment tolerance, a percent of `ordered` (0..100). */
  readonly tolerancePercent: Decimal;
}

export type ShipmentQuantityVerdict =
  | {
      readonly accepted: true;
      /** Drawn from the line's allocation in the warehouse. */
      readonly fromAllocation: Decimal;
      /** Shipped on top of it, from the warehouse's free stock (within tolerance). */
      readonly beyondAllocation: Decimal;
    }
  | {
      readonly accepted: false;
      /** The most this shipment may carry for the line. */
      readonly allowed: Decimal;
      readonly allowance: Decimal;
    };

/**
 * Whether a warehouse may ship `quantity` of an order line. It ships what was allocated to
 * the line there; beyond that, at most the tolerance (ordered x percent / 100), and never more
 * than ordered + tolerance over all shipments of the line. Tolerance 0 means nothing beyond the
 * allocation: backordered quantity ships only after stock was allocated to it.
 */
export function checkShipmentQuantity(input: ShipmentQuantityInput): ShipmentQuantityVerdict {
  const ordered = nonNegativeDecimal(input.ordered, 'ordered', QUANTITY_INPUT);
  const shippedBefore = nonNegativeDecimal(input.shippedBefore, 'shippedBefore', QUANTITY_INPUT);
  const allocated = nonNegativeDecimal(
    input.allocatedInWarehouse,
    'allocatedInWarehouse',
    QUANTITY_INPUT,
  );
  const quantity = finiteDecimal(input.quantity, 'quantity', DomainErrorCode.QUANTITY_INVALID);
  if (!quantity.greaterThan(0)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_NOT_POSITIVE,
      'quantity must be above zero',
      'quantity',
    );
  }
  const allowance = ordered.times(checkedTolerance(input.tolerancePercent)).dividedBy(100);
  const allowed = Decimal.max(
    0,
    Decimal.min(allocated.plus(allowance), ordered.plus(allowance).minus(shippedBefore)),
  );
  if (quantity.greaterThan(allowed)) return { accepted: false, allowed, allowance };
  const fromAllocation = Decimal.min(quantity, allocated);
  return { accepted: true, fromAllocation, beyondAllocation: quantity.minus(fromAllocation) };
}

function checkedTolerance(percent: Decimal): Decimal {
  const checked = finiteDecimal(
    percent,
    'tolerancePercent',
    DomainErrorCode.SHIPMENT_INVALID_INPUT,
  );
  if (checked.isNegative() || checked.greaterThan(100)) {
    throw new DomainError(
      DomainErrorCode.SHIPMENT_INVALID_INPUT,
      'tolerancePercent must be between 0 and 100',
      'tolerancePercent',
    );
  }
  return checked;
}
