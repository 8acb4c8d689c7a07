import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccountScope, restrictToAccountScope } from '@o2c/governance';
import type { CursorKey } from '@o2c/http';
import { Customer, OrderHold, SalesOrder, Task, type WorkQueue } from '@o2c/persistence';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { ListTasksQuery } from './task.contract';
import { DUE_KEY_COLUMN, orderTaskPage, taskCursorKey } from './task-page.keyset';

/** Tasks about orders carry this subject type; the order's customer owns them. */
export const ORDER_SUBJECT = 'sales_order';

export interface TaskRecord {
  task: Task;
  hold: OrderHold | null;
  /** With its customer; null for tasks that are not about an order. */
  order: SalesOrder | null;
}

export interface KeyedTaskRecord {
  key: CursorKey;
  record: TaskRecord;
}

const LIVE = ['open', 'claimed'];

@Injectable()
export class TaskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page of a queue inside the principal's accounts (through the subject order). */
  async findPage(
    scope: AccountScope,
    queue: WorkQueue,
    query: ListTasksQuery,
    now: Date,
  ): Promise<KeyedTaskRecord[]> {
    const builder = this.scoped(this.dataSource.manager, scope)
      .leftJoinAndSelect('task.hold', 'hold')
      .andWhere('task.queue = :queue', { queue })
      .andWhere('task.status IN (:...statuses)', { statuses: query.status ?? LIVE });
    if (query.assigneeRole !== undefined)
      builder.andWhere('task.assigneeRole = :assigneeRole', { assigneeRole: query.assigneeRole });
    if (query.assignee !== undefined)
      builder.andWhere('task.assignee = :assignee', { assignee: query.assignee });
    if (query.customerId !== undefined)
      builder.andWhere('sales_order.customerId = :customerId', { customerId: query.customerId });
    if (query.overdue !== undefined) {
      // IS NOT NULL keeps the expression two-valued: undated tasks are simply not overdue.
      const overdue = `(task.status IN ('open', 'claimed') AND task.slaDueAt IS NOT NULL AND task.slaDueAt < :now)`;
      builder.andWhere(query.overdue ? overdue : `NOT ${overdue}`, { now });
    }
    orderTaskPage(builder, query.sort, query.cursor, query.limit);
    const { entities, raw } = await builder.getRawAndEntities<Record<string, unknown>>();
    const dueById = new Map(raw.map((row) => [String(row.task_id), String(row[DUE_KEY_COLUMN])]));
    const records = await this.withOrders(this.dataSource.manager, entities);
    return records.map((record) => ({
      key: taskCursorKey(query.sort, dueById.get(record.task.id) ?? 'infinity', record.task),
      record,
    }));
  }

  async findById(
    scope: AccountScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TaskRecord | undefined> {
    const task = await this.scoped(manager, scope)
      .leftJoinAndSelect('task.hold', 'hold')
      .andWhere('task.id = :id', { id })
      .getOne();
    if (!task) return undefined;
    const [record] = await this.withOrders(manager, [task]);
    return record;
  }

  /**
   * Locks what a change of the task touches, in the order every flow locks: the order's
   * customer, the order, then the task and its hold. Decisions on two holds of one order thus
   * serialize, so the second sees the first's resolved hold and exactly one resumes the flow,
   * and no lock is ever taken crosswise to order intake. Outside the scope nothing is locked.
   */
  async lockForChange(
    manager: EntityManager,
    scope: AccountScope,
    id: string,
  ): Promise<TaskRecord | undefined> {
    const visible = await this.scoped(manager, scope).andWhere('task.id = :id', { id }).getOne();
    if (!visible) return undefined;
    if (visible.subjectType === ORDER_SUBJECT) {
      const order = await manager.findOne(SalesOrder, { where: { id: visible.subjectId } });
      if (order) {
        const locked = { lock: { mode: 'pessimistic_write' } } as const;
        await manager.findOne(Customer, { where: { id: order.customerId }, ...locked });
        await manager.findOne(SalesOrder, { where: { id: order.id }, ...locked });
      }
    }
    const task = await manager.findOne(Task, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!task) return undefined;
    // Kept apart from task.hold so that saving the task never touches the hold.
    const hold = task.holdId
      ? await manager.findOne(OrderHold, {
          where: { id: task.holdId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    const [record] = await this.withOrders(manager, [task]);
    return record ? { ...record, hold } : undefined;
  }

  /** Other holds of the order still waiting for a decision (read under the order's lock). */
  countOtherOpenHolds(manager: EntityManager, orderId: string, holdId: string): Promise<number> {
    return manager
      .getRepository(OrderHold)
      .createQueryBuilder('hold')
      .where('hold.orderId = :orderId', { orderId })
      .andWhere("hold.status = 'open'")
      .andWhere('hold.id <> :holdId', { holdId })
      .getCount();
  }

  /** Tasks with the order they are about, restricted to the principal's accounts. */
  private scoped(manager: EntityManager, scope: AccountScope): SelectQueryBuilder<Task> {
    const builder = manager
      .getRepository(Task)
      .createQueryBuilder('task')
      .leftJoin(
        SalesOrder,
        'sales_order',
        `task.subjectType = '${ORDER_SUBJECT}' AND sales_order.id = task.subjectId`,
      );
    return restrictToAccountScope(builder, 'sales_order.customerId', scope);
  }

  /** The page's orders with their customers in one query, whatever the page size. */
  private async withOrders(manager: EntityManager, tasks: Task[]): Promise<TaskRecord[]> {
    const orderIds = tasks
      .filter((task) => task.subjectType === ORDER_SUBJECT)
      .map((task) => task.subjectId);
    const orders =
      orderIds.length === 0
        ? []
        : await manager.find(SalesOrder, {
            where: { id: In(orderIds) },
            relations: { customer: true },
          });
    const byId = new Map(orders.map((order) => [order.id, order]));
    return tasks.map((task) => ({
      task,
      hold: task.hold ?? null,
      order: task.subjectType === ORDER_SUBJECT ? (byId.get(task.subjectId) ?? null) : null,
    }));
  }
}
