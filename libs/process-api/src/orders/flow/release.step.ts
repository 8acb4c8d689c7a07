import { Injectable } from '@nestjs/common';
import type { Allocation } from '@o2c/persistence';
import { CatalogueRepository, type WarehouseRef } from '../persistence/catalogue.repository';
import type { TotalsChange } from './billable-totals';
import type { FlowSession } from './flow-session';
import type { OrderInFlow } from './order-in-flow';

interface PickLine {
  lineNumber: number;
  orderLineId: string;
  allocationId: string;
  itemId: string;
  sku: string;
  quantity: string;
  uom: string;
}

/**
 * Release to the warehouses: the order moves through allocated to released, its allocations
 * are handed over, and each warehouse gets one `order.released` message with its pick lines.
 * When allocation rejected quantity, `order.allocated` records how the totals moved.
 */
@Injectable()
export class ReleaseStep {
  constructor(private readonly catalogue: CatalogueRepository) {}

  async release(
    session: FlowSession,
    flow: OrderInFlow,
    {
      allocations,
      warehouses,
      totals,
    }: { allocations: Allocation[]; warehouses: WarehouseRef[]; totals?: TotalsChange },
  ): Promise<void> {
    const { order } = flow;
    const { journal } = session;
    const byWarehouse = await this.pickLines(session, flow, allocations);
    const related = [...byWarehouse.keys()].map((id) => ({
      type: 'warehouse',
      id,
      qualifier: 'ships',
    }));
    journal.transition(order, 'allocated', 'order.allocated', {
      data: { allocations: allocations.length, ...(totals ? { totals } : {}) },
      related,
    });
    journal.transition(order, 'released', 'order.released', {
      data: { warehouses: [...byWarehouse.keys()] },
      related,
    });
    for (const allocation of allocations) allocation.status = 'released';
    const codes = new Map(warehouses.map((warehouse) => [warehouse.id, warehouse.code]));
    for (const [warehouseId, lines] of byWarehouse) {
      journal.publish(order.id, 'order.released', {
        orderNumber: order.orderNumber,
        customerId: order.customerId,
        externalPoNumber: order.externalPoNumber,
        warehouseId,
        warehouseCode: codes.get(warehouseId) ?? null,
        shipToId: order.shipToId,
        requestedDate: order.requestedDate,
        lines,
      });
    }
    session.touch(order);
  }

  private async pickLines(
    session: FlowSession,
    flow: OrderInFlow,
    allocations: Allocation[],
  ): Promise<Map<string, PickLine[]>> {
    const lines = new Map(flow.lines.map((entry) => [entry.line.id, entry]));
    const known = new Map(flow.lines.map((entry) => [entry.orderedItemId, entry.sku]));
    const substitutes = allocations
      .map((allocation) => allocation.itemId)
      .filter((itemId) => !known.has(itemId));
    const named = await this.catalogue.itemReferences(session.manager, [...new Set(substitutes)]);
    session.references.rememberItems(named);
    const names = new Map(named.map((item) => [item.id, item]));
    const byWarehouse = new Map<string, PickLine[]>();
    for (const allocation of allocations) {
      const entry = lines.get(allocation.orderLineId);
      if (!entry) continue;
      const pick: PickLine = {
        lineNumber: entry.line.lineNumber,
        orderLineId: entry.line.id,
        allocationId: allocation.id,
        itemId: allocation.itemId,
        sku: known.get(allocation.itemId) ?? names.get(allocation.itemId)?.sku ?? '',
        quantity: allocation.quantity,
        uom: entry.baseUom,
      };
      byWarehouse.set(allocation.warehouseId, [
        ...(byWarehouse.get(allocation.warehouseId) ?? []),
        pick,
      ]);
    }
    return byWarehouse;
  }
}
