/** Warehouse request shapes of openapi/system/inventory.v1.yaml (validated by the gateway before use). */
export interface WarehouseAddressBody {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

export interface WarehouseFieldsBody {
  name?: string;
  address?: WarehouseAddressBody;
  regionsServed?: string[];
  active?: boolean;
}

export interface CreateWarehouseBody extends WarehouseFieldsBody {
  code: string;
  name: string;
  address: WarehouseAddressBody;
}

export type UpdateWarehouseBody = WarehouseFieldsBody;

export interface ListWarehousesQuery {
  /** The contract's default (50) applies when the client sends none. */
  limit: number;
  cursor?: string;
  active?: boolean;
  region?: string;
}
