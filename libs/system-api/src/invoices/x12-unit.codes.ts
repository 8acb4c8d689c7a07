/**
 * Our units of measure as X12 element 355 codes (IT103). Units whose code is the same in both
 * lists are not repeated here; an unknown unit passes through unchanged rather than guessed.
 */
const X12_UNIT_CODES: Readonly<Record<string, string>> = {
  CS: 'CA',
  M: 'MR',
  L: 'LT',
  GAL: 'GA',
  PL: 'PF',
};

export function x12UnitCode(uom: string): string {
  return X12_UNIT_CODES[uom] ?? uom;
}
