/**
 * Units of measure used in distribution. `decimals` is how many fraction digits a quantity in
 * that unit may carry: 0 means countable (you cannot ship half a case), otherwise the finest
 * precision scales and meters can report.
 */
const UNIT_CATALOGUE = {
  EA: { name: 'each', decimals: 0 },
  PR: { name: 'pair', decimals: 0 },
  CS: { name: 'case', decimals: 0 },
  BX: { name: 'box', decimals: 0 },
  PK: { name: 'pack', decimals: 0 },
  DZ: { name: 'dozen', decimals: 0 },
  RL: { name: 'roll', decimals: 0 },
  PL: { name: 'pallet', decimals: 0 },
  FT: { name: 'foot', decimals: 3 },
  M: { name: 'meter', decimals: 3 },
  KG: { name: 'kilogram', decimals: 3 },
  LB: { name: 'pound', decimals: 4 },
  L: { name: 'liter', decimals: 3 },
  GAL: { name: 'gallon', decimals: 4 },
} as const satisfies Record<string, { name: string; decimals: number }>;

export type UnitCode = keyof typeof UNIT_CATALOGUE;

export interface UnitOfMeasure {
  readonly code: UnitCode;
  readonly name: string;
  /** Maximum fraction digits; 0 for countable units. */
  readonly decimals: number;
}

export const UNIT_CODES: readonly UnitCode[] = Object.freeze(
  Object.keys(UNIT_CATALOGUE) as UnitCode[],
);

/** Exact, case-sensitive match, like currency codes. */
export function isUnitCode(value: unknown): value is UnitCode {
  return typeof value === 'string' && Object.hasOwn(UNIT_CATALOGUE, value);
}

export function unitOfMeasure(code: UnitCode): UnitOfMeasure {
  return { code, ...UNIT_CATALOGUE[code] };
}

export function allowsFractions(code: UnitCode): boolean {
  return UNIT_CATALOGUE[code].decimals > 0;
}
