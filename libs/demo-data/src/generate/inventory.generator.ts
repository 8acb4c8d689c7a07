import type { Packaging } from '../catalogue/products/product-family.model';
import { thousandthsToDecimal } from '../money/cents.arithmetic';
import type { InventoryBalanceRow, WarehouseRow } from '../model/demo-data.types';
import { SeededRandom } from '../random/seeded-random';
import type { ItemProfile } from './items.generator';

/** Highest stock level per packaging, in base units; most balances sit well below it. */
const STOCK_CEILING: Readonly<Record<Packaging, number>> = {
  'small-parts': 20_000,
  'each-packs': 10_000,
  boxed: 400,
  bulky: 30,
  'reel-ft': 5_000,
  'reel-m': 3_000,
  'bulk-kg': 8_000,
  pairs: 1_500,
};

/** Units measured rather than counted may hold fractions (3 decimals, the unit's precision). */
const MEASURED = new Set(['FT', 'M', 'KG']);

const OUT_OF_STOCK_ITEM_ODDS = 0.02;
const OUT_OF_STOCK_BALANCE_ODDS = 0.05;
const ALLOCATED_ODDS = 0.3;

/** On hand in thousandths of the base unit. */
function onHandThousandths(item: ItemProfile, random: SeededRandom): number {
  const ceiling = STOCK_CEILING[item.packaging];
  if (MEASURED.has(item.baseUom) && random.chance(0.3)) {
    return random.skewedInt(1, ceiling * 1000, 3);
  }
  return random.skewedInt(1, ceiling, 3) * 1000;
}

/**
 * Every item is stocked in 1-3 warehouses (popular items in all three). A few items are out of
 * stock everywhere, a few balances are zero, and some stock is already allocated (whole units,
 * at most a fifth of on hand, so allocated <= on_hand always holds).
 */
export function generateInventory(
  items: readonly ItemProfile[],
  warehouses: readonly WarehouseRow[],
  seed: number,
): InventoryBalanceRow[] {
  const random = SeededRandom.from(seed, 'inventory-balances');
  const ids = SeededRandom.from(seed, 'inventory-balances/ids');
  const rows: InventoryBalanceRow[] = [];
  if (warehouses.length === 0) return rows;

  for (const item of items) {
    const stocked = random.weighted([
      [1, 25],
      [2, 35],
      [3, 40],
    ]);
    const sites = random.distinctIndices(warehouses.length, stocked).sort((a, b) => a - b);
    const outEverywhere =
      random.chance(OUT_OF_STOCK_ITEM_ODDS) || (!item.sellable && random.chance(0.5));
    for (const site of sites) {
      const empty = outEverywhere || random.chance(OUT_OF_STOCK_BALANCE_ODDS);
      const onHand = empty ? 0 : onHandThousandths(item, random);
      const wholeUnits = (onHand - (onHand % 1000)) / 1000;
      const allocatable = (wholeUnits - (wholeUnits % 5)) / 5;
      const allocated =
        allocatable >= 1 && random.chance(ALLOCATED_ODDS) ? random.int(1, allocatable) * 1000 : 0;
      rows.push({
        id: ids.uuid(),
        warehouseId: warehouses[site].id,
        itemId: item.id,
        onHand: thousandthsToDecimal(onHand),
        allocated: thousandthsToDecimal(allocated),
      });
    }
  }
  return rows;
}
