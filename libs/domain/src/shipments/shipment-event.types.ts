/** The statuses of a shipment, which are also the events that move it, in lifecycle order. */
export const SHIPMENT_EVENT_TYPES = Object.freeze([
  'picked',
  'packed',
  'shipped',
  'in_transit',
  'exception',
  'delivered',
] as const);
export type ShipmentEventType = (typeof SHIPMENT_EVENT_TYPES)[number];

/** Reported by the warehouse system (WMS, 3PL): the goods on their way out. */
export const WAREHOUSE_EVENT_TYPES = Object.freeze(['picked', 'packed', 'shipped'] as const);
export type WarehouseEventType = (typeof WAREHOUSE_EVENT_TYPES)[number];

/** Reported by the carrier, for shipments it carries. */
export const CARRIER_EVENT_TYPES = Object.freeze(['in_transit', 'exception', 'delivered'] as const);
export type CarrierEventType = (typeof CARRIER_EVENT_TYPES)[number];

export function isShipmentEventType(value: unknown): value is ShipmentEventType {
  return typeof value === 'string' && (SHIPMENT_EVENT_TYPES as readonly string[]).includes(value);
}

export function isWarehouseEvent(type: ShipmentEventType): type is WarehouseEventType {
  return (WAREHOUSE_EVENT_TYPES as readonly string[]).includes(type);
}

export function isCarrierEvent(type: ShipmentEventType): type is CarrierEventType {
  return (CARRIER_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * How far along a status is: picked < packed < shipped < in transit = exception < delivered.
 * In transit and exception share a rank: a shipment goes back and forth between them as scans
 * arrive, and only time orders them.
 */
export function shipmentStage(type: ShipmentEventType): number {
  switch (type) {
    case 'picked':
      return 1;
    case 'packed':
      return 2;
    case 'shipped':
      return 3;
    case 'in_transit':
    case 'exception':
      return 4;
    case 'delivered':
      return 5;
  }
}
