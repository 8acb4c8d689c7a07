import {
  PLACES_BY_REGION,
  type Place,
  SALES_REGIONS,
  type SalesRegion,
  STREET_NAMES,
} from '../catalogue/sales-regions.catalogue';
import type { DemoAddress } from '../model/demo-data.types';
import type { SeededRandom } from '../random/seeded-random';

export function pickPlace(region: SalesRegion, random: SeededRandom): Place {
  return random.pick(PLACES_BY_REGION[region]);
}

export function streetAddress(place: Place, random: SeededRandom, attention?: string): DemoAddress {
  const address: DemoAddress = {
    line1: `${random.int(100, 9899)} ${random.pick(STREET_NAMES)}`,
    city: place.city,
    region: place.state,
    postalCode: place.postalCode,
    country: place.country,
  };
  if (random.chance(0.15)) address.line2 = `Suite ${random.int(100, 450)}`;
  if (attention !== undefined) address.attention = attention;
  return address;
}

/** Regions in the same country: national accounts ship across regions, not across borders. */
export function sameCountryRegions(region: SalesRegion): SalesRegion[] {
  const country = region.slice(0, 2);
  return SALES_REGIONS.filter((candidate) => candidate.startsWith(country));
}
