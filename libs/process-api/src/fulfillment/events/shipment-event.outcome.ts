import type { ShipmentEventType } from '@o2c/domain';
import { type MoneyView, presentMoney } from '@o2c/http';
import type { OrderStatus, Shipment, ShipmentEventStatus } from '@o2c/persistence';

/** The answer to a shipment event (openapi ShipmentEventOutcome); stored, and replayed to a
 *  re-delivery with `duplicate: true`. */
export interface ShipmentEventOutcome {
  eventId: string;
  type: ShipmentEventType;
  outcome: ShipmentEventStatus;
  duplicate: boolean;
  reason: string | null;
  receivedAt: string;
  shipment: { id: string; shipmentNumber: string; status: string; href: string } | null;
  order: { id: string; orderNumber: string; status: OrderStatus; href: string } | null;
  invoice: { id: string; invoiceNumber: string; total: MoneyView } | null;
  parkedEventsApplied: { eventId: string; type: ShipmentEventType; status: ShipmentEventStatus }[];
}

export interface IssuedInvoiceRef {
  invoiceId: string;
  invoiceNumber: string;
  total: string;
  currency: string;
}

export function shipmentLink(shipment: Shipment): NonNullable<ShipmentEventOutcome['shipment']> {
  return {
    id: shipment.id,
    shipmentNumber: shipment.shipmentNumber,
    status: shipment.status,
    href: `/process/v1/shipments/${shipment.id}`,
  };
}

export function orderLink(order: {
  id: string;
  orderNumber: string;
  status: OrderStatus;
}): NonNullable<ShipmentEventOutcome['order']> {
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    href: `/process/v1/orders/${order.id}`,
  };
}

export function invoiceLink(
  invoice: IssuedInvoiceRef,
): NonNullable<ShipmentEventOutcome['invoice']> {
  return {
    id: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    total: presentMoney(invoice.total, invoice.currency),
  };
}
