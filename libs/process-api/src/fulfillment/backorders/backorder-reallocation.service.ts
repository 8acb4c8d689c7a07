import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal, lineAfterBackorderAllocation, stockKey } from '@o2c/domain';
import {
  Allocation,
  InventoryMovement,
  type SalesOrder,
  type SalesOrderLine,
} from '@o2c/persistence';
import type { InventoryReceiptListener, StockReceived } from '@o2c/system-api';
import { DataSource, type EntityManager } from 'typeorm';
import type { FlowActor } from '../../orders/flow/flow-actor';
import { FlowSession } from '../../orders/flow/flow-session';
import { CatalogueRepository } from '../../orders/persistence/catalogue.repository';
import { CustomerAccountRepository } from '../../orders/persistence/customer-account.repository';
import { OrderRecordsRepository } from '../../orders/persistence/order-records.repository';
import { ProcessLogRepository } from '../../orders/persistence/process-log.repository';
import { StockReservationRepository } from '../../orders/persistence/stock-reservation.repository';
import { BackorderCandidatesRepository } from './backorder-candidates.repository';

const ACTOR: FlowActor = { principal: 'system:backorder-reallocation', kind: 'system' };
/** Orders looked at per receipt; the next receipt of the item picks up the rest. */
const ORDERS_PER_RECEIPT = 500;
/** Statuses of orders that never had anything allocated and wait for stock. */
const WAITING_FOR_FIRST_STOCK = new Set(['validated', 'approved']);

/**
 * Re-allocation of backorders when stock is received (the inventory receipt's listener): the
 * orders waiting for the item, oldest first, each in its own transaction (customer, then order,
 * then the balance locked, as every order flow does), take what is free in the receiving
 * warehouse until none is left. Orders with an open hold and customers on hold or blocked are
 * skipped. The new allocations are released to the warehouse (`order.released`, as at intake);
 * an order that had nothing yet moves to allocated and released.
 */
