import {
  Allocation,
  type InventoryMovement,
  OrderHold,
  SalesOrder,
  SalesOrderLine,
  Task,
} from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { OrderRecordsRepository } from '../persistence/order-records.repository';
import type { ProcessLogRepository, WrittenEventRow } from '../persistence/process-log.repository';
import type { FlowActor } from './flow-actor';
import { OrderJournal } from './order-journal';

type Changeable = SalesOrder | SalesOrderLine | OrderHold | Task | Allocation;

interface Created {
  orders: SalesOrder[];
  lines: SalesOrderLine[];
  holds: OrderHold[];
  tasks: Task[];
  allocations: Allocation[];
  movements: InventoryMovement[];
}

const nothingCreated = (): Created => ({
  orders: [],
  lines: [],
  holds: [],
  tasks: [],
  allocations: [],
  movements: [],
});

/**
 * One command's work on orders inside its transaction: the clock reading it decides with, the
 * journal of events and messages, and the records it creates or changes. Steps change records
 * in memory; commit() writes them in foreign-key order, then the journal.
 */
export class FlowSession {
  readonly now = new Date();
  /** Pricing, aging and credit are judged on this UTC date. */
  readonly today = this.now.toISOString().slice(0, 10);
  readonly journal: OrderJournal;
  private created = nothingCreated();
  private changed = new Set<Changeable>();
  /** Whether this session opened any hold (kept after commit, for the answer's read). */
  private opened = false;
  /** Events this session wrote, as stored (kept after commit, for the answer's read). */
  private readonly written: WrittenEventRow[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly actor: FlowActor,
  ) {
    this.journal = new OrderJournal(actor);
  }

  createOrder(order: SalesOrder): void {
    this.created.orders.push(order);
  }

  get holdsOpened(): boolean {
    return this.opened;
  }

  /** The events this session wrote for one record, in sequence order. */
  eventsWrittenFor(objectId: string): WrittenEventRow[] {
    return this.written.filter((event) => event.objectId === objectId);
  }

  createLines(lines: SalesOrderLine[]): void {
    this.created.lines.push(...lines);
  }

  createHold(hold: OrderHold, task: Task): void {
    this.opened = true;
    this.created.holds.push(hold);
    this.created.tasks.push(task);
  }

  createAllocations(allocations: Allocation[], movements: InventoryMovement[]): void {
    this.created.allocations.push(...allocations);
    this.created.movements.push(...movements);
  }

  /** Loaded records changed in memory; saved at commit (new ones are inserted as they are). */
  touch(...records: Changeable[]): void {
    for (const record of records) this.changed.add(record);
  }

  async commit(records: OrderRecordsRepository, log: ProcessLogRepository): Promise<void> {
    const { manager } = this;
    const created = this.created;
    const changed = this.changedOnly(created);
    this.created = nothingCreated();
    this.changed = new Set();
    // A replaced order gives up its PO number before its revision takes it (unique index);
    // its link to the revision is a deferred foreign key.
    await records.save(manager, ofType(changed, SalesOrder));
    await records.insertOrders(manager, created.orders);
    await records.insertLines(manager, created.lines);
    await records.save(manager, ofType(changed, SalesOrderLine));
    await records.insertHolds(manager, created.holds);
    await records.save(manager, ofType(changed, OrderHold));
    await records.insertTasks(manager, created.tasks);
    await records.save(manager, ofType(changed, Task));
    await records.insertAllocations(manager, created.allocations);
    await records.save(manager, ofType(changed, Allocation));
    await records.insertMovements(manager, created.movements);
    this.written.push(...(await this.journal.flush(manager, log)));
  }

  private changedOnly(created: Created): Changeable[] {
    const fresh = new Set<Changeable>([
      ...created.orders,
      ...created.lines,
      ...created.holds,
      ...created.tasks,
      ...created.allocations,
    ]);
    return [...this.changed].filter((record) => !fresh.has(record));
  }
}

function ofType<T extends Changeable>(records: Changeable[], type: new () => T): T[] {
  return records.filter((record): record is T => record instanceof type);
}
