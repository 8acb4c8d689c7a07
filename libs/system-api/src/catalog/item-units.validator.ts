import {
  allowsFractions,
  DomainError,
  DomainErrorCode,
  parseDecimalString,
  parseUnitCode,
  type UnitCode,
  unitOfMeasure,
} from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { ConversionBody } from './item.contract';

export interface ValidConversion {
  uom: UnitCode;
  /** Base units per one `uom`, a plain decimal string. */
  toBase: string;
}

/**
 * Checks an item's unit set-up: each conversion a known unit other than the base, listed once,
 * with a factor above zero. Where either unit is countable, one unit must be an exact quantity
 * of the base unit (1 CS = 12 EA, not 12.5 EA), or stock counted in the base unit could not
 * represent it; two measured units (LB -> KG) may convert approximately.
 */
export function validConversions(
  baseUom: UnitCode,
  conversions: ConversionBody[],
): ValidConversion[] {
  const seen = new Set<UnitCode>();
  return conversions.map((conversion, index) => {
    const path = `/body/conversions/${index}`;
    const uom = parseUnitCode(conversion.uom, `${path}/uom`);
    if (uom === baseUom) {
      throw ProblemException.invalid(
        `${path}/uom`,
        'not-base-unit',
        `${uom} is the base unit and needs no conversion`,
      );
    }
    if (seen.has(uom)) {
      throw ProblemException.invalid(`${path}/uom`, 'unique', `${uom} is listed twice`);
    }
    seen.add(uom);
    const factorPath = `${path}/toBase`;
    const factor = parseDecimalString(
      conversion.toBase,
      factorPath,
      DomainErrorCode.UOM_INVALID_CONVERSION,
    );
    if (!factor.greaterThan(0)) {
      throw new DomainError(
        DomainErrorCode.UOM_INVALID_CONVERSION,
        `${factorPath} must be greater than zero`,
        factorPath,
      );
    }
    const base = unitOfMeasure(baseUom);
    const countable = !allowsFractions(baseUom) || !allowsFractions(uom);
    if (countable && factor.decimalPlaces() > base.decimals) {
      throw new DomainError(
        DomainErrorCode.UOM_INVALID_CONVERSION,
        `one ${uom} must be an exact quantity of ${baseUom} (${base.name}, ` +
          `${base.decimals} decimals); ${conversion.toBase} is not`,
        factorPath,
      );
    }
    return { uom, toBase: factor.toFixed() };
  });
}
