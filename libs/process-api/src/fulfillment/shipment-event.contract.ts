import type { ShipmentEventType } from '@o2c/domain';
import type { ShipmentEventStatus } from '@o2c/persistence';

/** Request shapes of openapi/process/fulfillment.v1.yaml (validated by the gateway before use). */
export interface ShipmentEventLineBody {
  lineNumber: number;
  quantity: string;
  uom?: string;
  lot?: string;
  serialNumbers?: string[];
  packageId?: string;
  shortShipped?: boolean;
}

export interface ShipmentEventBody {
  eventId: string;
  type: ShipmentEventType;
  occurredAt: string;
  warehouseCode?: string;
  warehouseShipmentId?: string;
  orderNumber?: string;
  orderId?: string;
  shipmentNumber?: string;
  carrier?: { scac: string; serviceLevel?: string };
  trackingNumber?: string;
  freight?: { amount: string; currency: string };
  lines?: ShipmentEventLineBody[];
  location?: { city?: string; region?: string; country?: string };
  exception?: { code: string; description?: string };
  signedBy?: string;
}

export interface ListShipmentEventsQuery {
  limit: number;
  cursor?: string;
  status?: ShipmentEventStatus;
  type?: ShipmentEventType;
}
