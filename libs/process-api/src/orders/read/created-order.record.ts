import type { CreatedOrder } from '../flow/flow-session';
import type { ItemRow, OrderDetailRecord } from './order-detail.presenter';

/** Text order as the database compares it (C collation, the schema's default). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The detail record of an order the session created, ordered as OrderDetailReader.read()
 * orders what it reads: lines by number; holds by opening time, type, id; tasks by creation,
 * queue, id; allocations by line number, warehouse code, id (one transaction gives them all
 * the same timestamps).
 */
export function createdOrderRecord(created: CreatedOrder): OrderDetailRecord {
  const { order, references } = created;
  const lines = [...created.lines].sort((a, b) => a.lineNumber - b.lineNumber);
  const lineNumbers = new Map(lines.map((line) => [line.id, line.lineNumber]));
  const items = new Map<string, ItemRow>();
  for (const line of lines) {
    for (const id of [line.itemId, line.substitutedForItemId]) {
      const item = id === null ? undefined : references.item(id);
      if (item) items.set(item.id, item);
    }
  }
  const allocations = created.allocations
    .map((allocation) => ({
      id: allocation.id,
      orderLineId: allocation.orderLineId,
      warehouseId: allocation.warehouseId,
      warehouseCode: references.warehouseCode(allocation.warehouseId) ?? '',
      itemId: allocation.itemId,
      quantity: allocation.quantity,
      status: allocation.status,
      createdAt: allocation.createdAt,
    }))
    .sort(
      (a, b) =>
        (lineNumbers.get(a.orderLineId) ?? 0) - (lineNumbers.get(b.orderLineId) ?? 0) ||
        byText(a.warehouseCode, b.warehouseCode) ||
        byText(a.id, b.id),
    );
  return {
    order,
    lines,
    items,
    holds: [...created.holds].sort(
      (a, b) =>
        a.openedAt.getTime() - b.openedAt.getTime() || byText(a.type, b.type) || byText(a.id, b.id),
    ),
    tasks: [...created.tasks].sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        byText(a.queue, b.queue) ||
        byText(a.id, b.id),
    ),
    allocations,
    events: created.events,
  };
}
