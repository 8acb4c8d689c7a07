import { formatDocumentNumber } from '@o2c/domain';
import { type MoneyView, presentDecimal, presentMoney } from '@o2c/http';
import type { OrderStatus, ShipmentEventStatus, ShipmentStatus } from '@o2c/persistence';

export interface ShipmentHeaderRow {
  id: string;
  shipmentNumber: string;
  externalShipmentId: string | null;
  status: ShipmentStatus;
  orderId: string;
  orderNumber: string;
  orderStatus: OrderStatus;
  customerId: string;
  currency: string;
  warehouseId: string;
  warehouseCode: string;
  carrier: string | null;
  serviceLevel: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  freight: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShipmentLineRow {
  id: string;
  orderLineId: string;
  lineNumber: number;
  itemId: string;
  sku: string;
  description: string;
  baseUom: string;
  quantity: string;
  lot: string | null;
  serial: string | null;
  packageId: string | null;
  allocationId: string | null;
}

export interface ShipmentEventRow {
  id: string;
  eventId: string;
  type: ShipmentStatus;
  status: ShipmentEventStatus;
  occurredAt: Date;
  receivedAt: Date;
  source: string;
  shipmentId: string | null;
  detail: Record<string, unknown>;
}

export interface InvoiceRow {
  id: string;
  series: string;
  invoiceNumber: string;
  total: string;
  currency: string;
}

export interface InvoiceLinkView {
  id: string;
  invoiceNumber: string;
  total: MoneyView;
}

export function presentInvoiceLink(invoice: InvoiceRow | undefined): InvoiceLinkView | null {
  if (!invoice) return null;
  return {
    id: invoice.id,
    invoiceNumber: formatDocumentNumber(invoice.series, invoice.invoiceNumber),
    total: presentMoney(invoice.total, invoice.currency),
  };
}

export function presentShipmentEvent(row: ShipmentEventRow) {
  const { reason, ...detail } = row.detail;
  return {
    id: row.id,
    eventId: row.eventId,
    type: row.type,
    status: row.status,
    occurredAt: row.occurredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    shipmentId: row.shipmentId,
    reason: typeof reason === 'string' ? reason : null,
    detail,
  };
}

export function presentShipmentDetail(
  header: ShipmentHeaderRow,
  lines: ShipmentLineRow[],
  events: ShipmentEventRow[],
  invoice: InvoiceRow | undefined,
) {
  return {
    id: header.id,
    shipmentNumber: header.shipmentNumber,
    warehouseShipmentId: header.externalShipmentId,
    status: header.status,
    order: {
      id: header.orderId,
      orderNumber: header.orderNumber,
      status: header.orderStatus,
      href: `/process/v1/orders/${header.orderId}`,
    },
    customerId: header.customerId,
    warehouse: { id: header.warehouseId, code: header.warehouseCode },
    carrier: header.carrier ? { scac: header.carrier, serviceLevel: header.serviceLevel } : null,
    trackingNumber: header.trackingNumber,
    shippedAt: header.shippedAt?.toISOString() ?? null,
    deliveredAt: header.deliveredAt?.toISOString() ?? null,
    lastEventAt: header.lastEventAt?.toISOString() ?? null,
    freight: header.freight === null ? null : presentMoney(header.freight, header.currency),
    lines: lines.map((line) => ({
      id: line.id,
      orderLineId: line.orderLineId,
      lineNumber: line.lineNumber,
      item: { id: line.itemId, sku: line.sku, description: line.description },
      quantity: presentDecimal(line.quantity),
      unit: line.baseUom,
      lot: line.lot,
      serialNumber: line.serial,
      packageId: line.packageId,
      allocationId: line.allocationId,
    })),
    events: events.map(presentShipmentEvent),
    invoice: presentInvoiceLink(invoice),
    version: header.version,
    createdAt: header.createdAt.toISOString(),
    updatedAt: header.updatedAt.toISOString(),
  };
}

export type ShipmentDetailView = ReturnType<typeof presentShipmentDetail>;
