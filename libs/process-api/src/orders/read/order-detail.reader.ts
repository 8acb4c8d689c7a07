import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, accountScopeWhere } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { OrderHold, SalesOrder, SalesOrderLine, Task } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type AllocationRow,
  type EventRow,
  type OrderDetailView,
  presentOrderDetail,
} from './order-detail.presenter';

export type { OrderDetailView } from './order-detail.presenter';

const ALLOCATIONS = `
  SELECT a.id, a.order_line_id AS "orderLineId", a.warehouse_id AS "warehouseId",
         w.code AS "warehouseCode", a.item_id AS "itemId", a.quantity::text AS quantity,
         a.status, a.created_at AS "createdAt"
    FROM allocations a
    JOIN warehouses w ON w.id = a.warehouse_id
    JOIN sales_order_lines l ON l.id = a.order_line_id
   WHERE a.order_line_id = ANY($1::uuid[])
   ORDER BY l.line_number, a.created_at, w.code, a.id`;

const EVENTS = `
  SELECT sequence::text AS sequence, activity, occurred_at AS "occurredAt", actor, reason, data
    FROM process_events
   WHERE object_type = 'order' AND object_id = $1
   ORDER BY process_events.sequence`;

/** What a transaction that created the order already knows: the order as it inserted it
 *  (generated columns returned by the INSERT), whether it opened holds (it opened all there
 *  are), and the events it wrote (all there are). */
export interface CreatedOrderState {
  order: SalesOrder;
  holdsOpened: boolean;
  events: EventRow[];
}

/**
 * The whole story of one order: lines with their items, every hold, the tasks of its holds,
 * allocations with their warehouse and the process event timeline. Six queries, whatever the
 * order's size (two for an order just created); another account's order is not found.
 */
@Injectable()
export class OrderDetailReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(scope: AccountScope, orderId: string): Promise<OrderDetailView> {
    const manager = this.dataSource.manager;
    const order = await manager.findOne(SalesOrder, {
      where: { id: orderId, ...accountScopeWhere('customerId', scope) },
    });
    if (!order) throw ProblemException.notFound('order', orderId);
    return this.detail(manager, order, { holdsOpened: true });
  }

  /**
   * The detail of an order created in the caller's transaction, on its connection (no pooled
   * connection per query, nothing queued after the commit): lines and allocations are read,
   * the rest is known.
   */
  readCreated(manager: EntityManager, created: CreatedOrderState): Promise<OrderDetailView> {
    return this.detail(manager, created.order, created);
  }

  private async detail(
    manager: EntityManager,
    order: SalesOrder,
    known: { holdsOpened: boolean; events?: EventRow[] },
  ): Promise<OrderDetailView> {
    const orderId = order.id;
    const lines = await manager.find(SalesOrderLine, {
      where: { orderId },
      relations: { item: true, substitutedForItem: true },
      order: { lineNumber: 'ASC' },
    });
    const holds = () =>
      known.holdsOpened
        ? manager.find(OrderHold, {
            where: { orderId },
            order: { openedAt: 'ASC', type: 'ASC', id: 'ASC' },
          })
        : Promise.resolve([]);
    const tasks = () =>
      known.holdsOpened
        ? manager.find(Task, {
            where: { subjectType: 'sales_order', subjectId: orderId },
            order: { createdAt: 'ASC', queue: 'ASC', id: 'ASC' },
          })
        : Promise.resolve([]);
    const allocations = () =>
      lines.length === 0
        ? Promise.resolve([])
        : manager.query<AllocationRow[]>(ALLOCATIONS, [lines.map((line) => line.id)]);
    const events = () =>
      known.events ? Promise.resolve(known.events) : manager.query<EventRow[]>(EVENTS, [orderId]);
    // A transaction has one connection: its queries run one after another.
    const rest = manager.queryRunner
      ? {
          holds: await holds(),
          tasks: await tasks(),
          allocations: await allocations(),
          events: await events(),
        }
      : await Promise.all([holds(), tasks(), allocations(), events()]).then(
          ([holds, tasks, allocations, events]) => ({ holds, tasks, allocations, events }),
        );
    return presentOrderDetail({ order, lines, ...rest });
  }
}
