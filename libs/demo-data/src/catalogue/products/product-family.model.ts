/**
 * A product family is a template for SKUs: a few dimensions (size, grade, brand...) whose
 * cartesian product is the family's catalogue. Every combination has a distinct SKU, so picking
 * distinct combinations yields unique SKUs by construction.
 */

export const PRODUCT_GROUPS = [
  'bearings',
  'fasteners',
  'power-transmission',
  'hydraulics',
  'pneumatics',
  'electrical',
  'safety',
  'abrasives',
  'lubricants',
  'cutting-tools',
  'sealing',
  'pipe-valves-fittings',
  'material-handling',
  'hand-tools',
  'welding',
] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];

/** How an item is stocked and sold; decides its base unit conversions and stock levels. */
export type Packaging =
  'small-parts' | 'boxed' | 'bulky' | 'reel-ft' | 'reel-m' | 'bulk-kg' | 'pairs' | 'each-packs';

export type BaseUom = 'EA' | 'FT' | 'M' | 'KG' | 'PR';

export interface FamilyOption {
  /** SKU segment; '' leaves the segment out (e.g. the house brand). */
  readonly sku: string;
  /** Description fragment, substituted for the dimension's placeholder. */
  readonly text: string;
  /** Cost factor in percent of the family's base cost. */
  readonly cost: number;
}

export interface ProductFamily {
  readonly key: string;
  readonly group: ProductGroup;
  readonly baseUom: BaseUom;
  readonly packaging: Packaging;
  /** Standard cost in cents of the combination whose factors are all 100. */
  readonly baseCostCents: number;
  /** Gross markup of list price over cost, in whole percent, [min, max]. */
  readonly markupPercent: readonly [number, number];
  readonly dimensions: readonly (readonly FamilyOption[])[];
  /** Dimensions (by index) that do not change fit or function, such as brand or finish. */
  readonly interchangeable: readonly number[];
  /** SKU template with {0}, {1}... placeholders; empty segments collapse. */
  readonly sku: string;
  /** Description template with {0}, {1}... placeholders. */
  readonly description: string;
}

/** Options whose SKU segment and text are the same, costed linearly from `from` to `to` %. */
export function scale(values: readonly string[], from = 100, to = 100): FamilyOption[] {
  return labelled(
    values.map((value) => [value, value]),
    from,
    to,
  );
}

/** [sku, text] pairs costed linearly from `from` to `to` percent. */
export function labelled(
  pairs: readonly (readonly [string, string])[],
  from = 100,
  to = 100,
): FamilyOption[] {
  const steps = Math.max(1, pairs.length - 1);
  return pairs.map(([sku, text], index) => ({
    sku,
    text,
    cost: from + Math.round(((to - from) * index) / steps),
  }));
}

/** Sizes such as '2.5': the SKU segment spells the point as 'P' ('2P5'), the text keeps it. */
export function decimals(values: readonly string[], from = 100, to = 100): FamilyOption[] {
  return labelled(
    values.map((value) => [value.replace('.', 'P'), value]),
    from,
    to,
  );
}

/** [sku, text, cost %] triples. */
export function priced(triples: readonly (readonly [string, string, number])[]): FamilyOption[] {
  return triples.map(([sku, text, cost]) => ({ sku, text, cost }));
}

/** The house brand (no SKU segment) followed by named brands with their cost premium in %. */
export function brands(named: readonly (readonly [string, string, number])[]): FamilyOption[] {
  return [
    { sku: '', text: '', cost: 100 },
    ...named.map(([sku, name, cost]) => ({ sku, text: `, ${name}`, cost })),
  ];
}

/** Integers from `first` to `last` by `step`, as strings, optionally zero-padded. */
export function numbers(first: number, last: number, step = 1, width = 0): string[] {
  const values: string[] = [];
  for (let value = first; value <= last; value += step) {
    values.push(String(value).padStart(width, '0'));
  }
  return values;
}

export function familySize(family: ProductFamily): number {
  return family.dimensions.reduce((size, options) => size * options.length, 1);
}
