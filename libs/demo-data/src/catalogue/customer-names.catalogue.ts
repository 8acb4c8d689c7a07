import type { CustomerSegment } from '../model/demo-data.types';
import type { SalesRegion } from './sales-regions.catalogue';

/** What an industrial distributor sells to: job shops, contractors, plant maintenance, OEMs. */
export const SEGMENT_WEIGHTS: readonly (readonly [CustomerSegment, number])[] = [
  ['machine-shop', 35],
  ['contractor', 30],
  ['mro', 25],
  ['oem', 10],
];

/** First words of company names: surnames, landmarks and the usual industrial adjectives. */
export const NAME_STEMS: readonly string[] = [
  'Summit',
  'Apex',
  'Keystone',
  'Great Lakes',
  'Blue Ridge',
  'Cascade',
  'Pioneer',
  'Heartland',
  'Tri-County',
  'Liberty',
  'Ironwood',
  'Red Rock',
  'Lone Star',
  'Gulf Coast',
  'Piedmont',
  'Sierra',
  'Granite',
  'Buckeye',
  'Magnolia',
  'Patriot',
  'Frontier',
  'Northstar',
  'Cardinal',
  'Eagle',
  'Allied',
  'United',
  'Delta',
  'Atlas',
  'Titan',
  'Benchmark',
  'Sterling',
  'Hartman',
  'Kowalski',
  'Brennan',
  'Ortega',
  'Nguyen',
  'Lindqvist',
  'Whitaker',
  'Castellano',
  'Schneider',
  'Dawson',
  'Reyes',
  'Fitzgerald',
  'Holloway',
  'Jensen',
  'Mercer',
  'Novak',
  'Pruitt',
  'Rasmussen',
  'Thornton',
  'Vance',
  'Weller',
  'Okafor',
  'Morrison',
  'Ridgeline',
  'Riverbend',
  'Three Rivers',
  'Midstate',
  'Coastal',
  'Valley',
];

export const NAME_PATTERNS: Readonly<Record<CustomerSegment, readonly string[]>> = {
  'machine-shop': [
    '{stem} Precision Machining',
    '{stem} Machine & Tool',
    '{stem} CNC',
    '{stem} Tool & Die',
    '{stem} Fabrication',
    '{stem} Machine Works',
    '{stem} Metal Works',
    '{stem} Gear & Machine',
    '{stem} Welding & Fabrication',
  ],
  contractor: [
    '{stem} Mechanical Contractors',
    '{stem} Industrial Services',
    '{stem} Electric',
    '{stem} Millwrights',
    '{stem} Construction',
    '{stem} Plumbing & Heating',
    '{stem} Industrial Contractors',
    '{stem} Field Services',
    '{stem} Rigging & Millwright',
  ],
  mro: [
    '{stem} Paper',
    '{stem} Foods',
    '{stem} Packaging',
    '{stem} Steel',
    '{stem} Plastics',
    '{stem} Bottling',
    '{stem} Aggregates',
    '{stem} Power Cooperative',
    '{stem} Water Authority',
    '{stem} Poultry',
    '{stem} Chemical',
    '{stem} Textiles',
    '{stem} Cold Storage',
    '{stem} Regional Medical Center',
  ],
  oem: [
    '{stem} Equipment',
    '{stem} Pump Company',
    '{stem} Conveyor Systems',
    '{stem} Compressor',
    '{stem} Fluid Power',
    '{stem} Agricultural Machinery',
    '{stem} Automation',
    '{stem} Trailer Manufacturing',
    '{stem} Industrial Fans',
    '{stem} Boiler Works',
  ],
};

export const LEGAL_SUFFIXES_US: readonly string[] = ['', ' Inc.', ' LLC', ' Co.', ' Corp.', ', Inc.'];
export const LEGAL_SUFFIXES_CA: readonly string[] = [' Ltd.', ' Inc.', ' Ltée', ' Corp.'];

/** Account managers work a territory; e-mail addresses use the reserved .example domain. */
export const ACCOUNT_MANAGERS: Readonly<Record<SalesRegion, readonly string[]>> = {
  'US-WEST': ['maria.delgado', 'kevin.tran', 'sarah.olsen'],
  'US-CENTRAL': ['dan.kowalczyk', 'lisa.brandt', 'marcus.webb', 'jenny.moore'],
  'US-EAST': ['tom.ferraro', 'priya.shah', 'brian.oneill'],
  'US-SOUTH': ['ashley.boone', 'carlos.mendez', 'tyler.gaines', 'monique.harris'],
  'CA-WEST': ['ryan.mcdougall'],
  'CA-EAST': ['isabelle.gagnon'],
};
export const ACCOUNT_MANAGER_DOMAIN = 'demo-distributor.example';

/** Names of ship-to sites per segment; '{city}' is the site's city. */
export const SHIP_TO_NAMES: Readonly<Record<CustomerSegment, readonly string[]>> = {
  'machine-shop': ['Main Shop', 'Plant 2', '{city} Shop', 'Receiving'],
  contractor: ['Yard', '{city} Job Site', 'Warehouse', '{city} Project Office', 'Shop'],
  mro: ['{city} Plant', 'Maintenance Stores', 'Plant 2 Receiving', '{city} Mill', 'Central Stores'],
  oem: ['Assembly Plant', '{city} Plant', 'Receiving Dock 4', 'Service Center'],
};
