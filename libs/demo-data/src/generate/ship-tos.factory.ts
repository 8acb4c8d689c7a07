import { SHIP_TO_NAMES } from '../catalogue/customer-names.catalogue';
import type { Place, SalesRegion } from '../catalogue/sales-regions.catalogue';
import type { CustomerSegment, CustomerShipToRow, DemoAddress } from '../model/demo-data.types';
import type { SeededRandom } from '../random/seeded-random';
import { pickPlace, sameCountryRegions, streetAddress } from './address.factory';

type Weights<T> = readonly (readonly [T, number])[];

/** Contractors and plants run several sites; most job shops ship to one dock. */
const SHIP_TO_COUNT: Readonly<Record<CustomerSegment, Weights<number>>> = {
  'machine-shop': [
    [1, 70],
    [2, 25],
    [3, 5],
  ],
  contractor: [
    [1, 30],
    [2, 35],
    [3, 20],
    [4, 15],
  ],
  mro: [
    [1, 35],
    [2, 35],
    [3, 20],
    [4, 10],
  ],
  oem: [
    [1, 40],
    [2, 35],
    [3, 15],
    [4, 10],
  ],
};

export interface ShipToInput {
  customerId: string;
  segment: CustomerSegment;
  homeRegion: SalesRegion;
  homePlace: Place;
  billTo: DemoAddress;
}

/**
 * 1-4 ship-tos: the first is the head office's own dock (bill-to street), the others mostly in
 * the home region and sometimes elsewhere in the country. Only secondary sites are ever inactive.
 */
export function generateShipTos(
  input: ShipToInput,
  random: SeededRandom,
  ids: SeededRandom,
): CustomerShipToRow[] {
  const count = random.weighted(SHIP_TO_COUNT[input.segment]);
  const rows: CustomerShipToRow[] = [];
  for (let n = 1; n <= count; n += 1) {
    const region =
      n === 1 || random.chance(0.75)
        ? input.homeRegion
        : random.pick(sameCountryRegions(input.homeRegion));
    const place = n === 1 ? input.homePlace : pickPlace(region, random);
    const attention = random.chance(0.5) ? 'Receiving' : 'Maintenance Stores';
    const address =
      n === 1 ? { ...input.billTo, attention } : streetAddress(place, random, attention);
    rows.push({
      id: ids.uuid(),
      customerId: input.customerId,
      code: `ST-${String(n).padStart(2, '0')}`,
      name: random.pick(SHIP_TO_NAMES[input.segment]).replace('{city}', place.city),
      address,
      region,
      active: n === 1 || random.chance(0.95),
    });
  }
  return rows;
}
