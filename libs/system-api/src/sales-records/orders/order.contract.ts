import type { OrderChannel, OrderStatus } from '@o2c/persistence';

/** Query shape of listOrders in openapi/system/sales-records.v1.yaml (validated and coerced by the gateway). */
export interface ListOrdersQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  status?: OrderStatus[];
  channel?: OrderChannel;
  createdFrom?: string;
  createdTo?: string;
  requestedFrom?: string;
  requestedTo?: string;
}