@Injectable()
export class BackorderReallocation implements InventoryReceiptListener {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: BackorderCandidatesRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly orders: OrderRecordsRepository,
    private readonly stock: StockReservationRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly log: ProcessLogRepository,
  ) {}

  async stockReceived(receipt: StockReceived): Promise<void> {
    const waiting = await this.candidates.waiting(
      this.dataSource.manager,
      receipt.itemId,
      ORDERS_PER_RECEIPT,
    );
    for (const order of waiting) {
      const stockLeft = await this.dataSource.transaction((manager) =>
        this.allocate(manager, order, receipt),
      );
      if (!stockLeft) return;
    }
  }

  /** Allocates free stock to one order's backorders; false when the warehouse has none left. */
  private async allocate(
    manager: EntityManager,
    candidate: { id: string; customerId: string },
    receipt: StockReceived,
  ): Promise<boolean> {
    const customer = await this.accounts.lock(manager, candidate.customerId);
    const order = await this.orders.lockOrder(manager, 'all', candidate.id);
    if (!customer || !order || customer.status !== 'active') return true;
    if (!['validated', 'approved', 'released', 'partially_shipped'].includes(order.status))
      return true;
    if (await this.candidates.hasOpenHold(manager, order.id)) return true;
    const lines = await this.candidates.backorderedLines(manager, order.id, receipt.itemId);
    if (lines.length === 0) return true;
    const available = await this.stock.lockAvailable(
      manager,
      [receipt.itemId],
      [receipt.warehouseId],
    );
    let free = Decimal.max(0, available.get(stockKey(receipt.warehouseId, receipt.itemId)) ?? 0);
    if (free.isZero()) return false;

    const session = new FlowSession(manager, ACTOR);
    const allocations: Allocation[] = [];
    for (const line of lines) {
      const take = Decimal.min(free, line.quantityBackordered);
      if (take.isZero()) break;
      allocations.push(this.allocateLine(session, order, line, receipt, take));
      free = free.minus(take);
    }
    await this.stock.reserve(
      manager,
      allocations.map((allocation) => ({
        warehouseId: allocation.warehouseId,
        itemId: allocation.itemId,
        quantity: new Decimal(allocation.quantity),
      })),
    );
    await this.release(session, order, lines, allocations, receipt);
    await session.commit(this.orders, this.log);
    return free.greaterThan(0);
  }

  private allocateLine(
    session: FlowSession,
    order: SalesOrder,
    line: SalesOrderLine,
    receipt: StockReceived,
    quantity: Decimal,
  ): Allocation {
    const result = lineAfterBackorderAllocation(
      {
        ordered: new Decimal(line.baseQuantity),
        allocated: new Decimal(line.quantityAllocated),
        backordered: new Decimal(line.quantityBackordered),
        rejected: new Decimal(line.quantityRejected),
        shipped: new Decimal(line.quantityShipped),
      },
      quantity,
    );
    line.quantityAllocated = result.quantities.allocated.toFixed();
    line.quantityBackordered = result.quantities.backordered.toFixed();
    line.status = result.status;
    session.touch(line);
    const allocation = session.manager.create(Allocation, {
      id: randomUUID(),
      orderLineId: line.id,
      warehouseId: receipt.warehouseId,
      itemId: receipt.itemId,
      quantity: quantity.toFixed(),
      status: 'released',
    });
    const movement = session.manager.create(InventoryMovement, {
      id: randomUUID(),
      warehouseId: receipt.warehouseId,
      itemId: receipt.itemId,
      type: 'allocation',
      quantity: quantity.toFixed(),
      reason: `order ${order.orderNumber} line ${line.lineNumber} backorder (receipt ${receipt.reference})`,
      reference: `allocation:${allocation.id}`,
      actor: ACTOR.principal,
    });
    session.createAllocations([allocation], [movement]);
    return allocation;
  }

  /** The new allocations go to the warehouse as pick lines, as at intake. */
  private async release(
    session: FlowSession,
    order: SalesOrder,
    lines: SalesOrderLine[],
    allocations: Allocation[],
    receipt: StockReceived,
  ): Promise<void> {
    const { journal } = session;
    const related = [{ type: 'warehouse', id: receipt.warehouseId, qualifier: 'ships' }];
    const data = {
      receipt: receipt.reference,
      allocations: allocations.map((allocation) => ({
        allocationId: allocation.id,
        orderLineId: allocation.orderLineId,
        quantity: allocation.quantity,
      })),
    };
    if (WAITING_FOR_FIRST_STOCK.has(order.status)) {
      journal.transition(order, 'allocated', 'order.allocated', { data, related });
      journal.transition(order, 'released', 'order.released', {
        data: { warehouses: [receipt.warehouseId] },
        related,
      });
    } else {
      journal.record(order.id, 'order.backorder_allocated', { data, related });
    }
    session.touch(order);
    const [item] = (await this.catalogue.itemNames(session.manager, [receipt.itemId])).values();
    const warehouses = await this.catalogue.activeWarehouses(session.manager);
    const byLine = new Map(lines.map((line) => [line.id, line]));
    journal.publish(order.id, 'order.released', {
      orderNumber: order.orderNumber,
      customerId: order.customerId,
      externalPoNumber: order.externalPoNumber,
      warehouseId: receipt.warehouseId,
      warehouseCode:
        warehouses.find((warehouse) => warehouse.id === receipt.warehouseId)?.code ?? null,
      shipToId: order.shipToId,
      requestedDate: order.requestedDate,
      backorder: true,
      lines: allocations.map((allocation) => ({
        lineNumber: byLine.get(allocation.orderLineId)?.lineNumber ?? null,
        orderLineId: allocation.orderLineId,
        allocationId: allocation.id,
        itemId: allocation.itemId,
        sku: item?.sku ?? '',
        quantity: allocation.quantity,
        uom: null,
      })),
    });
  }
}
