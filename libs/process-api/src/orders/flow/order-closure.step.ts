import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Decimal } from '@o2c/domain';
import {
  type Allocation,
  type HoldType,
  InventoryMovement,
  type OrderHold,
  type SalesOrderLine,
} from '@o2c/persistence';
import { OrderRecordsRepository } from '../persistence/order-records.repository';
import { StockReservationRepository } from '../persistence/stock-reservation.repository';
import type { FlowSession } from './flow-session';
import type { OrderInFlow } from './order-in-flow';
import { newRecord } from './new-record';

/**
 * Undoing what an order holds on to, for cancellation, rejection, change and revision: its
 * reserved stock goes back (guarded decrement of `allocated`, a `release` ledger movement per
 * allocation) and its open holds are closed with their live tasks cancelled.
 */
@Injectable()
export class OrderClosureStep {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly stock: StockReservationRepository,
  ) {}

  /** Returns every live allocation of these lines; the lines keep nothing allocated. */
  async returnStock(
    session: FlowSession,
    order: { id: string; orderNumber: string },
    lines: SalesOrderLine[],
    why: string,
  ): Promise<Allocation[]> {
    const allocations = await this.records.liveAllocations(
      session.manager,
      lines.map((line) => line.id),
    );
    if (allocations.length === 0) return [];
    await this.stock.unreserve(
      session.manager,
      allocations.map((allocation) => ({
        warehouseId: allocation.warehouseId,
        itemId: allocation.itemId,
        quantity: new Decimal(allocation.quantity),
      })),
    );
    const movements = allocations.map((allocation) =>
      newRecord(InventoryMovement, {
        id: randomUUID(),
        warehouseId: allocation.warehouseId,
        itemId: allocation.itemId,
        type: 'release',
        quantity: allocation.quantity,
        reason: `order ${order.orderNumber} ${why}`,
        reference: `allocation:${allocation.id}`,
        actor: session.actor.principal,
      }),
    );
    for (const allocation of allocations) allocation.status = 'cancelled';
    for (const line of lines) line.quantityAllocated = '0';
    session.touch(...allocations, ...lines);
    session.createAllocations([], movements);
    session.journal.record(order.id, 'order.stock_returned', {
      reason: why,
      data: {
        allocations: allocations.map((allocation) => ({
          allocationId: allocation.id,
          warehouseId: allocation.warehouseId,
          itemId: allocation.itemId,
          quantity: allocation.quantity,
        })),
      },
    });
    return allocations;
  }

  /**
   * Cancels the order: stock back, holds closed, lines cancelled, `order.cancelled` published
   * (naming the warehouses that had it, so picking stops).
   */
  async cancel(session: FlowSession, flow: OrderInFlow, reason: string): Promise<void> {
    const { order } = flow;
    const lines = flow.lines.map((entry) => entry.line);
    const returned = await this.returnStock(session, order, lines, 'cancelled');
    await this.closeHolds(session, order.id, 'released', `order cancelled: ${reason}`);
    for (const line of lines) {
      line.status = 'cancelled';
      line.quantityBackordered = '0';
    }
    order.statusReason = reason;
    // Touchless is the way to release: an order that ends before it got there never made it.
    if (order.status !== 'released') order.touchless = false;
    session.touch(order, ...lines);
    session.journal.transition(order, 'cancelled', 'order.cancelled', { reason });
    session.journal.publish(order.id, 'order.cancelled', {
      orderNumber: order.orderNumber,
      customerId: order.customerId,
      externalPoNumber: order.externalPoNumber,
      reason,
      warehouses: [...new Set(returned.map((allocation) => allocation.warehouseId))],
    });
  }

  /** Closes the order's open holds (of these types) as `resolution`, cancelling live tasks. */
  async closeHolds(
    session: FlowSession,
    orderId: string,
    resolution: 'released' | 'rejected',
    comment: string,
    types?: HoldType[],
  ): Promise<OrderHold[]> {
    const open = (await this.records.holds(session.manager, orderId)).filter(
      (hold) => hold.status === 'open' && (types === undefined || types.includes(hold.type)),
    );
    if (open.length === 0) return [];
    const tasks = await this.records.liveTasks(
      session.manager,
      open.map((hold) => hold.id),
    );
    for (const hold of open) {
      hold.status = resolution;
      hold.resolvedAt = session.now;
      hold.resolvedBy = session.actor.principal;
      hold.resolutionComment = comment;
      session.journal.record(orderId, `hold.${resolution}`, {
        reason: comment,
        data: { holdId: hold.id, type: hold.type, reasonCode: hold.reasonCode },
        related: [{ type: 'hold', id: hold.id }],
      });
    }
    for (const task of tasks) task.status = 'cancelled';
    session.touch(...open, ...tasks);
    return open;
  }
}
