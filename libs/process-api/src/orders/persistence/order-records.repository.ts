import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, accountScopeWhere, AuditedInserts } from '@o2c/governance';
import {
  Allocation,
  InventoryMovement,
  joinOrBeginTransaction,
  OrderHold,
  type OrderStatus,
  SalesOrder,
  SalesOrderLine,
  type StatementBatch,
  Task,
} from '@o2c/persistence';
import { DataSource, type EntityManager, In, Not } from 'typeorm';

/** An order as links to it name it. */
export interface OrderRef {
  id: string;
  orderNumber: string;
  status: OrderStatus;
}

const PO_HOLDER = `SELECT id, order_number AS "orderNumber", status FROM sales_orders
  WHERE customer_id = $1 AND external_po_number = $2 AND replaced_by_order_id IS NULL`;

/** The live tasks of holds: open or claimed (a claimed task may still be decided). */
export const LIVE_TASK_STATUSES = ['open', 'claimed'] as const;
/** Stock still reserved for an order line. */
export const LIVE_ALLOCATION_STATUSES = ['allocated', 'released'] as const;

/**
 * Orders and what hangs off them (lines, holds, tasks, allocations, stock movements), each
 * row audited: new rows in one INSERT per table, added to the command's StatementBatch
 * (AuditedInserts), changed rows by the ORM's save (which compares with the stored row for
 * the audit image).
 */
@Injectable()
export class OrderRecordsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inserts: AuditedInserts,
  ) {}

  /** The command's transaction: the one the gateway shares with the request's records
   *  (IdempotencyInTransaction), else a new one. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return joinOrBeginTransaction(this.dataSource, work);
  }

  /** The order that holds this PO number for the customer (the latest revision), as a part
   *  of the caller's batch. */
  poNumberHolderIn(
    batch: StatementBatch,
    customerId: string,
    poNumber: string,
  ): () => OrderRef | undefined {
    return batch.read<OrderRef, OrderRef | undefined>(
      PO_HOLDER,
      [customerId, poNumber],
      (rows) => rows[0],
    );
  }

  /** Locks an order of the caller's accounts; null when there is none (or not theirs). */
  lockOrder(manager: EntityManager, scope: AccountScope, id: string): Promise<SalesOrder | null> {
    return manager.findOne(SalesOrder, {
      where: { id, ...accountScopeWhere('customerId', scope) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findOrder(manager: EntityManager, scope: AccountScope, id: string): Promise<SalesOrder | null> {
    return manager.findOne(SalesOrder, {
      where: { id, ...accountScopeWhere('customerId', scope) },
    });
  }

  /** Lines still part of the order (not cancelled), by line number. */
  activeLines(manager: EntityManager, orderId: string): Promise<SalesOrderLine[]> {
    return manager.find(SalesOrderLine, {
      where: { orderId, status: Not('cancelled') },
      order: { lineNumber: 'ASC' },
    });
  }

  async highestLineNumber(manager: EntityManager, orderId: string): Promise<number> {
    const [row] = await manager.query<{ highest: number }[]>(
      'SELECT COALESCE(max(line_number), 0)::int AS highest FROM sales_order_lines WHERE order_id = $1',
      [orderId],
    );
    return row?.highest ?? 0;
  }

  liveAllocations(manager: EntityManager, lineIds: string[]): Promise<Allocation[]> {
    if (lineIds.length === 0) return Promise.resolve([]);
    return manager.find(Allocation, {
      where: { orderLineId: In(lineIds), status: In([...LIVE_ALLOCATION_STATUSES]) },
    });
  }

  holds(manager: EntityManager, orderId: string): Promise<OrderHold[]> {
    return manager.find(OrderHold, { where: { orderId }, order: { openedAt: 'ASC', id: 'ASC' } });
  }

  liveTasks(manager: EntityManager, holdIds: string[]): Promise<Task[]> {
    if (holdIds.length === 0) return Promise.resolve([]);
    return manager.find(Task, {
      where: { holdId: In(holdIds), status: In([...LIVE_TASK_STATUSES]) },
    });
  }

  /** Open credit holds of a customer's held orders, oldest order first. */
  heldForCredit(manager: EntityManager, customerId: string): Promise<SalesOrder[]> {
    return manager
      .getRepository(SalesOrder)
      .createQueryBuilder('sales_order')
      .where('sales_order.customerId = :customerId', { customerId })
      .andWhere("sales_order.status = 'on_hold'")
      .andWhere(
        `EXISTS (SELECT 1 FROM order_holds h WHERE h.order_id = sales_order.id
                    AND h.type = 'credit' AND h.status = 'open')`,
      )
      .orderBy('sales_order.createdAt', 'ASC')
      .addOrderBy('sales_order.id', 'ASC')
      .getMany();
  }

  insertOrders(batch: StatementBatch, manager: EntityManager, orders: SalesOrder[]): Promise<void> {
    return this.inserts.add(batch, manager, SalesOrder, orders);
  }

  insertLines(
    batch: StatementBatch,
    manager: EntityManager,
    lines: SalesOrderLine[],
  ): Promise<void> {
    return this.inserts.add(batch, manager, SalesOrderLine, lines);
  }

  insertHolds(batch: StatementBatch, manager: EntityManager, holds: OrderHold[]): Promise<void> {
    return this.inserts.add(batch, manager, OrderHold, holds);
  }

  insertTasks(batch: StatementBatch, manager: EntityManager, tasks: Task[]): Promise<void> {
    return this.inserts.add(batch, manager, Task, tasks);
  }

  insertAllocations(
    batch: StatementBatch,
    manager: EntityManager,
    allocations: Allocation[],
  ): Promise<void> {
    return this.inserts.add(batch, manager, Allocation, allocations);
  }

  insertMovements(
    batch: StatementBatch,
    manager: EntityManager,
    movements: InventoryMovement[],
  ): Promise<void> {
    return this.inserts.add(batch, manager, InventoryMovement, movements);
  }

  /** Saves changed records (each audited with its before and after image). */
  async save<T extends SalesOrder | SalesOrderLine | OrderHold | Task | Allocation>(
    manager: EntityManager,
    records: T[],
  ): Promise<void> {
    if (records.length > 0) await manager.save(records);
  }
}
