import type { HoldType, OrderChannel, OrderStatus } from '@o2c/persistence';

/** Request shapes of openapi/process/order-to-cash.v1.yaml (validated by the gateway before use). */
export interface OrderLineBody {
  sku?: string;
  customerItemNumber?: string;
  quantity: string;
  uom?: string;
  requestedUnitPrice?: string;
}

export interface SubmitOrderBody {
  customerId: string;
  channel: OrderChannel;
  externalPoNumber: string;
  shipToId?: string;
  shipToCode?: string;
  requestedDate?: string;
  currency?: string;
  replacesOrderId?: string;
  lines: OrderLineBody[];
}

export interface OrderLineChangeBody extends OrderLineBody {
  lineNumber?: number;
}

export interface ChangeOrderBody {
  shipToId?: string;
  shipToCode?: string;
  requestedDate?: string;
  lines?: OrderLineChangeBody[];
}

export interface CancelOrderBody {
  reason: string;
}

export interface ListProcessOrdersQuery {
  limit: number;
  cursor?: string;
  status?: OrderStatus[];
  holdType?: HoldType;
  channel?: OrderChannel;
  customerId?: string;
  createdFrom?: string;
  createdTo?: string;
  olderThanHours?: number;
}
