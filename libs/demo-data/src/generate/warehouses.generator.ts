import { WAREHOUSE_SITES } from '../catalogue/sales-regions.catalogue';
import type { WarehouseRow } from '../model/demo-data.types';
import { SeededRandom } from '../random/seeded-random';

/** The three distribution centres; only their ids depend on the seed. */
export function generateWarehouses(seed: number): WarehouseRow[] {
  const ids = SeededRandom.from(seed, 'warehouses/ids');
  return WAREHOUSE_SITES.map((site) => ({
    id: ids.uuid(),
    code: site.code,
    name: site.name,
    address: {
      line1: site.street,
      city: site.place.city,
      region: site.place.state,
      postalCode: site.place.postalCode,
      country: site.place.country,
    },
    regionsServed: [...site.regionsServed],
    active: true,
  }));
}
