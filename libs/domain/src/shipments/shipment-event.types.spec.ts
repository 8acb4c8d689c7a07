import {
  CARRIER_EVENT_TYPES,
  isCarrierEvent,
  isShipmentEventType,
  isWarehouseEvent,
  SHIPMENT_EVENT_TYPES,
  shipmentStage,
  WAREHOUSE_EVENT_TYPES,
} from './shipment-event.types';

describe('shipment event types', () => {
  it('splits the statuses between warehouses and carriers, each exactly once', () => {
    expect([...WAREHOUSE_EVENT_TYPES, ...CARRIER_EVENT_TYPES].sort()).toEqual(
      [...SHIPMENT_EVENT_TYPES].sort(),
    );
    for (const type of SHIPMENT_EVENT_TYPES) {
      expect(isWarehouseEvent(type)).toBe(!isCarrierEvent(type));
    }
  });

  it('ranks the stages in lifecycle order, transit and exception alike', () => {
    expect(SHIPMENT_EVENT_TYPES.map(shipmentStage)).toEqual([1, 2, 3, 4, 4, 5]);
  });

  it('recognises event types and nothing else', () => {
    expect(isShipmentEventType('delivered')).toBe(true);
    for (const value of ['DELIVERED', 'lost', '', null, 4, 'constructor']) {
      expect(isShipmentEventType(value)).toBe(false);
    }
  });

  it('cannot be changed by callers', () => {
    expect(Object.isFrozen(SHIPMENT_EVENT_TYPES)).toBe(true);
    expect(Object.isFrozen(WAREHOUSE_EVENT_TYPES)).toBe(true);
    expect(Object.isFrozen(CARRIER_EVENT_TYPES)).toBe(true);
  });
});
