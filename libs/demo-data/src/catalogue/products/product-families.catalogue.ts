import { BEARING_FAMILIES } from './bearings.families';
import { CONSUMABLE_FAMILIES } from './consumables.families';
import { CUTTING_TOOL_FAMILIES } from './cutting-tools.families';
import { ELECTRICAL_CONTROL_FAMILIES } from './electrical-controls.families';
import { ELECTRICAL_FAMILIES } from './electrical.families';
import { FASTENER_FAMILIES } from './fasteners.families';
import { HYDRAULIC_FAMILIES } from './hydraulics.families';
import { PNEUMATIC_FAMILIES } from './pneumatics.families';
import { POWER_TRANSMISSION_FAMILIES } from './power-transmission.families';
import { familySize, type ProductFamily } from './product-family.model';
import { SAFETY_FAMILIES } from './safety.families';
import { SHOP_SUPPLY_FAMILIES } from './shop-supplies.families';
import { SEALING_PIPING_FAMILIES } from './sealing-piping.families';

export const PRODUCT_FAMILIES: readonly ProductFamily[] = [
  ...BEARING_FAMILIES,
  ...FASTENER_FAMILIES,
  ...POWER_TRANSMISSION_FAMILIES,
  ...HYDRAULIC_FAMILIES,
  ...PNEUMATIC_FAMILIES,
  ...ELECTRICAL_FAMILIES,
  ...SAFETY_FAMILIES,
  ...CONSUMABLE_FAMILIES,
  ...CUTTING_TOOL_FAMILIES,
  ...SEALING_PIPING_FAMILIES,
  ...ELECTRICAL_CONTROL_FAMILIES,
  ...SHOP_SUPPLY_FAMILIES,
];

/** One SKU combination: which family, and which option of each of its dimensions. */
export interface CatalogueEntry {
  readonly family: ProductFamily;
  readonly options: readonly number[];
}

/**
 * All families laid end to end as one index space of `size` combinations, so a single
 * permutation of [0, size) visits every SKU once, each family in proportion to its range.
 */
export class ProductCatalogue {
  readonly size: number;
  private readonly starts: readonly number[];

  constructor(readonly families: readonly ProductFamily[] = PRODUCT_FAMILIES) {
    const starts: number[] = [];
    let size = 0;
    for (const family of families) {
      starts.push(size);
      size += familySize(family);
    }
    this.starts = starts;
    this.size = size;
  }

  entry(index: number): CatalogueEntry {
    const familyIndex = this.familyAt(index);
    const family = this.families[familyIndex];
    let rest = index - this.starts[familyIndex];
    const options = new Array<number>(family.dimensions.length);
    for (let d = family.dimensions.length - 1; d >= 0; d -= 1) {
      const count = family.dimensions[d].length;
      options[d] = rest % count;
      rest = (rest - options[d]) / count;
    }
    return { family, options };
  }

  /** Binary search for the last family starting at or before `index`. */
  private familyAt(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`catalogue index ${index} outside [0, ${this.size})`);
    }
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
