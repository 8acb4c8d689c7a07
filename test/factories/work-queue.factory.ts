import {
  type HoldType,
  InventoryBalance,
  Item,
  OrderHold,
  SalesOrder,
  SalesOrderLine,
  Task,
  type TaskStatus,
  Warehouse,
  type WorkQueue,
} from '@o2c/persistence';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type CustomerAccount, insertCustomerAccount } from './sales-order.factory';

/** One hold of an order and the task it opened in a work queue. */
export interface HoldSpec {
  type: HoldType;
  queue: WorkQueue;
  role: string;
  reasonCode?: string;
  evidence?: Record<string, unknown>;
  priority?: number;
  /** SLA due time; null for a task without one. Default: 8 hours from now. */
  dueAt?: Date | null;
  status?: TaskStatus;
  assignee?: string | null;
}

export interface HeldOrderOptions {
  /** Reuse an account instead of creating one. */
  customer?: CustomerAccount;
  holds: HoldSpec[];
  /** On hand in the warehouse serving the ship-to (10 EA are ordered). */
  onHand?: string;
}

export interface HeldOrder extends CustomerAccount {
  order: SalesOrder;
  line: SalesOrderLine;
  item: Item;
  warehouse: Warehouse;
  holds: OrderHold[];
  tasks: Task[];
}

const address = { line1: '2 Dock Rd', city: 'Reno', postalCode: '89502', country: 'US' };

/** The task a hold opens, as order intake routes it (inserted directly). */
export function insertTaskForHold(
  manager: EntityManager,
  hold: OrderHold,
  spec: Omit<HoldSpec, 'type'>,
): Promise<Task> {
  const status = spec.status ?? (spec.assignee ? 'claimed' : 'open');
  return manager.save(
    manager.create(Task, {
      queue: spec.queue,
      status,
      subjectType: 'sales_order',
      subjectId: hold.orderId,
      holdId: hold.id,
      priority: spec.priority ?? 3,
      slaDueAt: spec.dueAt === undefined ? new Date(Date.now() + 8 * 3600_000) : spec.dueAt,
      assigneeRole: spec.role,
      assignee: spec.assignee ?? null,
      claimedAt: spec.assignee ? new Date() : null,
      evidence: { ...hold.evidence, reasonCode: hold.reasonCode },
    }),
  );
}

/**
 * An order of 10 EA at 12.50 (total 125.00) waiting on hold, with one open hold and task per
 * spec and enough stock (by default) in a warehouse serving its ship-to region, so that the
 * flow can allocate and release it once the holds clear. Rows are inserted directly: this is
 * the state order intake leaves behind.
 */
export async function insertHeldOrder(
  dataSource: DataSource,
  options: HeldOrderOptions,
): Promise<HeldOrder> {
  return dataSource.transaction(async (manager) => {
    const tag = randomBytes(4).toString('hex').toUpperCase();
    const account = options.customer ?? (await insertCustomerAccount(manager, tag));
    const item = await manager.save(
      manager.create(Item, {
        sku: `WQ-${tag}`,
        description: 'Hex bolt M8',
        baseUom: 'EA',
        standardCost: '8.0000',
        listPrice: '14.0000',
        currency: 'USD',
      }),
    );
    const warehouse = await manager.save(
      manager.create(Warehouse, {
        code: `WQ-${tag}`,
        name: 'Reno DC',
        address,
        regionsServed: ['US-WEST'],
      }),
    );
    await manager.save(
      manager.create(InventoryBalance, {
        warehouseId: warehouse.id,
        itemId: item.id,
        onHand: options.onHand ?? '100.0000',
        allocated: '0.0000',
      }),
    );
    const order = await manager.save(
      manager.create(SalesOrder, {
        orderNumber: `SO-WQ-${tag}`,
        customerId: account.customerId,
        channel: 'portal',
        externalPoNumber: `PO-WQ-${tag}`,
        shipToId: account.shipToId,
        requestedDate: '2026-12-15',
        status: 'on_hold',
        currency: 'USD',
        subtotal: '125.0000',
        taxTotal: '0.0000',
        freight: '0.0000',
        total: '125.0000',
        touchless: false,
      }),
    );
    const line = await manager.save(
      manager.create(SalesOrderLine, {
        orderId: order.id,
        lineNumber: 1,
        itemId: item.id,
        customerItemNumber: null,
        quantity: '10.0000',
        uom: 'EA',
        baseQuantity: '10.0000',
        requestedUnitPrice: null,
        contractUnitPrice: '12.5000',
        unitPrice: '12.5000',
        priceSource: 'contract',
        lineTotal: '125.0000',
        status: 'open',
      }),
    );
    const holds: OrderHold[] = [];
    const tasks: Task[] = [];
    for (const spec of options.holds) {
      const hold = await manager.save(
        manager.create(OrderHold, {
          orderId: order.id,
          type: spec.type,
          reasonCode: spec.reasonCode ?? `${spec.type.toUpperCase()}.REVIEW`,
          evidence: spec.evidence ?? {},
        }),
      );
      holds.push(hold);
      tasks.push(await insertTaskForHold(manager, hold, spec));
    }
    return { ...account, order, line, item, warehouse, holds, tasks };
  });
}
