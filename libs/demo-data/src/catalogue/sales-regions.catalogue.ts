/**
 * Sales regions, the cities customers sit in, and the three distribution centres that serve
 * them. Every region listed here is served by at least one warehouse (a unit test holds this),
 * so any generated ship-to can be fulfilled. Postal codes are real industrial-area codes.
 */

export const SALES_REGIONS = [
  'US-WEST',
  'US-CENTRAL',
  'US-EAST',
  'US-SOUTH',
  'CA-WEST',
  'CA-EAST',
] as const;
export type SalesRegion = (typeof SALES_REGIONS)[number];

export interface Place {
  city: string;
  /** State or province code. */
  state: string;
  postalCode: string;
  country: 'US' | 'CA';
  region: SalesRegion;
}

const US_WEST: readonly [string, string, string][] = [
  ['Reno', 'NV', '89502'],
  ['Sparks', 'NV', '89431'],
  ['Las Vegas', 'NV', '89118'],
  ['Sacramento', 'CA', '95815'],
  ['Fresno', 'CA', '93722'],
  ['Stockton', 'CA', '95206'],
  ['Oakland', 'CA', '94621'],
  ['San Jose', 'CA', '95131'],
  ['Ontario', 'CA', '91761'],
  ['Bakersfield', 'CA', '93308'],
  ['Portland', 'OR', '97217'],
  ['Eugene', 'OR', '97402'],
  ['Kent', 'WA', '98032'],
  ['Tacoma', 'WA', '98421'],
  ['Spokane', 'WA', '99202'],
  ['Boise', 'ID', '83709'],
  ['Salt Lake City', 'UT', '84104'],
  ['Ogden', 'UT', '84401'],
  ['Phoenix', 'AZ', '85043'],
  ['Tucson', 'AZ', '85714'],
  ['Denver', 'CO', '80216'],
  ['Albuquerque', 'NM', '87107'],
];

const US_CENTRAL: readonly [string, string, string][] = [
  ['Columbus', 'OH', '43207'],
  ['Dayton', 'OH', '45414'],
  ['Toledo', 'OH', '43612'],
  ['Cleveland', 'OH', '44135'],
  ['Cincinnati', 'OH', '45241'],
  ['Indianapolis', 'IN', '46241'],
  ['Fort Wayne', 'IN', '46803'],
  ['Detroit', 'MI', '48209'],
  ['Grand Rapids', 'MI', '49548'],
  ['Chicago', 'IL', '60638'],
  ['Rockford', 'IL', '61109'],
  ['Peoria', 'IL', '61604'],
  ['Milwaukee', 'WI', '53218'],
  ['Green Bay', 'WI', '54304'],
  ['Minneapolis', 'MN', '55413'],
  ['Des Moines', 'IA', '50313'],
  ['Cedar Rapids', 'IA', '52404'],
  ['St. Louis', 'MO', '63132'],
  ['Kansas City', 'MO', '64120'],
  ['Omaha', 'NE', '68117'],
  ['Wichita', 'KS', '67213'],
  ['Louisville', 'KY', '40213'],
];

const US_EAST: readonly [string, string, string][] = [
  ['Pittsburgh', 'PA', '15205'],
  ['Allentown', 'PA', '18109'],
  ['Harrisburg', 'PA', '17111'],
  ['Philadelphia', 'PA', '19124'],
  ['Newark', 'NJ', '07105'],
  ['Edison', 'NJ', '08837'],
  ['Buffalo', 'NY', '14206'],
  ['Rochester', 'NY', '14624'],
  ['Syracuse', 'NY', '13206'],
  ['Albany', 'NY', '12205'],
  ['Hartford', 'CT', '06114'],
  ['Worcester', 'MA', '01604'],
  ['Springfield', 'MA', '01104'],
  ['Baltimore', 'MD', '21224'],
  ['Richmond', 'VA', '23234'],
  ['Roanoke', 'VA', '24012'],
];

