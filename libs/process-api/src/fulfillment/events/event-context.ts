import type { EntityManager } from 'typeorm';
import type { ShipmentEventBody } from '../shipment-event.contract';
import type { EventSender } from './shipment-event.sender';
import type { ShipmentJournal } from './shipment-journal';

/** One shipment event being applied, inside its transaction. */
export interface EventContext {
  manager: EntityManager;
  body: ShipmentEventBody;
  sender: EventSender;
  inboundEventId: string;
  receivedAt: Date;
  occurredAt: Date;
  journal: ShipmentJournal;
}

/** What an event reported besides its identity, kept with the shipment's history. */
export function eventDetail(body: ShipmentEventBody): Record<string, unknown> {
  const {
    eventId: _eventId,
    type: _type,
    occurredAt: _occurredAt,
    warehouseCode: _warehouseCode,
    warehouseShipmentId: _warehouseShipmentId,
    orderId: _orderId,
    orderNumber: _orderNumber,
    shipmentNumber: _shipmentNumber,
    ...detail
  } = body;
  return detail;
}
