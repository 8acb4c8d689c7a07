import {
  ALLOCATION_LINE_STATUSES,
  type AllocationLineStatus,
  x12LineStatusCode,
  type X12LineStatusCode,
} from '@o2c/domain';
import type { OrderHold, SalesOrder, SalesOrderLine, Task } from '@o2c/persistence';
import {
  presentMoney,
  presentOptionalUnitPrice,
  presentDecimal,
  presentUnitPrice,
} from '@o2c/http';

export interface AllocationRow {
  id: string;
  orderLineId: string;
  warehouseId: string;
  warehouseCode: string;
  itemId: string;
  quantity: string;
  status: string;
  createdAt: Date;
}

export interface EventRow {
  sequence: string;
  activity: string;
  occurredAt: Date;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
}

/** What a line shows of its item (and of the ordered item, when substituted). */
export interface ItemRow {
  sku: string;
  description: string;
  baseUom: string;
}

export interface OrderDetailRecord {
  order: SalesOrder;
  /** By line number. */
  lines: SalesOrderLine[];
  /** The items of the lines (and the ordered items of substituted lines), by id. */
  items: ReadonlyMap<string, ItemRow>;
  holds: OrderHold[];
  tasks: Task[];
  allocations: AllocationRow[];
  events: EventRow[];
}

interface ItemReferenceView {
  id: string;
  sku: string;
  description: string;
}

export type OrderDetailView = ReturnType<typeof presentOrderDetail>;

export function presentOrderDetail(record: OrderDetailRecord) {
  const { order } = record;
  const lineNumbers = new Map(record.lines.map((line) => [line.id, line.lineNumber]));
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    channel: order.channel,
    externalPoNumber: order.externalPoNumber,
    shipToId: order.shipToId,
    requestedDate: order.requestedDate,
    status: order.status,
    statusReason: order.statusReason,
    currency: order.currency,
    totals: {
      subtotal: presentMoney(order.subtotal, order.currency),
      taxTotal: presentMoney(order.taxTotal, order.currency),
      freight: presentMoney(order.freight, order.currency),
      total: presentMoney(order.total, order.currency),
    },
    touchless: order.touchless,
    revision: order.revision,
    replacesOrderId: order.replacesOrderId,
    replacedByOrderId: order.replacedByOrderId,
    lines: record.lines.map((line) => presentLine(line, record.items, order.currency)),
    holds: record.holds.map(presentHold),
    tasks: record.tasks.map(presentTask),
    allocations: record.allocations.map((allocation) => ({
      id: allocation.id,
      orderLineId: allocation.orderLineId,
      lineNumber: lineNumbers.get(allocation.orderLineId) ?? 0,
      warehouseId: allocation.warehouseId,
      warehouseCode: allocation.warehouseCode,
      itemId: allocation.itemId,
      quantity: presentDecimal(allocation.quantity),
      status: allocation.status,
      createdAt: allocation.createdAt.toISOString(),
    })),
    events: record.events.map((event) => ({
      sequence: event.sequence,
      activity: event.activity,
      occurredAt: event.occurredAt.toISOString(),
      actor: event.actor,
      reason: event.reason,
      data: event.data,
    })),
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

function presentLine(line: SalesOrderLine, items: ReadonlyMap<string, ItemRow>, currency: string) {
  const item = items.get(line.itemId);
  return {
    id: line.id,
    lineNumber: line.lineNumber,
    status: line.status,
    x12StatusCode: x12Code(line.status),
    item: itemReference(item, line.itemId),
    orderedItem:
      line.substitutedForItemId === null
        ? null
        : itemReference(items.get(line.substitutedForItemId), line.substitutedForItemId),
    customerItemNumber: line.customerItemNumber,
    quantity: presentDecimal(line.quantity),
    uom: line.uom,
    baseQuantity: presentDecimal(line.baseQuantity),
    baseUom: item?.baseUom ?? line.uom,
    quantityAllocated: presentDecimal(line.quantityAllocated),
    quantityBackordered: presentDecimal(line.quantityBackordered),
    quantityRejected: presentDecimal(line.quantityRejected),
    quantityShipped: presentDecimal(line.quantityShipped),
    requestedUnitPrice: presentOptionalUnitPrice(line.requestedUnitPrice, currency),
    contractUnitPrice: presentOptionalUnitPrice(line.contractUnitPrice, currency),
    unitPrice: presentUnitPrice(line.unitPrice, currency),
    priceSource: line.priceSource,
    lineTotal: presentMoney(line.lineTotal, currency),
  };
}

/** Statuses that answer a purchase order line (X12 855); open, cancelled, shipped have none. */
function x12Code(status: string): X12LineStatusCode | null {
  return isAcknowledged(status) ? x12LineStatusCode(status) : null;
}

function isAcknowledged(status: string): status is AllocationLineStatus {
  return (ALLOCATION_LINE_STATUSES as readonly string[]).includes(status);
}

function itemReference(item: ItemRow | undefined, id: string): ItemReferenceView {
  return { id, sku: item?.sku ?? '', description: item?.description ?? '' };
}

function presentHold(hold: OrderHold) {
  return {
    id: hold.id,
    type: hold.type,
    status: hold.status,
    reasonCode: hold.reasonCode,
    evidence: hold.evidence,
    openedAt: hold.openedAt.toISOString(),
    resolvedAt: hold.resolvedAt?.toISOString() ?? null,
    resolvedBy: hold.resolvedBy,
    resolutionComment: hold.resolutionComment,
  };
}

function presentTask(task: Task) {
  return {
    id: task.id,
    queue: task.queue,
    status: task.status,
    holdId: task.holdId,
    assigneeRole: task.assigneeRole,
    assignee: task.assignee,
    priority: task.priority,
    slaDueAt: task.slaDueAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
  };
}
