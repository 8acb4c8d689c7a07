import { type CarrierEventType, reconciledDeliveryTime } from '@o2c/domain';
import type { Shipment } from '@o2c/persistence';
import type { ShipmentJournal, ShippedOrder } from './shipment-journal';

/**
 * Moves a confirmed shipment by one carrier scan: its status, the newest event time (never
 * backwards) and, for a delivery, the delivery time (never before it shipped). The move goes to
 * the process event log and out through the outbox (`shipment.in_transit`, ...delivered).
 */
export function applyCarrierScan(
  shipment: Shipment,
  order: ShippedOrder,
  scan: {
    type: CarrierEventType;
    occurredAt: Date;
    eventId: string;
    detail: Record<string, unknown>;
  },
  journal: ShipmentJournal,
): void {
  const from = shipment.status;
  shipment.status = scan.type;
  if (shipment.lastEventAt === null || scan.occurredAt > shipment.lastEventAt) {
    shipment.lastEventAt = scan.occurredAt;
  }
  if (scan.type === 'delivered') {
    shipment.deliveredAt = new Date(
      reconciledDeliveryTime(
        shipment.shippedAt?.toISOString() ?? null,
        scan.occurredAt.toISOString(),
      ),
    );
  }
  journal.record(shipment.id, `shipment.${scan.type}`, scan.occurredAt, {
    data: { from, status: scan.type, eventId: scan.eventId, scan: scan.detail },
    related: [{ type: 'order', id: shipment.orderId, qualifier: 'ships' }],
  });
  journal.publish(shipment.id, order, `shipment.${scan.type}`, {
    shipmentNumber: shipment.shipmentNumber,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    occurredAt: scan.occurredAt.toISOString(),
    deliveredAt: shipment.deliveredAt?.toISOString() ?? null,
    eventId: scan.eventId,
    scan: scan.detail,
  });
}
