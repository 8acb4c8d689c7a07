import { Decimal, toDecimal } from '../decimal/decimal';
import { tryParseDecimalString } from '../decimal/decimal-string.parser';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { assertQuantityFitsUnit, parseUnitCode } from './quantity-scale.guard';
import { allowsFractions, type UnitCode } from './unit.catalogue';

/** How many base units one `uom` holds, e.g. `{ uom: 'CS', toBase: '12' }` with base EA. */
export interface UomConversion {
  readonly uom: string;
  readonly toBase: string;
}

/** The unit set-up of one item, as stored on the item master. */
export interface ItemUnits {
  readonly baseUom: string;
  readonly conversions: readonly UomConversion[];
}

/**
 * Converts `quantity` from one unit to another through the item's base unit. Exact or an
 * error, never rounded: 18 EA is not a whole number of CS of 12 (UOM.FRACTION_NOT_ALLOWED),
 * and 1 M is not a 3-decimal number of FT (QUANTITY.TOO_MANY_DECIMALS). The input must itself
 * fit `from`. Signs are preserved, so returned quantities convert too.
 */
export function convertQuantity(
  quantity: Decimal,
  from: string,
  to: string,
  item: ItemUnits,
  field = 'quantity',
): Decimal {
  const fromUnit = parseUnitCode(from, 'from');
  const toUnit = parseUnitCode(to, 'to');
  const fromFactor = factorToBase(fromUnit, item, 'from');
  const toFactor = factorToBase(toUnit, item, 'to');
  const source = toDecimal(quantity);
  assertQuantityFitsUnit(source, fromUnit, field);

  const inBase = source.times(fromFactor);
  const converted = inBase.div(toFactor);
  // A non-terminating quotient is cut at 40 digits; multiplying back exposes it.
  if (!converted.times(toFactor).equals(inBase)) {
    throw new DomainError(
      allowsFractions(toUnit)
        ? DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS
        : DomainErrorCode.UOM_FRACTION_NOT_ALLOWED,
      `${field} in ${from} has no exact equivalent in ${to}`,
      field,
    );
  }
  assertQuantityFitsUnit(converted, toUnit, field);
  return toDecimal(converted);
}

/**
 * Validates a whole item unit set-up, e.g. when the item master is saved: a known base unit,
 * and per conversion a known unit other than the base, listed once, with a positive factor.
 */
export function assertValidItemUnits(item: ItemUnits): void {
  const base = parseUnitCode(item.baseUom, 'baseUom');
  const seen = new Set<string>();
  item.conversions.forEach((conversion, index) => {
    const field = `conversions[${index}]`;
    const uom = parseUnitCode(conversion.uom, `${field}.uom`);
    if (uom === base || seen.has(uom)) {
      throw new DomainError(
        DomainErrorCode.UOM_INVALID_CONVERSION,
        `${uom} is the base unit or is listed twice`,
        `${field}.uom`,
      );
    }
    seen.add(uom);
    parseFactor(conversion, `${field}.toBase`);
  });
}

/** Base units per one `uom` for this item. Only the conversion actually used is checked. */
function factorToBase(uom: UnitCode, item: ItemUnits, field: string): Decimal {
  const base = parseUnitCode(item.baseUom, 'baseUom');
  if (uom === base) return new Decimal(1);
  const matches = item.conversions.filter((conversion) => conversion.uom === uom);
  if (matches.length === 0) {
    throw new DomainError(
      DomainErrorCode.UOM_NOT_CONVERTIBLE,
      `${uom} is not configured for this item (base unit ${base})`,
      field,
    );
  }
  if (matches.length > 1) {
    throw new DomainError(
      DomainErrorCode.UOM_INVALID_CONVERSION,
      `${uom} is configured more than once for this item`,
      field,
    );
  }
  return parseFactor(matches[0], field);
}

function parseFactor(conversion: UomConversion, field: string): Decimal {
  const factor = tryParseDecimalString(conversion.toBase);
  if (factor === undefined || !factor.greaterThan(0)) {
    throw new DomainError(
      DomainErrorCode.UOM_INVALID_CONVERSION,
      `The factor of ${conversion.uom} to the base unit must be a positive decimal string`,
      field,
    );
  }
  return factor;
}
