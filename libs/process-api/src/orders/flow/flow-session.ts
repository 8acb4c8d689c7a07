import {
  Allocation,
  type InventoryMovement,
  OrderHold,
  SalesOrder,
  SalesOrderLine,
  StatementBatch,
  Task,
} from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { OrderRecordsRepository } from '../persistence/order-records.repository';
import type { ProcessLogRepository, WrittenEventRow } from '../persistence/process-log.repository';
import type { FlowActor } from './flow-actor';
import { KnownReferences } from './known-references';
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

/** An order this session created, as written: what its answer is made of. */
export interface CreatedOrder {
  order: SalesOrder;
  lines: SalesOrderLine[];
  holds: OrderHold[];
  tasks: Task[];
  allocations: Allocation[];
  events: WrittenEventRow[];
  references: KnownReferences;
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
  /** Items and warehouses the steps have read: the answer names them from here. */
  readonly references = new KnownReferences();
  private created = nothingCreated();
  /** Records written by earlier commits (kept after commit, for the answer). */
  private readonly inserted = nothingCreated();
  private changed = new Set<Changeable>();
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

  /** The events this session wrote for one record, in sequence order. */
  eventsWrittenFor(objectId: string): WrittenEventRow[] {
    return this.written.filter((event) => event.objectId === objectId);
  }

  /** An order this session created and committed, with everything it created for it. */
  createdOrder(orderId: string): CreatedOrder {
    const { orders, lines, holds, tasks, allocations } = this.inserted;
    const order = orders.find((candidate) => candidate.id === orderId);
    if (!order) throw new Error(`order ${orderId} was not created by this session`);
    const ownLines = lines.filter((line) => line.orderId === orderId);
    const lineIds = new Set(ownLines.map((line) => line.id));
    return {
      order,
      lines: ownLines,
      holds: holds.filter((hold) => hold.orderId === orderId),
      tasks: tasks.filter((task) => task.subjectId === orderId),
      allocations: allocations.filter((allocation) => lineIds.has(allocation.orderLineId)),
      events: this.eventsWrittenFor(orderId),
      references: this.references,
    };
  }

  createLines(lines: SalesOrderLine[]): void {
    this.created.lines.push(...lines);
  }

  createHold(hold: OrderHold, task: Task): void {
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

  /**
   * Writes in foreign-key order. New rows and the journal go into one StatementBatch (a single
   * round trip when nothing was changed, as at intake); a save of changed records (the ORM's)
   * first sends what must precede it.
   */
  async commit(records: OrderRecordsRepository, log: ProcessLogRepository): Promise<void> {
    const { manager } = this;
    const created = this.created;
    const changed = this.changedOnly(created);
    this.created = nothingCreated();
    this.changed = new Set();
    const batch = new StatementBatch(manager);
    const save = async <T extends Changeable>(type: new () => T) => {
      const saved = ofType(changed, type);
      if (saved.length === 0) return;
      await batch.flush();
      await records.save(manager, saved);
    };
    // A replaced order gives up its PO number before its revision takes it (unique index);
    // its link to the revision is a deferred foreign key.
    await save(SalesOrder);
    await records.insertOrders(batch, manager, created.orders);
    await records.insertLines(batch, manager, created.lines);
    await save(SalesOrderLine);
    await records.insertHolds(batch, manager, created.holds);
    await save(OrderHold);
    await records.insertTasks(batch, manager, created.tasks);
    await save(Task);
    await records.insertAllocations(batch, manager, created.allocations);
    await save(Allocation);
    await records.insertMovements(batch, manager, created.movements);
    this.journal.flushInto(batch, log, (events) => this.written.push(...events));
    await batch.flush();
    for (const key of Object.keys(created) as (keyof Created)[]) {
      (this.inserted[key] as unknown[]).push(...created[key]);
    }
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
