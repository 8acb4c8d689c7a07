import {
  brands,
  decimals,
  labelled,
  numbers,
  priced,
  type ProductFamily,
  scale,
} from './product-family.model';

const CUTTING_BRANDS = brands([
  ['SAND', 'Sandvik Coromant', 170],
  ['KENN', 'Kennametal', 160],
  ['OSG', 'OSG', 150],
]);

/** 24/64 -> '3/8"': fractions printed in lowest terms, as on drill indexes. */
function sixtyFourths(numerator: number): string {
  let top = numerator;
  let bottom = 64;
  while (top % 2 === 0 && bottom > 1) {
    top /= 2;
    bottom /= 2;
  }
  return `${top}/${bottom}"`;
}

/** Drill diameters: fractional inch in 1/64 steps, then metric in 0.1-0.5 mm steps. */
const DRILL_DIAMETERS = labelled(
  [
    ...numbers(4, 32, 1, 2).map((n): [string, string] => [`F${n}`, sixtyFourths(Number(n))]),
    ...numbers(10, 130, 2, 3).map((tenths): [string, string] => [
      `M${tenths}`,
      `${Number(tenths.slice(0, 2))}.${tenths.slice(2)} mm`,
    ]),
  ],
  50,
  900,
);

export const CUTTING_TOOL_FAMILIES: readonly ProductFamily[] = [
  {
    key: 'drill',
    group: 'cutting-tools',
    baseUom: 'EA',
    packaging: 'boxed',
    baseCostCents: 300,
    markupPercent: [45, 100],
    dimensions: [
      priced([
        ['HSS', 'HSS black oxide', 100],
        ['COB', 'cobalt M42', 190],
        ['CARB', 'solid carbide', 900],
        ['TIN', 'HSS TiN coated', 130],
      ]),
      DRILL_DIAMETERS,
      priced([
        ['JOB', 'jobber length', 100],
        ['STUB', 'stub length', 95],
        ['TAPR', 'taper length', 170],
      ]),
      priced([
        ['118', '118 degree point', 100],
        ['135', '135 degree split point', 110],
      ]),
    ],
    interchangeable: [],
    sku: 'CUT-DRL-{0}-{1}-{2}-{3}',
    description: 'Twist drill {1}, {0}, {2}, {3}',
  },
  {
    key: 'end-mill',
    group: 'cutting-tools',
    baseUom: 'EA',
    packaging: 'boxed',
    baseCostCents: 2500,
    markupPercent: [40, 90],
    dimensions: [
      priced([
        ['CARB', 'solid carbide', 100],
        ['HSS', 'HSS cobalt', 55],
      ]),
      decimals(
        ['1', '1.5', '2', '2.5', '3', '4', '5', '6', '8', '10', '12', '14', '16', '18', '20', '25'],
        40,
        600,
      ),
      scale(['2F', '3F', '4F', '5F'], 90, 130),
      priced([
        ['UNC', 'uncoated', 100],
        ['TIALN', 'TiAlN coated', 125],
        ['ALTIN', 'AlTiN coated', 130],
        ['ZRN', 'ZrN coated', 120],
      ]),
      priced([
        ['SQ', 'square end', 100],
        ['BALL', 'ball nose', 115],
        ['CR', 'corner radius', 120],
      ]),
    ],
    interchangeable: [],
    sku: 'CUT-EM-{0}-{1}MM-{2}-{3}-{4}',
    description: 'End mill {1} mm, {0}, {2}, {3}, {4}',
  },
  {
    key: 'tap',
    group: 'cutting-tools',
    baseUom: 'EA',
    packaging: 'boxed',
    baseCostCents: 900,
    markupPercent: [45, 95],
    dimensions: [
      priced([
        ['SP', 'Spiral point tap', 100],
        ['SF', 'Spiral flute tap', 115],
        ['FRM', 'Thread forming tap', 125],
      ]),
      labelled(
        [
          ['M3', 'M3 x 0.5'],
          ['M4', 'M4 x 0.7'],
          ['M5', 'M5 x 0.8'],
          ['M6', 'M6 x 1.0'],
          ['M8', 'M8 x 1.25'],
          ['M10', 'M10 x 1.5'],
          ['M12', 'M12 x 1.75'],
          ['M16', 'M16 x 2.0'],
          ['M20', 'M20 x 2.5'],
          ['0440', '#4-40 UNC'],
          ['0632', '#6-32 UNC'],
          ['0832', '#8-32 UNC'],
          ['1024', '#10-24 UNC'],
          ['1032', '#10-32 UNF'],
          ['02520', '1/4"-20 UNC'],
          ['02528', '1/4"-28 UNF'],
          ['03118', '5/16"-18 UNC'],
          ['03716', '3/8"-16 UNC'],
          ['03724', '3/8"-24 UNF'],
          ['05013', '1/2"-13 UNC'],
        ],
        60,
        400,
      ),
      priced([
        ['HSS', 'HSS', 100],
        ['HSSE', 'HSS-E cobalt', 150],
        ['TIN', 'HSS TiN coated', 125],
        ['CARB', 'solid carbide', 450],
      ]),
      labelled([
        ['2B', 'class 2B/6H'],
        ['3B', 'class 3B'],
        ['H5', 'H5 limit oversize'],
      ]),
    ],
    interchangeable: [],
    sku: 'CUT-TAP-{0}-{1}-{2}-{3}',
    description: '{0} {1}, {2}, {3}',
  },
  {
    key: 'carbide-insert',
    group: 'cutting-tools',
    baseUom: 'EA',
    packaging: 'each-packs',
    baseCostCents: 700,
    markupPercent: [40, 85],
    dimensions: [
      labelled(
        [
          ['CNMG', 'CNMG 80 degree rhombic negative'],
          ['DNMG', 'DNMG 55 degree rhombic negative'],
          ['VNMG', 'VNMG 35 degree rhombic negative'],
          ['TNMG', 'TNMG triangular negative'],
          ['WNMG', 'WNMG trigon negative'],
          ['SNMG', 'SNMG square negative'],
          ['CCMT', 'CCMT 80 degree rhombic positive'],
          ['DCMT', 'DCMT 55 degree rhombic positive'],
          ['VBMT', 'VBMT 35 degree rhombic positive'],
          ['TCMT', 'TCMT triangular positive'],
        ],
        90,
        120,
      ),
      scale(['S', 'M', 'L'], 80, 160),
      labelled(
        [
          ['04', '0.4 mm nose radius'],
          ['08', '0.8 mm nose radius'],
          ['12', '1.2 mm nose radius'],
        ],
        100,
        105,
      ),
      labelled([
        ['PF', 'finishing chipbreaker'],
        ['PM', 'medium chipbreaker'],
        ['PR', 'roughing chipbreaker'],
        ['MM', 'stainless chipbreaker'],
      ]),
      priced([
        ['P15', 'ISO P15 CVD grade', 100],
        ['P25', 'ISO P25 CVD grade', 100],
        ['P35', 'ISO P35 CVD grade', 100],
        ['M15', 'ISO M15 PVD grade', 110],
        ['M25', 'ISO M25 PVD grade', 110],
        ['K15', 'ISO K15 CVD grade', 100],
        ['S15', 'ISO S15 PVD grade', 125],
        ['N10', 'ISO N10 uncoated grade', 90],
        ['P05', 'ISO P05 CVD grade', 105],
        ['H10', 'ISO H10 PVD grade', 140],
      ]),
      CUTTING_BRANDS,
    ],
    interchangeable: [5],
    sku: 'CUT-INS-{0}{1}{2}-{3}-{4}-{5}',
    description: 'Turning insert {0}, size {1}, {2}, {3}, {4}{5}',
  },
];
