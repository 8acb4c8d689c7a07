import { randomUUID } from 'node:crypto';
import { Decimal, lineAfterShipment } from '@o2c/domain';
import { Allocation, InventoryMovement, type Shipment, ShipmentLine } from '@o2c/persistence';
import type { FlowSession } from '../../orders/flow/flow-session';
import type { StockDrawdown } from '../persistence/shipment-stock.repository';
import type { PlannedLine } from './shipped-lines.planner';

export interface AppliedShipment {
  shipmentLines: ShipmentLine[];
  drawdowns: StockDrawdown[];
}

/**
 * Writes a planned shipment into the order's records (in the session, saved at its commit):
 * each allocation drawn from becomes `shipped` with exactly what shipped from it (the unshipped
 * rest split off as a new live allocation, or handed back when the line is short-shipped), the
 * line's counters and status move (domain), the ledger gets a shipment movement per line and a
 * release movement per handed-back allocation, and one shipment line per piece and allocation.
 */
export function applyPlannedLines(
  session: FlowSession,
  order: { orderNumber: string },
  shipment: Shipment,
  planned: PlannedLine[],
  rejectRemainder: boolean,
): AppliedShipment {
  const shipmentLines: ShipmentLine[] = [];
  const drawdowns: StockDrawdown[] = [];
  for (const plan of planned) {
    const { line } = plan;
    const handedBack = settleAllocations(session, plan);
    const consumed = Decimal.sum(0, ...plan.drawdown.consumed.values());
    const result = lineAfterShipment(
      {
        ordered: new Decimal(line.baseQuantity),
        allocated: new Decimal(line.quantityAllocated),
        backordered: new Decimal(line.quantityBackordered),
        rejected: new Decimal(line.quantityRejected),
        shipped: new Decimal(line.quantityShipped),
      },
      {
        shipped: plan.shipped,
        fromAllocation: consumed,
        released: plan.released,
        remainder: plan.shortShipped && rejectRemainder ? 'reject' : 'backorder',
      },
    );
    line.quantityShipped = result.quantities.shipped.toFixed();
    line.quantityAllocated = result.quantities.allocated.toFixed();
    line.quantityBackordered = result.quantities.backordered.toFixed();
    line.quantityRejected = result.quantities.rejected.toFixed();
    line.status = result.status;
    session.touch(line);

    const movements = [
      movement(session, shipment.warehouseId, line.itemId, 'shipment', plan.shipped, {
        reason: `shipment ${shipment.shipmentNumber} order ${order.orderNumber} line ${line.lineNumber}`,
        reference: `shipment:${shipment.id}`,
      }),
      ...handedBack.map(({ allocationId, quantity }) =>
        movement(session, shipment.warehouseId, line.itemId, 'release', quantity, {
          reason: `order ${order.orderNumber} line ${line.lineNumber} short-shipped`,
          reference: `allocation:${allocationId}`,
        }),
      ),
    ];
    session.createAllocations([], movements);
    drawdowns.push({
      warehouseId: shipment.warehouseId,
      itemId: line.itemId,
      shipped: plan.shipped,
      unreserved: consumed.plus(plan.released),
    });
    for (const part of plan.drawdown.parts) {
      const piece = plan.pieces[part.piece];
      shipmentLines.push(
        session.manager.create(ShipmentLine, {
          id: randomUUID(),
          shipmentId: shipment.id,
          orderLineId: line.id,
          allocationId: part.allocationId,
          quantity: part.quantity.toFixed(),
          lot: piece?.lot ?? null,
          serial: piece?.serial ?? null,
          packageId: piece?.packageId ?? null,
        }),
      );
    }
  }
  return { shipmentLines, drawdowns };
}

/** Allocations drawn from become shipped; what they kept is split off (still reserved) or,
 *  for a short-shipped line, handed back with the allocations nothing was drawn from. */
function settleAllocations(
  session: FlowSession,
  plan: PlannedLine,
): { allocationId: string; quantity: Decimal }[] {
  const handedBack: { allocationId: string; quantity: Decimal }[] = [];
  const splits: Allocation[] = [];
  for (const allocation of plan.allocations) {
    const quantity = new Decimal(allocation.quantity);
    const consumed = plan.drawdown.consumed.get(allocation.id) ?? new Decimal(0);
    const rest = quantity.minus(consumed);
    if (consumed.isZero()) {
      if (!plan.shortShipped) continue;
      allocation.status = 'cancelled';
      handedBack.push({ allocationId: allocation.id, quantity });
    } else {
      if (rest.greaterThan(0) && plan.shortShipped) {
        handedBack.push({ allocationId: allocation.id, quantity: rest });
      } else if (rest.greaterThan(0)) {
        splits.push(
          session.manager.create(Allocation, {
            id: randomUUID(),
            orderLineId: allocation.orderLineId,
            warehouseId: allocation.warehouseId,
            itemId: allocation.itemId,
            quantity: rest.toFixed(),
            status: allocation.status,
          }),
        );
      }
      allocation.quantity = consumed.toFixed();
      allocation.status = 'shipped';
    }
    session.touch(allocation);
  }
  session.createAllocations(splits, []);
  return handedBack;
}

function movement(
  session: FlowSession,
  warehouseId: string,
  itemId: string,
  type: 'shipment' | 'release',
  quantity: Decimal,
  note: { reason: string; reference: string },
): InventoryMovement {
  return session.manager.create(InventoryMovement, {
    id: randomUUID(),
    warehouseId,
    itemId,
    type,
    quantity: quantity.toFixed(),
    reason: note.reason,
    reference: note.reference,
    actor: session.actor.principal,
  });
}
