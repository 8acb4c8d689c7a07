import {
  type CatalogueEntry,
  ProductCatalogue,
} from '../catalogue/products/product-families.catalogue';
import type { Packaging, ProductGroup } from '../catalogue/products/product-family.model';
import { centsToDecimal, endInNine, scalePercent } from '../money/cents.arithmetic';
import type { ItemRow, ItemUomConversionRow } from '../model/demo-data.types';
import { IndexPermutation } from '../random/index-permutation';
import { SeededRandom } from '../random/seeded-random';
import { packConversions, smallestPack } from './uom-conversions.policy';

/** What later generators need to know about an item beyond its row. */
export interface ItemProfile {
  id: string;
  familyKey: string;
  group: ProductGroup;
  packaging: Packaging;
  baseUom: string;
  costCents: number;
  listCents: number;
  sellable: boolean;
  /** Base units in the smallest pack; quantity breaks are multiples of it. */
  packUnits: number;
  /** Same key = same fit and function (only brand or finish differ): natural substitutes. */
  substituteKey: string;
}

export interface GeneratedItems {
  items: ItemRow[];
  conversions: ItemUomConversionRow[];
  profiles: ItemProfile[];
}

const CURRENCY = 'USD';
const SELLABLE_SHARE = 0.975;

function fill(template: string, texts: readonly string[]): string {
  return template.replace(/\{(\d)\}/g, (_, index: string) => texts[Number(index)] ?? '');
}

function renderSku(entry: CatalogueEntry): string {
  const parts = entry.options.map((option, d) => entry.family.dimensions[d][option].sku);
  return fill(entry.family.sku, parts).replace(/-{2,}/g, '-').replace(/-$/, '');
}

function renderDescription(entry: CatalogueEntry): string {
  const parts = entry.options.map((option, d) => entry.family.dimensions[d][option].text);
  return fill(entry.family.description, parts).replace(/ {2,}/g, ' ').replace(/, ,/g, ',').trim();
}

function substituteKey(entry: CatalogueEntry): string {
  const fixed = entry.options.filter((_, d) => !entry.family.interchangeable.includes(d));
  return `${entry.family.key}:${fixed.join('.')}`;
}

/** Standard cost: the family's base scaled by each chosen option, with a little noise. */
function standardCost(entry: CatalogueEntry, random: SeededRandom): number {
  let cents = entry.family.baseCostCents;
  entry.options.forEach((option, d) => {
    cents = scalePercent(cents, entry.family.dimensions[d][option].cost);
  });
  return Math.max(1, scalePercent(cents, random.int(92, 108)));
}

function listPrice(costCents: number, entry: CatalogueEntry, random: SeededRandom): number {
  const [low, high] = entry.family.markupPercent;
  const cents = scalePercent(costCents, 100 + random.int(low, high));
  // Shelf prices above $5 end in 9; rounding up keeps list >= cost.
  return cents >= 500 ? endInNine(cents) : Math.max(cents, costCents);
}

/**
 * Items drawn from the product catalogue without repetition (a keyed permutation of every SKU
 * combination), so SKUs are unique and the first N items are the same whatever the total.
 * Past the catalogue's size (about 110,000) the walk restarts with an '-R<n>' SKU suffix.
 */
export function generateItems(count: number, seed: number): GeneratedItems {
  const random = SeededRandom.from(seed, 'items');
  const ids = SeededRandom.from(seed, 'items/ids');
  const conversionIds = SeededRandom.from(seed, 'item-uom-conversions/ids');
  const catalogue = new ProductCatalogue();
  const order = new IndexPermutation(catalogue.size, SeededRandom.from(seed, 'items/order'));
  const result: GeneratedItems = { items: [], conversions: [], profiles: [] };

  for (let k = 0; k < count; k += 1) {
    const round = Math.floor(k / catalogue.size);
    const entry = catalogue.entry(order.at(k % catalogue.size));
    const { family } = entry;
    const id = ids.uuid();
    const costCents = standardCost(entry, random);
    const listCents = listPrice(costCents, entry, random);
    const sellable = random.chance(SELLABLE_SHARE);
    const packs = packConversions(family.packaging, costCents, random);
    const description = renderDescription(entry);
    const sku = round === 0 ? renderSku(entry) : `${renderSku(entry)}-R${round + 1}`;

    result.items.push({
      id,
      sku,
      description: sellable ? description : `${description} (discontinued)`,
      baseUom: family.baseUom,
      standardCost: centsToDecimal(costCents),
      listPrice: centsToDecimal(listCents),
      currency: CURRENCY,
      sellable,
      productGroup: family.group,
    });
    for (const pack of packs) {
      result.conversions.push({ id: conversionIds.uuid(), itemId: id, ...pack });
    }
    result.profiles.push({
      id,
      familyKey: family.key,
      group: family.group,
      packaging: family.packaging,
      baseUom: family.baseUom,
      costCents,
      listCents,
      sellable,
      packUnits: smallestPack(packs),
      substituteKey: `${substituteKey(entry)}#${round}`,
    });
  }
  return result;
}
