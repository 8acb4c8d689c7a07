import {
  type AllocationDrawdown,
  checkShipmentQuantity,
  convertQuantity,
  Decimal,
  isDomainError,
  planAllocationDrawdown,
} from '@o2c/domain';
import type { Allocation, SalesOrderLine } from '@o2c/persistence';
import { FulfillmentErrorCode, fulfillmentProblem } from '../fulfillment.errors';
import type { ItemUnitsRow } from '../persistence/fulfilment-orders.repository';
import type { ShipmentEventLineBody } from '../shipment-event.contract';

/** One lot, serial number or package share of a shipped line, in base units. */
export interface ShippedPieceOf {
  quantity: Decimal;
  lot: string | null;
  serial: string | null;
  packageId: string | null;
}

/** What a shipment does to one order line, decided before anything is written. */
export interface PlannedLine {
  line: SalesOrderLine;
  item: ItemUnitsRow;
  shipped: Decimal;
  pieces: ShippedPieceOf[];
  /** Live allocations of the line in the shipping warehouse, oldest first. */
  allocations: Allocation[];
  drawdown: AllocationDrawdown;
  shortShipped: boolean;
  /** Allocation handed back unshipped (short-shipped lines only). */
  released: Decimal;
}

export interface ShippedLinesInput {
  order: { orderNumber: string; statusReason: string | null };
  orderLines: SalesOrderLine[];
  bodyLines: ShipmentEventLineBody[];
  allocations: Allocation[];
  items: ReadonlyMap<string, ItemUnitsRow>;
  tolerancePercent: Decimal;
}

/**
 * The lines of a shipped event against the order: each names a live line of the order, its
 * quantity converts exactly to the item's base unit, and all entries of a line together stay
 * within what was allocated in the warehouse plus the over-shipment tolerance. Then each line's
 * pieces are drawn from its allocations, oldest first. Refusals name the entry.
 */
export function planShippedLines(input: ShippedLinesInput): PlannedLine[] {
  const byNumber = new Map(input.orderLines.map((line) => [line.lineNumber, line]));
  const groups = new Map<string, { line: SalesOrderLine; first: number; entries: number[] }>();
  input.bodyLines.forEach((entry, index) => {
    const line = liveLine(byNumber.get(entry.lineNumber), entry, index, input.order);
    const group = groups.get(line.id) ?? { line, first: index, entries: [] };
    group.entries.push(index);
    groups.set(line.id, group);
  });
  return [...groups.values()].map(({ line, first, entries }) => {
    const item = input.items.get(line.itemId);
    if (!item) throw new Error(`item ${line.itemId} of line ${line.lineNumber} is missing`);
    const pieces = entries.flatMap((index) => piecesOf(input.bodyLines[index], index, item));
    const shipped = Decimal.sum(0, ...pieces.map((piece) => piece.quantity));
    const allocations = input.allocations.filter(
      (allocation) => allocation.orderLineId === line.id,
    );
    const allocated = Decimal.sum(0, ...allocations.map((allocation) => allocation.quantity));
    const verdict = checkShipmentQuantity({
      ordered: new Decimal(line.baseQuantity).minus(line.quantityRejected),
      shippedBefore: new Decimal(line.quantityShipped),
      allocatedInWarehouse: allocated,
      quantity: shipped,
      tolerancePercent: input.tolerancePercent,
    });
    if (!verdict.accepted) {
      throw fulfillmentProblem(
        FulfillmentErrorCode.OVER_SHIPMENT,
        `/body/lines/${first}/quantity`,
        `line ${line.lineNumber}: ${shipped.toFixed()} ${item.baseUom} is more than the ` +
          `${verdict.allowed.toFixed()} allowed (allocated in this warehouse ${allocated.toFixed()}, ` +
          `over-shipment tolerance ${verdict.allowance.toFixed()})`,
        { lineNumber: line.lineNumber, allowed: verdict.allowed.toFixed(), unit: item.baseUom },
      );
    }
    const drawdown = planAllocationDrawdown(
      allocations.map((allocation) => ({
        id: allocation.id,
        quantity: new Decimal(allocation.quantity),
      })),
      pieces,
    );
    const shortShipped = entries.some((index) => input.bodyLines[index].shortShipped === true);
    const consumed = Decimal.sum(0, ...drawdown.consumed.values());
    return {
      line,
      item,
      shipped,
      pieces,
      allocations,
      drawdown,
      shortShipped,
      released: shortShipped ? allocated.minus(consumed) : new Decimal(0),
    };
  });
}

/** The lines a picked or packed event names exist on the order and are live. */
export function checkNamedLines(
  order: ShippedLinesInput['order'],
  orderLines: SalesOrderLine[],
  bodyLines: ShipmentEventLineBody[],
): void {
  const byNumber = new Map(orderLines.map((line) => [line.lineNumber, line]));
  bodyLines.forEach((entry, index) =>
    liveLine(byNumber.get(entry.lineNumber), entry, index, order),
  );
}

function liveLine(
  line: SalesOrderLine | undefined,
  entry: ShipmentEventLineBody,
  index: number,
  order: ShippedLinesInput['order'],
): SalesOrderLine {
  const path = `/body/lines/${index}/lineNumber`;
  if (!line) {
    throw fulfillmentProblem(
      FulfillmentErrorCode.LINE_NOT_FOUND,
      path,
      `order ${order.orderNumber} has no line ${entry.lineNumber}`,
    );
  }
  if (line.status === 'cancelled' || line.status === 'rejected') {
    const why = line.status === 'cancelled' && order.statusReason ? ` (${order.statusReason})` : '';
    throw fulfillmentProblem(
      FulfillmentErrorCode.LINE_CANCELLED,
      path,
      `line ${line.lineNumber} of order ${order.orderNumber} is ${line.status}${why}: nothing of it may ship`,
      { lineStatus: line.status },
    );
  }
  return line;
}

function piecesOf(
  entry: ShipmentEventLineBody,
  index: number,
  item: ItemUnitsRow,
): ShippedPieceOf[] {
  const base = inBaseUnits(entry, index, item);
  const common = { lot: entry.lot ?? null, packageId: entry.packageId ?? null };
  if (entry.serialNumbers) {
    return entry.serialNumbers.map((serial) => ({ ...common, quantity: new Decimal(1), serial }));
  }
  return [{ ...common, quantity: base, serial: null }];
}

function inBaseUnits(entry: ShipmentEventLineBody, index: number, item: ItemUnitsRow): Decimal {
  const quantity = new Decimal(entry.quantity);
  if (entry.uom === undefined || entry.uom === item.baseUom) return quantity;
  try {
    return convertQuantity(quantity, entry.uom, item.baseUom, item, 'quantity');
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw fulfillmentProblem(
      FulfillmentErrorCode.UNIT_NOT_CONVERTIBLE,
      `/body/lines/${index}/uom`,
      `${entry.quantity} ${entry.uom} of ${item.sku} has no exact quantity in ${item.baseUom}: ${error.message}`,
    );
  }
}
