import type { Decimal } from '../decimal/decimal';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { isUnitCode, type UnitCode, unitOfMeasure } from './unit.catalogue';

export function parseUnitCode(value: unknown, field = 'uom'): UnitCode {
  if (!isUnitCode(value)) {
    throw new DomainError(
      DomainErrorCode.UOM_UNKNOWN,
      `${field} is not a known unit of measure`,
      field,
    );
  }
  return value;
}

/**
 * Throws unless `quantity` can be expressed in `uom`: a whole number for countable units
 * (UOM.FRACTION_NOT_ALLOWED), at most the unit's decimals otherwise
 * (QUANTITY.TOO_MANY_DECIMALS). Quantities are never rounded to fit.
 */
export function assertQuantityFitsUnit(quantity: Decimal, uom: UnitCode, field: string): void {
  if (!quantity.isFinite()) {
    throw new DomainError(DomainErrorCode.QUANTITY_INVALID, `${field} must be finite`, field);
  }
  const { decimals, name } = unitOfMeasure(uom);
  if (decimals === 0 && !quantity.isInteger()) {
    throw new DomainError(
      DomainErrorCode.UOM_FRACTION_NOT_ALLOWED,
      `${field} must be a whole number of ${uom} (${name})`,
      field,
    );
  }
  if (quantity.decimalPlaces() > decimals) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS,
      `${field} allows at most ${decimals} decimals in ${uom} (${name})`,
      field,
    );
  }
}
