import type { Allocation, OrderHold, SalesOrderLine } from '@o2c/persistence';
import {
  type MoneyView,
  presentDecimal,
  presentMoney,
  presentOptionalUnitPrice,
  presentUnitPrice,
} from '@o2c/http';
import {
  type DocumentTotalsView,
  type ItemReferenceView,
  presentItemReference,
  presentTotals,
} from '../shared/record.presenter';
import type { OrderRecord } from './order.repository';

export interface OrderLineView {
  id: string;
  lineNumber: number;
  status: string;
  item: ItemReferenceView;
  customerItemNumber: string | null;
  quantity: string;
  uom: string;
  baseQuantity: string;
  baseUom: string;
  quantityAllocated: string;
  quantityShipped: string;
  quantityBackordered: string;
  unitPrice: MoneyView;
  requestedUnitPrice: MoneyView | null;
  contractUnitPrice: MoneyView | null;
  priceSource: string;
  lineTotal: MoneyView;
  substitutedForItemId: string | null;
}

export interface OrderAllocationView {
  id: string;
  orderLineId: string;
  lineNumber: number;
  warehouseId: string;
  quantity: string;
  status: string;
  createdAt: string;
}

export interface OrderHoldView {
  id: string;
  type: string;
  reasonCode: string;
  evidence: Record<string, unknown>;
  openedAt: string;
}

export interface OrderView {
  id: string;
  orderNumber: string;
  customerId: string;
  channel: string;
  externalPoNumber: string | null;
  shipToId: string | null;
  requestedDate: string | null;
  status: string;
  currency: string;
  totals: DocumentTotalsView;
  touchless: boolean;
  revision: number;
  lines: OrderLineView[];
  allocations: OrderAllocationView[];
  holds: OrderHoldView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function presentOrder({ order, lines, allocations, openHolds }: OrderRecord): OrderView {
  const lineNumbers = new Map(lines.map((line) => [line.id, line.lineNumber]));
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    channel: order.channel,
    externalPoNumber: order.externalPoNumber,
    shipToId: order.shipToId,
    requestedDate: order.requestedDate,
    status: order.status,
    currency: order.currency,
    totals: presentTotals(order, order.currency),
    touchless: order.touchless,
    revision: order.revision,
    lines: lines.map((line) => presentLine(line, order.currency)),
    allocations: allocations.map((allocation) =>
      presentAllocation(allocation, lineNumbers.get(allocation.orderLineId) ?? 0),
    ),
    holds: openHolds.map(presentHold),
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

function presentLine(line: SalesOrderLine, currency: string): OrderLineView {
  return {
    id: line.id,
    lineNumber: line.lineNumber,
    status: line.status,
    item: presentItemReference(line.item, line.itemId),
    customerItemNumber: line.customerItemNumber,
    quantity: presentDecimal(line.quantity),
    uom: line.uom,
    baseQuantity: presentDecimal(line.baseQuantity),
    baseUom: line.item?.baseUom ?? line.uom,
    quantityAllocated: presentDecimal(line.quantityAllocated),
    quantityShipped: presentDecimal(line.quantityShipped),
    quantityBackordered: presentDecimal(line.quantityBackordered),
    unitPrice: presentUnitPrice(line.unitPrice, currency),
    requestedUnitPrice: presentOptionalUnitPrice(line.requestedUnitPrice, currency),
    contractUnitPrice: presentOptionalUnitPrice(line.contractUnitPrice, currency),
    priceSource: line.priceSource,
    lineTotal: presentMoney(line.lineTotal, currency),
    substitutedForItemId: line.substitutedForItemId,
  };
}

function presentAllocation(allocation: Allocation, lineNumber: number): OrderAllocationView {
  return {
    id: allocation.id,
    orderLineId: allocation.orderLineId,
    lineNumber,
    warehouseId: allocation.warehouseId,
    quantity: presentDecimal(allocation.quantity),
    status: allocation.status,
    createdAt: allocation.createdAt.toISOString(),
  };
}

function presentHold(hold: OrderHold): OrderHoldView {
  return {
    id: hold.id,
    type: hold.type,
    reasonCode: hold.reasonCode,
    evidence: hold.evidence,
    openedAt: hold.openedAt.toISOString(),
  };
}
