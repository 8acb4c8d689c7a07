import type { ShipmentLine } from '@o2c/persistence';
import { presentDecimal } from '@o2c/http';
import {
  type ItemReferenceView,
  presentInstant,
  presentItemReference,
} from '../shared/record.presenter';
import type { ShipmentRecord } from './shipment.repository';

export interface ShipmentLineView {
  id: string;
  orderLineId: string;
  lineNumber: number;
  item: ItemReferenceView;
  quantity: string;
  uom: string;
  allocationId: string | null;
  lot: string | null;
  serial: string | null;
}

export interface ShipmentView {
  id: string;
  shipmentNumber: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  warehouseId: string;
  carrier: string | null;
  trackingNumber: string | null;
  status: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  lines: ShipmentLineView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentShipment({ shipment, order, lines }: ShipmentRecord): ShipmentView {
  return {
    id: shipment.id,
    shipmentNumber: shipment.shipmentNumber,
    orderId: shipment.orderId,
    orderNumber: order?.orderNumber ?? '',
    customerId: order?.customerId ?? '',
    warehouseId: shipment.warehouseId,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    status: shipment.status,
    shippedAt: presentInstant(shipment.shippedAt),
    deliveredAt: presentInstant(shipment.deliveredAt),
    lines: lines.map(presentLine),
    version: shipment.version,
    createdAt: shipment.createdAt.toISOString(),
    updatedAt: shipment.updatedAt.toISOString(),
  };
}

/** Shipped quantities are counted in the item's base unit. */
function presentLine(line: ShipmentLine): ShipmentLineView {
  const orderLine = line.orderLine;
  return {
    id: line.id,
    orderLineId: line.orderLineId,
    lineNumber: orderLine?.lineNumber ?? 0,
    item: presentItemReference(orderLine?.item, orderLine?.itemId ?? ''),
    quantity: presentDecimal(line.quantity),
    uom: orderLine?.item?.baseUom ?? '',
    allocationId: line.allocationId,
    lot: line.lot,
    serial: line.serial,
  };
}
