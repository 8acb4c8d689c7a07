import type { ShipmentStatus } from '@o2c/persistence';

/** Query shape of listShipments in openapi/system/sales-records.v1.yaml (validated and coerced by the gateway). */
export interface ListShipmentsQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  orderId?: string;
  warehouseId?: string;
  status?: ShipmentStatus[];
  shippedFrom?: string;
  shippedTo?: string;
}
