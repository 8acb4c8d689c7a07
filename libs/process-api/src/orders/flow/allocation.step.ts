import { Injectable } from '@nestjs/common';
import {
  allocatedQuantity,
  type AllocationOutcome,
  allocationOutcome,
  type AllocationPlan,
  type AllocationPlanLine,
  backordersAllowed,
  Decimal,
  planAllocation,
} from '@o2c/domain';
import { Allocation, InventoryMovement, timeOrderedId } from '@o2c/persistence';
import type { WarehouseRef } from '../persistence/catalogue.repository';
import { StockReservationRepository } from '../persistence/stock-reservation.repository';
import { applyBillableTotals, type TotalsChange } from './billable-totals';
import type { FlowSession } from './flow-session';
import type { LineInFlow, OrderInFlow } from './order-in-flow';
import { newRecord } from './new-record';

/** What allocation did: held for shortages (nothing reserved), or reserved the plan. */
export type AllocationResult =
  | Extract<AllocationOutcome, { kind: 'hold' }>
  | (Extract<AllocationOutcome, { kind: 'release' }> & Reserved)
  | ({ kind: Exclude<AllocationOutcome['kind'], 'hold' | 'release'> } & Reserved);

interface Reserved {
  allocations: Allocation[];
  warehouses: WarehouseRef[];
  /** Set when rejected quantity (accepted or cancelled shortages) changed what the order bills. */
  totals?: TotalsChange;
}

/**
 * Allocation of an order's live lines, under row locks on every stock balance the plan may
 * use (taken in one fixed order): read what is available, plan (domain), decide (domain), then
 * reserve each balance with one guarded UPDATE and record allocations and ledger movements.
 * Two orders racing for the last units queue on the balance rows; neither can oversell.
 */
@Injectable()
export class AllocationStep {
  constructor(private readonly stock: StockReservationRepository) {}

  async allocate(
    session: FlowSession,
    flow: OrderInFlow,
    shortagesAccepted: boolean,
  ): Promise<AllocationResult> {
    const { plan, warehouses } = await this.plan(session, flow);
    const ordered = new Map(
      flow.lines.map((entry) => [entry.line.lineNumber, new Decimal(entry.line.baseQuantity)]),
    );
    const outcome = allocationOutcome(plan, ordered, {
      policy: flow.customer.shortagePolicy,
      reviewAccepted: shortagesAccepted,
    });
    if (outcome.kind === 'hold') return outcome;

    const allocations = this.applyPlan(session, flow, plan);
    // An unfulfillable order is rejected whole and keeps the totals it was refused at.
    const totals =
      outcome.kind === 'unfulfillable'
        ? undefined
        : applyBillableTotals(
            session,
            flow.order,
            flow.lines.map((entry) => entry.line),
          );
    await this.stock.reserve(
      session.manager,
      allocations.map((allocation) => ({
        warehouseId: allocation.warehouseId,
        itemId: allocation.itemId,
        quantity: new Decimal(allocation.quantity),
      })),
    );
    const reserved = { allocations, warehouses, ...(totals ? { totals } : {}) };
    if (outcome.kind === 'release') return { ...outcome, ...reserved };
    return { kind: outcome.kind, ...reserved };
  }

  /** The plan over the warehouses that hold any of the items (the others cannot supply). */
  private async plan(
    session: FlowSession,
    flow: OrderInFlow,
  ): Promise<{ plan: AllocationPlan; warehouses: WarehouseRef[] }> {
    const { shortagePolicy, allowSubstitutions } = flow.customer;
    const itemIds = new Set(flow.lines.map((entry) => entry.orderedItemId));
    if (allowSubstitutions) {
      for (const entry of flow.lines) entry.substitutes.forEach((id) => itemIds.add(id));
    }
    const { available, warehouses } = await this.stock.lockSupply(session.manager, [...itemIds]);
    session.references.rememberWarehouses(warehouses);
    const plan = planAllocation({
      lines: flow.lines.map((entry) => ({
        lineNumber: entry.line.lineNumber,
        itemId: entry.orderedItemId,
        quantity: new Decimal(entry.line.baseQuantity),
        substitutes: entry.substitutes,
      })),
      shipToRegion: flow.shipToRegion ?? '',
      warehouses,
      available,
      allowBackorders: backordersAllowed(shortagePolicy),
      allowSubstitutions,
    });
    return { plan, warehouses };
  }

  /** Line quantities and statuses from the plan; allocations and their ledger movements. */
  private applyPlan(session: FlowSession, flow: OrderInFlow, plan: AllocationPlan): Allocation[] {
    const byNumber = new Map(flow.lines.map((entry) => [entry.line.lineNumber, entry]));
    const allocations: Allocation[] = [];
    const movements: InventoryMovement[] = [];
    for (const planned of plan.lines) {
      const entry = byNumber.get(planned.lineNumber);
      if (!entry) continue;
      applyToLine(entry, planned);
      session.touch(entry.line);
      for (const part of planned.allocations) {
        const allocation = newRecord(Allocation, {
          id: timeOrderedId(),
          orderLineId: entry.line.id,
          warehouseId: part.warehouseId,
          itemId: planned.itemId,
          quantity: part.quantity.toFixed(),
          status: 'allocated',
        });
        allocations.push(allocation);
        movements.push(
          newRecord(InventoryMovement, {
            id: timeOrderedId(),
            warehouseId: part.warehouseId,
            itemId: planned.itemId,
            type: 'allocation',
            quantity: part.quantity.toFixed(),
            reason: `order ${flow.order.orderNumber} line ${planned.lineNumber}`,
            reference: `allocation:${allocation.id}`,
            actor: session.actor.principal,
          }),
        );
      }
    }
    session.createAllocations(allocations, movements);
    return allocations;
  }
}

function applyToLine(entry: LineInFlow, planned: AllocationPlanLine): void {
  const { line } = entry;
  line.status = planned.status;
  line.itemId = planned.itemId;
  line.substitutedForItemId = planned.itemId === entry.orderedItemId ? null : entry.orderedItemId;
  line.quantityAllocated = allocatedQuantity(planned).toFixed();
  line.quantityBackordered = planned.backordered.toFixed();
  line.quantityRejected = planned.rejected.toFixed();
}