const US_SOUTH: readonly [string, string, string][] = [
  ['Atlanta', 'GA', '30336'],
  ['Savannah', 'GA', '31408'],
  ['Macon', 'GA', '31206'],
  ['Birmingham', 'AL', '35211'],
  ['Huntsville', 'AL', '35816'],
  ['Mobile', 'AL', '36619'],
  ['Nashville', 'TN', '37210'],
  ['Memphis', 'TN', '38118'],
  ['Knoxville', 'TN', '37921'],
  ['Chattanooga', 'TN', '37406'],
  ['Charlotte', 'NC', '28208'],
  ['Greensboro', 'NC', '27409'],
  ['Raleigh', 'NC', '27616'],
  ['Greenville', 'SC', '29605'],
  ['Columbia', 'SC', '29209'],
  ['Jacksonville', 'FL', '32254'],
  ['Tampa', 'FL', '33619'],
  ['Orlando', 'FL', '32824'],
  ['Houston', 'TX', '77029'],
  ['Dallas', 'TX', '75212'],
  ['San Antonio', 'TX', '78219'],
  ['Baton Rouge', 'LA', '70805'],
  ['Jackson', 'MS', '39209'],
];

const CA_WEST: readonly [string, string, string][] = [
  ['Vancouver', 'BC', 'V5L 1A1'],
  ['Surrey', 'BC', 'V4N 3S5'],
  ['Calgary', 'AB', 'T2C 2X5'],
  ['Edmonton', 'AB', 'T6E 5A1'],
];

const CA_EAST: readonly [string, string, string][] = [
  ['Toronto', 'ON', 'M9W 5L7'],
  ['Mississauga', 'ON', 'L5T 2H7'],
  ['Hamilton', 'ON', 'L8H 3R6'],
  ['Windsor', 'ON', 'N8W 5K9'],
  ['Montreal', 'QC', 'H4T 1W5'],
];

function places(
  region: SalesRegion,
  country: Place['country'],
  rows: readonly [string, string, string][],
): Place[] {
  return rows.map(([city, state, postalCode]) => ({ city, state, postalCode, country, region }));
}

export const PLACES_BY_REGION: Readonly<Record<SalesRegion, readonly Place[]>> = {
  'US-WEST': places('US-WEST', 'US', US_WEST),
  'US-CENTRAL': places('US-CENTRAL', 'US', US_CENTRAL),
  'US-EAST': places('US-EAST', 'US', US_EAST),
  'US-SOUTH': places('US-SOUTH', 'US', US_SOUTH),
  'CA-WEST': places('CA-WEST', 'CA', CA_WEST),
  'CA-EAST': places('CA-EAST', 'CA', CA_EAST),
};

/** Share of customers headquartered in each region. */
export const HOME_REGION_WEIGHTS: readonly (readonly [SalesRegion, number])[] = [
  ['US-SOUTH', 30],
  ['US-CENTRAL', 30],
  ['US-WEST', 20],
  ['US-EAST', 17],
  ['CA-EAST', 2],
  ['CA-WEST', 1],
];

export const STREET_NAMES: readonly string[] = [
  'Industrial Pkwy',
  'Commerce Dr',
  'Enterprise Blvd',
  'Distribution Way',
  'Manufacturers Rd',
  'Airport Rd',
  'Mill St',
  'Foundry Ave',
  'Railroad Ave',
  'Technology Dr',
  'Corporate Center Dr',
  'Fabrication Way',
  'Gateway Blvd',
  'Harbor Rd',
  'Quarry Rd',
  'Logistics Ct',
  'Progress Dr',
  'Valley View Rd',
  'Riverside Dr',
  'Steel Way',
  'Industrial Park Dr',
  'Freight Ln',
  'Production Dr',
  'Service Rd',
];

export interface WarehouseSite {
  code: string;
  name: string;
  street: string;
  place: Place;
  regionsServed: readonly SalesRegion[];
}

const site = (region: SalesRegion, city: string): Place => {
  const found = PLACES_BY_REGION[region].find((place) => place.city === city);
  if (found === undefined) throw new Error(`unknown city ${city} in ${region}`);
  return found;
};

/** Reno covers the West, Columbus the Midwest and part of the East, Atlanta the South and East. */
export const WAREHOUSE_SITES: readonly WarehouseSite[] = [
  {
    code: 'RNO1',
    name: 'Reno Distribution Center',
    street: '2450 Logistics Ct',
    place: site('US-WEST', 'Reno'),
    regionsServed: ['US-WEST', 'CA-WEST'],
  },
  {
    code: 'CMH1',
    name: 'Columbus Distribution Center',
    street: '6100 Distribution Way',
    place: site('US-CENTRAL', 'Columbus'),
    regionsServed: ['US-CENTRAL', 'US-EAST', 'CA-EAST'],
  },
  {
    code: 'ATL1',
    name: 'Atlanta Distribution Center',
    street: '1875 Fulton Industrial Blvd',
    place: site('US-SOUTH', 'Atlanta'),
    regionsServed: ['US-SOUTH', 'US-EAST'],
  },
];
