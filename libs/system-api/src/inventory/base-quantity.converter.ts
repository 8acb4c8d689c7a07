import {
  convertQuantity,
  Decimal,
  DomainError,
  DomainErrorCode,
  isDomainError,
  type ItemUnits,
  parseDecimalString,
  parseQuantity,
  parseUnitCode,
} from '@o2c/domain';
import { ProblemException } from '@o2c/http';

const QUANTITY_FIELD = '/body/quantity';
const UOM_FIELD = '/body/uom';
/** numeric(19,4) holds 15 integer digits; a larger result would overflow the column. */
const BALANCE_CAPACITY = new Decimal('1e15');

/** A received quantity (> 0, fitting its unit) in the item's base unit, converted exactly. */
export function receivedQuantityInBase(
  quantity: string,
  uom: string | undefined,
  item: ItemUnits,
): Decimal {
  const unit = uom ?? item.baseUom;
  return toBase(parseQuantity(quantity, unit, QUANTITY_FIELD, UOM_FIELD), unit, item);
}

/** A signed, non-zero adjustment in the item's base unit, converted exactly. */
export function adjustedQuantityInBase(
  quantity: string,
  uom: string | undefined,
  item: ItemUnits,
): Decimal {
  const unit = parseUnitCode(uom ?? item.baseUom, UOM_FIELD);
  const delta = parseDecimalString(quantity, QUANTITY_FIELD, DomainErrorCode.QUANTITY_INVALID);
  if (delta.isZero()) {
    throw ProblemException.invalid(QUANTITY_FIELD, 'not-zero', 'an adjustment must not be zero');
  }
  return toBase(delta, unit, item);
}

function toBase(quantity: Decimal, unit: string, item: ItemUnits): Decimal {
  let converted: Decimal;
  try {
    converted = convertQuantity(quantity, unit, item.baseUom, item, QUANTITY_FIELD);
  } catch (error) {
    // The domain names the source unit 'from'; for the caller that is the uom field.
    if (isDomainError(error) && error.field === 'from') {
      throw new DomainError(error.code, error.message, UOM_FIELD);
    }
    throw error;
  }
  if (converted.abs().greaterThanOrEqualTo(BALANCE_CAPACITY)) {
    throw ProblemException.invalid(
      QUANTITY_FIELD,
      'maximum',
      `${quantity.toString()} ${unit} is ${converted.toString()} ${item.baseUom}, more than a balance can hold`,
    );
  }
  return converted;
}
