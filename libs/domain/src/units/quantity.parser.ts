import type { Decimal } from '../decimal/decimal';
import { tryParseDecimalString } from '../decimal/decimal-string.parser';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { assertQuantityFitsUnit, parseUnitCode } from './quantity-scale.guard';

/**
 * Parses an ordered quantity such as "12" EA or "2.5" KG: a decimal string, greater than zero,
 * with no more precision than the unit allows. The unit is checked first, so an unknown unit
 * is reported as such rather than as a bad quantity.
 */
export function parseQuantity(
  text: unknown,
  uom: unknown,
  field = 'quantity',
  uomField = 'uom',
): Decimal {
  const unit = parseUnitCode(uom, uomField);
  const quantity = tryParseDecimalString(text);
  if (quantity === undefined) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_INVALID,
      `${field} must be a decimal string such as "12" or "2.5"`,
      field,
    );
  }
  if (!quantity.greaterThan(0)) {
    throw new DomainError(
      DomainErrorCode.QUANTITY_NOT_POSITIVE,
      `${field} must be greater than zero`,
      field,
    );
  }
  assertQuantityFitsUnit(quantity, unit, field);
  return quantity;
}
