import type { PostalAddress, Warehouse } from '@o2c/persistence';

export interface WarehouseView {
  id: string;
  code: string;
  name: string;
  address: PostalAddress;
  regionsServed: string[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentWarehouse(warehouse: Warehouse): WarehouseView {
  return {
    id: warehouse.id,
    code: warehouse.code,
    name: warehouse.name,
    address: warehouse.address,
    regionsServed: warehouse.regionsServed,
    active: warehouse.active,
    version: warehouse.version,
    createdAt: warehouse.createdAt.toISOString(),
    updatedAt: warehouse.updatedAt.toISOString(),
  };
}
