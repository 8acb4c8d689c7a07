import { Injectable } from '@nestjs/common';
import {
  backordersAllowed,
  canTransition,
  decideCredit,
  Decimal,
  inventoryHold,
  type LineShortage,
} from '@o2c/domain';
import type { SalesOrder } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { CreditPositionRepository } from '../persistence/credit-position.repository';
import { CustomerAccountRepository } from '../persistence/customer-account.repository';
import { OrderRecordsRepository } from '../persistence/order-records.repository';
import { ProcessLogRepository } from '../persistence/process-log.repository';
import { AllocationStep } from './allocation.step';
import type { FlowActor } from './flow-actor';
import { FlowSession } from './flow-session';
import { HoldOpeningStep } from './hold-opening.step';
import { OrderClosureStep } from './order-closure.step';
import type { OrderInFlow } from './order-in-flow';
import { OrderLoader } from './order-loader';
import { ReleaseStep } from './release.step';

export type { FlowActor } from './flow-actor';

/** Statuses in which an order waits for its holds or for stock, before release. */
const RESUMABLE = new Set(['on_hold', 'approved', 'validated']);

/**
 * The order flow after validation, shared by intake, change and the processes that decide
 * holds (work queues, payments). Every method works inside the caller's transaction and
 * writes the state change, its process events and outbox messages there.
 */
@Injectable()
export class OrderFlow {
  constructor(
    private readonly loader: OrderLoader,
    private readonly records: OrderRecordsRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly credit: CreditPositionRepository,
    private readonly log: ProcessLogRepository,
    private readonly allocation: AllocationStep,
    private readonly releaseStep: ReleaseStep,
    private readonly holdOpening: HoldOpeningStep,
    private readonly closure: OrderClosureStep,
  ) {}

  /**
   * When the order has no open hold left: allocate, then release to the warehouses (or wait
   * for stock, or hold again for an inventory shortage). Otherwise nothing. Shortages an
   * inventory review already accepted stand. Call it without holding the order's row lock:
   * the customer row is locked first, as everywhere in the flow.
   */
  async resume(manager: EntityManager, orderId: string, actor: FlowActor): Promise<void> {
    const session = new FlowSession(manager, actor);
    const flow = await this.loader.lock(manager, 'all', orderId);
    if (!flow || !RESUMABLE.has(flow.order.status)) return;
    const holds = await this.records.holds(manager, orderId);
    if (holds.some((hold) => hold.status === 'open')) return;
    await this.proceed(session, flow, shortagesAccepted(holds));
    await session.commit(this.records, this.log);
  }

  /** The order is rejected: stock returned, open holds closed, tasks cancelled, parties told. */
  async reject(
    manager: EntityManager,
    orderId: string,
    actor: FlowActor,
    reason: string,
  ): Promise<void> {
    const session = new FlowSession(manager, actor);
    const flow = await this.loader.lock(manager, 'all', orderId);
    if (!flow) throw new Error(`order ${orderId} does not exist`);
    await this.rejectInFlow(session, flow, reason);
    await session.commit(this.records, this.log);
  }

  /**
   * Re-judges the open credit holds of a customer's orders, oldest order first, against the
   * exposure as it is now (after a payment, a credit memo, a higher limit): a hold whose
   * order would now pass is released by the system, and an order with no other open hold
   * resumes. Each order is judged on everything ahead of it: open receivables, every open
   * order (held ones too, and those released before it in this pass), its own value. The
   * credit holds still queued behind it are left out, as they will be judged after it on
   * what it took; counting them would let two held orders that together exceed the limit
   * keep each other held for good.
   */
  async releaseHoldsWhoseConditionCleared(
    manager: EntityManager,
    customerId: string,
    actor: FlowActor,
  ): Promise<void> {
    const customer = await this.accounts.lock(manager, customerId);
    if (!customer) return;
    const queued = await this.records.heldForCredit(manager, customerId);
    for (const [index, candidate] of queued.entries()) {
      const session = new FlowSession(manager, actor);
      const judgedAfter = queued.slice(index).map((order) => order.id);
      const position = await this.credit.position(manager, customer, session.today, judgedAfter);
      const decision = decideCredit({
        customerStatus: customer.status,
        position,
        orderTotal: new Decimal(candidate.total),
        overdueDaysLimit: customer.overdueDaysLimit,
      });
      if (decision.outcome !== 'pass') continue;
      const order = await this.records.lockOrder(manager, 'all', candidate.id);
      if (!order) continue;
      await this.closure.closeHolds(session, order.id, 'released', 'credit condition cleared', [
        'credit',
      ]);
      // The order document changed (its holds) even when it stays on hold: a new ETag.
      order.updatedAt = session.now;
      session.touch(order);
      const holds = await this.records.holds(manager, order.id);
      if (!holds.some((hold) => hold.status === 'open' && hold.type !== 'credit')) {
        const lines = await this.records.activeLines(manager, order.id);
        const flow = await this.loader.inFlow(manager, order, customer, lines);
        await this.proceed(session, flow, shortagesAccepted(holds));
      }
      await session.commit(this.records, this.log);
    }
  }

