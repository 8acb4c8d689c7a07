import type { Packaging } from '../catalogue/products/product-family.model';
import type { SeededRandom } from '../random/seeded-random';

export interface PackConversion {
  uom: string;
  /** Base units in one `uom`, as a decimal string. */
  toBase: string;
}

/** One pound in kilograms, exact by definition (and within the 8-decimal factor column). */
const KG_PER_POUND = '0.45359237';

/** The box size follows the unit cost: cheap parts come in bigger boxes. */
function smallPartsBox(costCents: number, random: SeededRandom): number {
  if (costCents < 10) return 100;
  if (costCents < 50) return random.pick([50, 100]);
  if (costCents < 200) return 25;
  return 10;
}

/**
 * Selling units an item offers besides its base unit, by packaging: boxes, cases and pallets
 * for counted parts, reels for hose and cable, pounds and pallets for bulk sold by weight.
 * Every factor is a whole number or an exact decimal, so conversions never round.
 */
export function packConversions(
  packaging: Packaging,
  costCents: number,
  random: SeededRandom,
): PackConversion[] {
  const whole = (uom: string, units: number): PackConversion => ({ uom, toBase: String(units) });
  switch (packaging) {
    case 'small-parts': {
      const box = smallPartsBox(costCents, random);
      if (!random.chance(0.7)) return [whole('BX', box)];
      const caseUnits = box * random.pick([10, 20]);
      const pallet = random.chance(0.1) ? [whole('PL', caseUnits * random.pick([20, 40]))] : [];
      return [whole('BX', box), whole('CS', caseUnits), ...pallet];
    }
    case 'each-packs': {
      const box = random.pick([50, 100]);
      return random.chance(0.6) ? [whole('BX', box), whole('CS', box * 10)] : [whole('BX', box)];
    }
    case 'boxed': {
      const box = random.chance(0.55) ? random.pick([10, 25]) : 0;
      const boxes = box > 0 ? [whole('BX', box)] : [];
      if (!random.chance(0.4)) return boxes;
      const caseUnits = box > 0 ? box * 4 : random.pick([6, 10, 12, 24]);
      return [...boxes, whole('CS', caseUnits)];
    }
    case 'bulky':
      return random.chance(0.3) ? [whole('PL', random.pick([4, 8, 12, 24]))] : [];
    case 'reel-ft':
      return [whole('RL', random.pick([50, 100, 250, 500]))];
    case 'reel-m':
      return [whole('RL', random.pick([25, 50, 100, 200]))];
    case 'bulk-kg': {
      const pound: PackConversion = { uom: 'LB', toBase: KG_PER_POUND };
      return random.chance(0.5)
        ? [pound, whole('BX', random.pick([5, 10, 20, 25]))]
        : [pound, whole('PL', random.pick([500, 1000]))];
    }
    case 'pairs':
      return random.chance(0.6)
        ? [whole('DZ', 12), whole('CS', random.pick([72, 144]))]
        : [whole('DZ', 12)];
  }
}

/** The smallest whole pack, the step quantity breaks are expressed in (1 when sold loose). */
export function smallestPack(conversions: readonly PackConversion[]): number {
  const whole = conversions
    .map((conversion) => Number(conversion.toBase))
    .filter((units) => Number.isInteger(units) && units > 1);
  return whole.length === 0 ? 1 : Math.min(...whole);
}
