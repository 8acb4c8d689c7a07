import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import type { OrderStatus, SalesOrder } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { FlowSession } from '../flow/flow-session';
import { OrderClosureStep } from '../flow/order-closure.step';
import { OrderLoader } from '../flow/order-loader';
import type { CustomerAccount } from '../persistence/customer-account.repository';
import { type OrderRef, OrderRecordsRepository } from '../persistence/order-records.repository';
import {
  OrderProcessErrorCode,
  orderFieldProblem,
  poInUse,
  wrongOrderState,
} from '../order-process.errors';

/** Until release an order may be revised (it is cancelled); an ended one may be re-sent. */
const REVISABLE: ReadonlySet<OrderStatus> = new Set([
  'received',
  'validated',
  'on_hold',
  'approved',
  'allocated',
  'cancelled',
  'rejected',
]);
const ENDED: ReadonlySet<OrderStatus> = new Set(['cancelled', 'rejected']);

/**
 * One order per customer and PO number, whatever the channel: a second submission is refused
 * (409 linking the existing order) unless it names that order in `replacesOrderId`; the
 * revision then replaces it (cancelled unless it had already ended) and both are linked.
 */
@Injectable()
export class OrderRevisionStep {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly loader: OrderLoader,
    private readonly closure: OrderClosureStep,
  ) {}

  /** The order this submission revises, locked; undefined for a first submission. `holder`:
   *  the order holding the PO number (read after the customer lock). */
  async predecessor(
    manager: EntityManager,
    scope: AccountScope,
    customerId: string,
    body: { externalPoNumber: string; replacesOrderId?: string },
    holder: OrderRef | undefined,
  ): Promise<SalesOrder | undefined> {
    const po = body.externalPoNumber;
    if (body.replacesOrderId === undefined) {
      if (holder) throw poInUse(OrderProcessErrorCode.DUPLICATE_PO, po, holder);
      return undefined;
    }
    const replaced = await this.records.lockOrder(manager, scope, body.replacesOrderId);
    if (!replaced || replaced.customerId !== customerId) {
      throw orderFieldProblem(
        OrderProcessErrorCode.REPLACED_ORDER_NOT_FOUND,
        '/body/replacesOrderId',
        'replacesOrderId must name an order of the same customer',
      );
    }
    if (replaced.replacedByOrderId) {
      const revision = await this.records.findOrder(manager, 'all', replaced.replacedByOrderId);
      throw poInUse(OrderProcessErrorCode.ALREADY_REVISED, po, revision ?? replaced);
    }
    if (!REVISABLE.has(replaced.status)) {
      throw wrongOrderState(
        OrderProcessErrorCode.NOT_REVISABLE,
        replaced,
        'an order can be revised until it is released to the warehouse',
      );
    }
    if (holder && holder.id !== replaced.id) {
      throw poInUse(OrderProcessErrorCode.DUPLICATE_PO, po, holder);
    }
    return replaced;
  }

  /** Cancels the predecessor (returning its stock) and links it to its revision. */
  async retire(
    session: FlowSession,
    predecessor: SalesOrder,
    customer: CustomerAccount,
    revision: { id: string; orderNumber: string },
  ): Promise<void> {
    if (!ENDED.has(predecessor.status)) {
      const lines = await this.records.activeLines(session.manager, predecessor.id);
      const flow = await this.loader.inFlow(session.manager, predecessor, customer, lines);
      await this.closure.cancel(session, flow, `replaced by order ${revision.orderNumber}`);
    }
    predecessor.replacedByOrderId = revision.id;
    session.touch(predecessor);
    session.journal.record(predecessor.id, 'order.replaced', {
      data: { replacedByOrderId: revision.id, replacedByOrderNumber: revision.orderNumber },
      related: [{ type: 'order', id: revision.id, qualifier: 'revision' }],
    });
  }
}