  /** Allocation once nothing (or nothing any more) holds the order. */
  async proceed(session: FlowSession, flow: OrderInFlow, accepted: boolean): Promise<void> {
    const result = await this.allocation.allocate(session, flow, accepted);
    const { order } = flow;
    if (result.kind === 'unfulfillable') {
      await this.rejectInFlow(session, flow, 'INVENTORY.UNAVAILABLE');
      return;
    }
    approveIfHeld(session, order);
    switch (result.kind) {
      case 'hold':
        await this.holdOpening.open(session, flow, [
          { request: inventoryHold(), evidence: shortageEvidence(flow, result.shortages) },
        ]);
        return;
      case 'release':
        if (result.cancelled.length > 0) recordCancelledRemainders(session, flow, result.cancelled);
        await this.releaseStep.release(session, flow, result);
        return;
      case 'wait':
        session.journal.record(order.id, 'order.backordered', {
          data: {
            lines: flow.lines.map((entry) => entry.line.lineNumber),
            ...(result.totals ? { totals: result.totals } : {}),
          },
        });
        session.touch(order);
        return;
    }
  }

  async rejectInFlow(session: FlowSession, flow: OrderInFlow, reason: string): Promise<void> {
    const { order, customer } = flow;
    const lines = flow.lines.map((entry) => entry.line);
    await this.closure.returnStock(session, order, lines, 'rejected');
    await this.closure.closeHolds(session, order.id, 'rejected', reason);
    for (const line of lines) {
      line.status = 'rejected';
      line.quantityBackordered = '0';
      line.quantityRejected = new Decimal(line.baseQuantity).minus(line.quantityShipped).toFixed();
    }
    order.statusReason = reason;
    // Touchless is the way to release: a rejected order never made it.
    order.touchless = false;
    session.touch(order, ...lines);
    // An approved order can no longer be rejected by the lifecycle; it is cancelled instead.
    const ending = canTransition(order.status, 'rejected') ? 'rejected' : 'cancelled';
    session.journal.transition(order, ending, `order.${ending}`, { reason });
    session.journal.publish(order.id, 'order.rejected', {
      orderNumber: order.orderNumber,
      customerId: customer.id,
      customerNumber: customer.customerNumber,
      externalPoNumber: order.externalPoNumber,
      reason,
      notify: { customerId: customer.id, accountManager: customer.accountManager },
    });
  }
}

/** A released inventory hold means a person accepted the shortages it showed. */
function shortagesAccepted(holds: { type: string; status: string }[]): boolean {
  return holds.some((hold) => hold.type === 'inventory' && hold.status === 'released');
}

function approveIfHeld(session: FlowSession, order: SalesOrder): void {
  if (order.status === 'on_hold') session.journal.transition(order, 'approved', 'order.approved');
}

/**
 * The short remainders that stand (cancelled by the customer's policy, or accepted by an
 * inventory review), each with the quantity cancelled: the lines already say 855 changed or
 * rejected, the event says why and by how much.
 */
function recordCancelledRemainders(
  session: FlowSession,
  flow: OrderInFlow,
  cancelled: readonly LineShortage[],
): void {
  const byPolicy = flow.customer.shortagePolicy === 'cancel';
  session.journal.record(flow.order.id, 'order.remainder_cancelled', {
    reason: byPolicy ? 'SHORTAGE_POLICY.CANCEL' : 'INVENTORY_REVIEW.ACCEPTED',
    data: {
      shortagePolicy: flow.customer.shortagePolicy,
      lines: shortageLines(flow, cancelled).map(({ allocatable, short, ...line }) => ({
        ...line,
        allocated: allocatable,
        cancelled: short,
      })),
    },
  });
}

function shortageEvidence(flow: OrderInFlow, shortages: readonly LineShortage[]) {
  return {
    shortagePolicy: flow.customer.shortagePolicy,
    allowBackorders: backordersAllowed(flow.customer.shortagePolicy),
    allowSubstitutions: flow.customer.allowSubstitutions,
    shortages: shortageLines(flow, shortages),
  };
}

function shortageLines(flow: OrderInFlow, shortages: readonly LineShortage[]) {
  const byNumber = new Map(flow.lines.map((entry) => [entry.line.lineNumber, entry]));
  return shortages.map((shortage) => ({
    lineNumber: shortage.lineNumber,
    sku: byNumber.get(shortage.lineNumber)?.sku ?? null,
    ordered: shortage.ordered.toFixed(),
    allocatable: shortage.allocatable.toFixed(),
    short: shortage.short.toFixed(),
    uom: byNumber.get(shortage.lineNumber)?.baseUom ?? null,
  }));
}
