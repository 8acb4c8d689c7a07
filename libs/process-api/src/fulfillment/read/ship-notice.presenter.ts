import { Decimal } from '@o2c/domain';
import { presentDecimal } from '@o2c/http';
import type { PostalAddress } from '@o2c/persistence';

export interface ShipNoticeHeaderRow {
  id: string;
  shipmentNumber: string;
  externalShipmentId: string | null;
  shippedAt: Date | null;
  carrier: string | null;
  serviceLevel: string | null;
  trackingNumber: string | null;
  orderId: string;
  orderNumber: string;
  externalPoNumber: string | null;
  customerId: string;
  customerNumber: string;
  warehouseId: string;
  warehouseCode: string;
  warehouseName: string;
  warehouseAddress: PostalAddress;
  shipToId: string | null;
  shipToCode: string | null;
  shipToName: string | null;
  shipToAddress: PostalAddress | null;
}

export interface ShipNoticeLineRow {
  orderLineId: string;
  lineNumber: number;
  sku: string;
  description: string;
  baseUom: string;
  customerItemNumber: string | null;
  baseQuantity: string;
  quantity: string;
  lot: string | null;
  serial: string | null;
  packageId: string | null;
}

interface Level {
  id: number;
  parentId: number | null;
  code: 'S' | 'O' | 'P' | 'I';
}

export interface ShipNoticeItemView {
  hl: Level;
  lineNumber: number;
  orderLineId: string;
  sku: string;
  customerItemNumber: string | null;
  description: string;
  quantityShipped: string;
  unit: string;
  quantityOrdered: string;
  lot: string | null;
  serialNumbers: string[];
}

export interface ShipNoticeView {
  transactionSet: '856';
  purpose: 'original';
  structure: 'SOPI';
  shipmentId: string;
  shipmentNumber: string;
  warehouseShipmentId: string | null;
  shippedAt: string;
  hl: Level;
  carrier: { scac: string; serviceLevel: string | null } | null;
  trackingNumber: string | null;
  shipFrom: { warehouseId: string; code: string; name: string; address: PostalAddress };
  shipTo: { shipToId: string; code: string; name: string; address: PostalAddress } | null;
  packageCount: number;
  lineCount: number;
  orders: {
    hl: Level;
    orderId: string;
    orderNumber: string;
    purchaseOrderNumber: string | null;
    customerId: string;
    customerNumber: string;
    packs: { hl: Level; packageId: string | null; items: ShipNoticeItemView[] }[];
  }[];
}

/**
 * The advance ship notice of a confirmed shipment in the X12 856 hierarchy: one shipment (S),
 * its order (O), each package (P, loose items in one pack without a label) and the items in it
 * (I: an order line and lot, with its serial numbers). HL numbers count from 1 in that order,
 * each naming its parent, so an EDI translator maps them one to one.
 */
export function presentShipNotice(
  header: ShipNoticeHeaderRow & { shippedAt: Date },
  lines: ShipNoticeLineRow[],
): ShipNoticeView {
  let next = 0;
  const level = (code: Level['code'], parentId: number | null): Level => ({
    id: (next += 1),
    parentId,
    code,
  });
  const shipmentLevel = level('S', null);
  const orderLevel = level('O', shipmentLevel.id);
  const packs = [...groupBy(lines, (line) => line.packageId ?? '').values()].map((packed) => {
    const packLevel = level('P', orderLevel.id);
    const items = [...groupBy(packed, (line) => `${line.orderLineId}|${line.lot ?? ''}`).values()];
    return {
      hl: packLevel,
      packageId: packed[0]?.packageId ?? null,
      items: items.map((group) => presentItem(level('I', packLevel.id), group)),
    };
  });
  return {
    transactionSet: '856',
    purpose: 'original',
    structure: 'SOPI',
    shipmentId: header.id,
    shipmentNumber: header.shipmentNumber,
    warehouseShipmentId: header.externalShipmentId,
    shippedAt: header.shippedAt.toISOString(),
    hl: shipmentLevel,
    carrier: header.carrier ? { scac: header.carrier, serviceLevel: header.serviceLevel } : null,
    trackingNumber: header.trackingNumber,
    shipFrom: {
      warehouseId: header.warehouseId,
      code: header.warehouseCode,
      name: header.warehouseName,
      address: header.warehouseAddress,
    },
    shipTo:
      header.shipToId && header.shipToCode && header.shipToName && header.shipToAddress
        ? {
            shipToId: header.shipToId,
            code: header.shipToCode,
            name: header.shipToName,
            address: header.shipToAddress,
          }
        : null,
    packageCount: packs.filter((pack) => pack.packageId !== null).length,
    lineCount: new Set(lines.map((line) => line.orderLineId)).size,
    orders: [
      {
        hl: orderLevel,
        orderId: header.orderId,
        orderNumber: header.orderNumber,
        purchaseOrderNumber: header.externalPoNumber,
        customerId: header.customerId,
        customerNumber: header.customerNumber,
        packs,
      },
    ],
  };
}

function presentItem(hl: Level, group: ShipNoticeLineRow[]): ShipNoticeItemView {
  const first = group[0];
  const shipped = Decimal.sum(0, ...group.map((line) => new Decimal(line.quantity)));
  return {
    hl,
    lineNumber: first.lineNumber,
    orderLineId: first.orderLineId,
    sku: first.sku,
    customerItemNumber: first.customerItemNumber,
    description: first.description,
    quantityShipped: presentDecimal(shipped.toFixed()),
    unit: first.baseUom,
    quantityOrdered: presentDecimal(first.baseQuantity),
    lot: first.lot,
    serialNumbers: group.flatMap((line) => (line.serial === null ? [] : [line.serial])),
  };
}

/** Insertion-ordered groups. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
