import { Decimal } from '@o2c/domain';
import type { FlowSession } from '../flow/flow-session';
import type { LineInFlow, OrderInFlow } from '../flow/order-in-flow';
import type { PricedLine } from '../intake/order-lines.pricer';
import { applyPricedLine, newLine, pricedLineInFlow } from '../intake/order-record.builder';
import { checkRequestedLines, type RequestedLine } from '../intake/order-request.checks';
import type { OrderRecordsRepository } from '../persistence/order-records.repository';
import { OrderProcessErrorCode, orderFieldProblem } from '../order-process.errors';
import type { OrderLineChangeBody } from '../order.contract';

/**
 * The lines a change asks for: the complete new set when `lines` is sent (an entry with a
 * lineNumber changes that line and keeps its item, unit and requested price unless it names
 * new ones), else the order's lines as they stand, to be validated and priced again.
 */
export function requestedLinesOf(
  flow: OrderInFlow,
  lines: OrderLineChangeBody[] | undefined,
): RequestedLine[] {
  if (lines === undefined) {
    return flow.lines.map((entry, index) => ({
      ...kept(entry),
      path: `/order/lines/${index}`,
      quantity: new Decimal(entry.line.quantity).toString(),
      lineNumber: entry.line.lineNumber,
    }));
  }
  const byNumber = new Map(flow.lines.map((entry) => [entry.line.lineNumber, entry]));
  return checkRequestedLines(lines).map((line) => {
    if (line.lineNumber === undefined) return line;
    const existing = byNumber.get(line.lineNumber);
    if (!existing) {
      throw orderFieldProblem(
        OrderProcessErrorCode.UNKNOWN_LINE,
        `${line.path}/lineNumber`,
        `the order has no open line ${line.lineNumber}`,
      );
    }
    if (line.sku !== undefined || line.customerItemNumber !== undefined) return line;
    const item = kept(existing);
    return {
      ...line,
      ...item,
      uom: line.uom ?? item.uom,
      requestedUnitPrice: line.requestedUnitPrice ?? item.requestedUnitPrice,
    };
  });
}

/** What a line keeps when a change does not name it anew: its item (by SKU, still showing the
 *  customer's own number), unit and requested price. */
function kept(entry: LineInFlow) {
  const { line } = entry;
  return {
    sku: entry.sku,
    ...(line.customerItemNumber === null ? {} : { customerItemNumber: line.customerItemNumber }),
    uom: line.uom,
    ...(line.requestedUnitPrice === null
      ? {}
      : { requestedUnitPrice: new Decimal(line.requestedUnitPrice).toString() }),
  };
}

/**
 * Applies the new set: named lines change in place, new entries get the next free line
 * numbers, lines left out are cancelled (they stay, numbered, in the order's history).
 * Returns the order with its new live lines, aligned with `priced`.
 */
export async function replaceLines(
  session: FlowSession,
  flow: OrderInFlow,
  requested: RequestedLine[],
  priced: PricedLine[],
  records: OrderRecordsRepository,
): Promise<OrderInFlow> {
  const { order } = flow;
  const byNumber = new Map(flow.lines.map((entry) => [entry.line.lineNumber, entry]));
  let next = await records.highestLineNumber(session.manager, order.id);
  const keptNumbers = new Set<number>();
  const lines = requested.map((request, index) => {
    const line = priced[index];
    const existing =
      request.lineNumber === undefined ? undefined : byNumber.get(request.lineNumber);
    if (existing) {
      applyPricedLine(existing.line, line);
      session.touch(existing.line);
      keptNumbers.add(existing.line.lineNumber);
      return pricedLineInFlow(existing.line, line);
    }
    next += 1;
    const added = newLine(order.id, next, line);
    session.createLines([added]);
    return pricedLineInFlow(added, line);
  });
  for (const entry of flow.lines) {
    if (keptNumbers.has(entry.line.lineNumber)) continue;
    entry.line.status = 'cancelled';
    entry.line.quantityBackordered = '0';
    // Nothing of it will be billed: the line totals nothing, as the order's new total says.
    entry.line.lineTotal = '0.0000';
    session.touch(entry.line);
  }
  return { ...flow, lines };
}
