import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, accountScopeWhere } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { OrderHold, SalesOrder, SalesOrderLine, Task } from '@o2c/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreatedOrder } from '../flow/flow-session';
import { CatalogueRepository } from '../persistence/catalogue.repository';
import { createdOrderRecord } from './created-order.record';
import {
  type AllocationRow,
  type EventRow,
  type ItemRow,
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

/**
 * The whole story of one order: lines with their items, every hold, the tasks of its holds,
 * allocations with their warehouse and the process event timeline. Six queries, whatever the
 * order's size; another account's order is not found. An order just created is presented
 * from what its transaction wrote, without reading it back.
 */
@Injectable()
export class OrderDetailReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async read(scope: AccountScope, orderId: string): Promise<OrderDetailView> {
    const manager = this.dataSource.manager;
    const order = await manager.findOne(SalesOrder, {
      where: { id: orderId, ...accountScopeWhere('customerId', scope) },
    });
    if (!order) throw ProblemException.notFound('order', orderId);
    const lines = await manager.find(SalesOrderLine, {
      where: { orderId },
      relations: { item: true, substitutedForItem: true },
      order: { lineNumber: 'ASC' },
    });
    const [holds, tasks, allocations, events] = await Promise.all([
      manager.find(OrderHold, {
        where: { orderId },
        order: { openedAt: 'ASC', type: 'ASC', id: 'ASC' },
      }),
      manager.find(Task, {
        where: { subjectType: 'sales_order', subjectId: orderId },
        order: { createdAt: 'ASC', queue: 'ASC', id: 'ASC' },
      }),
      lines.length === 0
        ? Promise.resolve([])
        : manager.query<AllocationRow[]>(ALLOCATIONS, [lines.map((line) => line.id)]),
      manager.query<EventRow[]>(EVENTS, [orderId]),
    ]);
    const items = new Map<string, ItemRow>();
    for (const line of lines) {
      for (const item of [line.item, line.substitutedForItem]) if (item) items.set(item.id, item);
    }
    return presentOrderDetail({ order, lines, items, holds, tasks, allocations, events });
  }

  /**
   * The detail of an order the caller's transaction created, from what it wrote (ordered as
   * read() orders it). Items the command did not read (a substitute chosen by allocation and
   * not released) are read on the transaction's connection.
   */
  async readCreated(manager: EntityManager, created: CreatedOrder): Promise<OrderDetailView> {
    const unknown = [
      ...new Set(
        created.lines.flatMap((line) => [line.itemId, line.substitutedForItemId ?? line.itemId]),
      ),
    ].filter((id) => !created.references.item(id));
    if (unknown.length > 0) {
      created.references.rememberItems(await this.catalogue.itemReferences(manager, unknown));
    }
    return presentOrderDetail(createdOrderRecord(created));
  }
}
