import { billableLineQuantity, computeOrderTotals, Decimal } from '@o2c/domain';
import type { SalesOrder, SalesOrderLine } from '@o2c/persistence';
import { applyTotals } from '../intake/order-record.builder';
import type { FlowSession } from './flow-session';

/** How the totals moved, as stored: for the process event that rejected the quantity. */
export interface TotalsChange {
  total: { from: string; to: string };
  lines: { lineNumber: number; from: string; to: string }[];
}

/** Stored amounts keep the column's 4 decimals. */
const stored = (value: Decimal) => value.toFixed(4);

/**
 * Prices the order again for what it will bill, once quantity of its lines was rejected (a
 * shortage accepted, a short shipment) or cancelled: each line at its order price for what is
 * left of it (domain), by the same totals rule as intake, freight kept. The exposure counts the
 * order's total, so without this a customer would carry refused quantity against the limit.
 * Undefined when nothing moved (a line with nothing rejected prices exactly as at intake).
 * `lines`: every line of the order that was priced (cancelled ones count as nothing). What
 * moved is touched in the session.
 */
export function applyBillableTotals(
  session: FlowSession,
  order: SalesOrder,
  lines: SalesOrderLine[],
): TotalsChange | undefined {
  const totals = computeOrderTotals({
    currency: order.currency,
    freight: new Decimal(order.freight),
    lines: lines.map((line) => ({
      quantity:
        line.status === 'cancelled'
          ? new Decimal(0)
          : billableLineQuantity({
              quantity: new Decimal(line.quantity),
              baseQuantity: new Decimal(line.baseQuantity),
              rejected: new Decimal(line.quantityRejected),
            }),
      unitPrice: new Decimal(line.unitPrice),
    })),
  });
  const changedLines = lines.flatMap((line, index) => {
    const to = stored(totals.lines[index].total.amount);
    if (new Decimal(line.lineTotal).equals(to)) return [];
    const from = line.lineTotal;
    line.lineTotal = to;
    session.touch(line);
    return [{ lineNumber: line.lineNumber, from, to }];
  });
  const total = stored(totals.total.amount);
  if (changedLines.length === 0 && new Decimal(order.total).equals(total)) return undefined;
  const from = order.total;
  applyTotals(order, totals);
  session.touch(order);
  return { total: { from, to: total }, lines: changedLines };
}
