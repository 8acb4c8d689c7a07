import type { Decimal, OrderTotals } from '@o2c/domain';
import { SalesOrderLine, type SalesOrder, timeOrderedId } from '@o2c/persistence';
import { lineInFlow } from '../flow/order-loader';
import type { LineInFlow } from '../flow/order-in-flow';
import type { PricedLine } from './order-lines.pricer';
import { newRecord } from '../flow/new-record';

/** Stored amounts keep the column's 4 decimals. */
const stored = (value: Decimal) => value.toFixed(4);

/** Order totals as priced (tax is added by invoicing). */
export function applyTotals(order: SalesOrder, totals: OrderTotals): void {
  order.subtotal = stored(totals.subtotal.amount);
  order.taxTotal = stored(totals.taxTotal.amount);
  order.freight = stored(totals.freight.amount);
  order.total = stored(totals.total.amount);
}

/**
 * A line as validated and priced, waiting for allocation (status open, nothing allocated):
 * a new line, or an existing one whose content a change replaces.
 */
export function applyPricedLine(line: SalesOrderLine, priced: PricedLine): void {
  line.itemId = priced.item.id;
  line.substitutedForItemId = null;
  line.customerItemNumber = priced.customerItemNumber;
  line.quantity = priced.quantity.toFixed();
  line.uom = priced.uom;
  line.baseQuantity = priced.baseQuantity.toFixed();
  line.requestedUnitPrice = priced.requestedUnitPrice?.toFixed() ?? null;
  line.contractUnitPrice = priced.pricing.contractUnitPrice?.toFixed() ?? null;
  line.unitPrice = priced.pricing.unitPrice.toFixed();
  line.priceSource = priced.pricing.priceSource;
  line.lineTotal = stored(priced.lineTotal);
  line.status = 'open';
  line.quantityAllocated = '0';
  line.quantityBackordered = '0';
  line.quantityRejected = '0';
}

export function newLine(orderId: string, lineNumber: number, priced: PricedLine): SalesOrderLine {
  const line = newRecord(SalesOrderLine, {
    id: timeOrderedId(),
    orderId,
    lineNumber,
    quantityShipped: '0',
  });
  applyPricedLine(line, priced);
  return line;
}

/** The line with what allocation needs of its (priced) item. */
export function pricedLineInFlow(line: SalesOrderLine, priced: PricedLine): LineInFlow {
  return lineInFlow(line, priced.item);
}
