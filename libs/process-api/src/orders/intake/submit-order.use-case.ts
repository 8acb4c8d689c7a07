import { Injectable } from '@nestjs/common';
import type { CreditPosition } from '@o2c/domain';
import {
  type AccountScope,
  accountScopeOf,
  canAccessCustomer,
  type Principal,
} from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { SalesOrder, timeOrderedId } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../flow/flow-actor';
import { FlowSession } from '../flow/flow-session';
import { newRecord } from '../flow/new-record';
import type { OrderInFlow } from '../flow/order-in-flow';
import {
  type CustomerAccount,
  CustomerAccountRepository,
  type ShipToRef,
} from '../persistence/customer-account.repository';
import { OrderRecordsRepository } from '../persistence/order-records.repository';
import { ProcessLogRepository } from '../persistence/process-log.repository';
import { OrderProcessErrorCode, orderFieldProblem } from '../order-process.errors';
import type { SubmitOrderBody } from '../order.contract';
import { type OrderDetailView, OrderDetailReader } from '../read/order-detail.reader';
import { IntakeReads } from './intake-reads.step';
import { OrderEvaluationStep } from './order-evaluation.step';
import { OrderLinesPricer, type PricedOrder } from './order-lines.pricer';
import { OrderLinesResolver } from './order-lines.resolver';
import { applyTotals, newLine, pricedLineInFlow } from './order-record.builder';
import { checkRequestedLines, type RequestedLine, shipToKeyOf } from './order-request.checks';
import { OrderRevisionStep } from './order-revision.step';

type ShipToKey = ReturnType<typeof shipToKeyOf>;

/** A submission that passed the checks needing the database, priced, not yet decided. */
interface AcceptedOrder {
  id: string;
  customer: CustomerAccount;
  shipTo: ShipToRef;
  orderNumber: string;
  predecessor: SalesOrder | undefined;
  priced: PricedOrder;
  /** The customer's exposure, when read with the checks (see IntakeReads). */
  exposure: CreditPosition | undefined;
}

/**
 * Order intake, one canonical command for every channel, one transaction: check the request,
 * lock the customer (credit decisions serialize per customer) with its ship-to, read the PO
 * number's holder, the items with their prices and the exposure in one statement, refuse a PO
 * number in use (unless revising), price, then credit, holds or allocation and release. A
 * refusal writes nothing. The answer is built from what the transaction wrote.
 */
@Injectable()
export class SubmitOrderUseCase {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly resolver: OrderLinesResolver,
    private readonly pricer: OrderLinesPricer,
    private readonly reads: IntakeReads,
    private readonly revision: OrderRevisionStep,
    private readonly evaluation: OrderEvaluationStep,
    private readonly log: ProcessLogRepository,
    private readonly reader: OrderDetailReader,
  ) {}

  async execute(principal: Principal | undefined, body: SubmitOrderBody): Promise<OrderDetailView> {
    const scope = accountScopeOf(principal);
    // Another account's customer is refused exactly as one that does not exist: the same
    // code, field and words, so the answer never tells whether it exists.
    if (!canAccessCustomer(scope, body.customerId)) throw customerNotFound(body.customerId);
    const requested = checkRequestedLines(body.lines);
    const shipToKey = shipToKeyOf(body);
    return this.records.transaction(async (manager) => {
      const session = new FlowSession(manager, actorOf(principal));
      const accepted = await this.accept(session, scope, body, { requested, shipToKey });
      const flow = this.receive(session, body, accepted);
      const { predecessor, customer } = accepted;
      if (predecessor) await this.revision.retire(session, predecessor, customer, flow.order);
      await this.evaluation.evaluate(session, flow, accepted.priced.lines, accepted.exposure);
      await session.commit(this.records, this.log);
      return this.reader.readCreated(manager, session.createdOrder(flow.order.id));
    });
  }

  /**
   * The checks that need the database, in three statements: the customer locked with its
   * ship-to and the order's number; then the PO number's holder, the items with their prices
   * and the exposure; the order it revises, if any. Then the lines are measured and priced.
   */
  private async accept(
    session: FlowSession,
    scope: AccountScope,
    body: SubmitOrderBody,
    checked: { requested: RequestedLine[]; shipToKey: ShipToKey },
  ): Promise<AcceptedOrder> {
    const { manager } = session;
    const { requested, shipToKey } = checked;
    const { customer, shipTo, orderNumber } = await this.lockCustomer(manager, body, shipToKey);
    const id = timeOrderedId();
    const revising = body.replacesOrderId !== undefined;
    const { externalPoNumber } = body;
    const order = { id, externalPoNumber, revising, on: session.today };
    const reads = await this.reads.read(manager, order, customer, requested);
    const holder = reads.poNumberHolder;
    const predecessor = await this.revision.predecessor(manager, scope, customer.id, body, holder);
    const measured = this.resolver.measure(requested, reads.items);
    session.references.rememberItems(measured.map((line) => line.item));
    const priced = this.pricer.price(customer, measured, session.today);
    return {
      id,
      customer,
      shipTo,
      orderNumber,
      predecessor,
      priced,
      exposure: reads.creditPosition,
    };
  }

  /** The customer locked, with the ship-to the order names and the order's number. */
  private async lockCustomer(
    manager: EntityManager,
    body: SubmitOrderBody,
    shipToKey: ShipToKey,
  ): Promise<{ customer: CustomerAccount; shipTo: ShipToRef; orderNumber: string }> {
    const found = await this.accounts.lockForIntake(manager, body.customerId, shipToKey);
    if (!found) throw customerNotFound(body.customerId);
    const { customer, orderNumber } = found;
    if (body.currency !== undefined && body.currency !== customer.currency) {
      throw orderFieldProblem(
        OrderProcessErrorCode.CURRENCY_MISMATCH,
        '/body/currency',
        `the customer is billed in ${customer.currency}`,
      );
    }
    return { customer, shipTo: checkedShipTo(found.shipTo, shipToKey), orderNumber };
  }

  /** The new order and its lines, as received (before any decision). */
  private receive(
    session: FlowSession,
    body: SubmitOrderBody,
    accepted: AcceptedOrder,
  ): OrderInFlow {
    const { id, customer, shipTo, predecessor, orderNumber, priced } = accepted;
    const order = newRecord(SalesOrder, {
      id,
      orderNumber,
      customerId: customer.id,
      channel: body.channel,
      externalPoNumber: body.externalPoNumber,
      shipToId: shipTo.id,
      requestedDate: body.requestedDate ?? null,
      status: 'received',
      statusReason: null,
      currency: customer.currency,
      touchless: true,
      revision: (predecessor?.revision ?? 0) + 1,
      replacesOrderId: body.replacesOrderId ?? null,
      replacedByOrderId: null,
    });
    applyTotals(order, priced.totals);
    const lines = priced.lines.map((line, index) => newLine(order.id, index + 1, line));
    session.createOrder(order);
    session.createLines(lines);
    session.journal.record(order.id, 'order.received', {
      data: {
        channel: order.channel,
        externalPoNumber: order.externalPoNumber,
        lines: lines.length,
        ...(order.replacesOrderId ? { replacesOrderId: order.replacesOrderId } : {}),
      },
      related: [{ type: 'customer', id: customer.id, qualifier: 'orders' }],
    });
    return {
      order,
      customer,
      shipToRegion: shipTo.region,
      lines: lines.map((line, index) => pricedLineInFlow(line, priced.lines[index])),
    };
  }
}

function customerNotFound(customerId: string): ProblemException {
  return orderFieldProblem(
    OrderProcessErrorCode.CUSTOMER_NOT_FOUND,
    '/body/customerId',
    `customer ${customerId} does not exist`,
  );
}

/** The ship-to must exist among the customer's and be active; both keys must name it. */
function checkedShipTo(shipTo: ShipToRef | undefined, key: ShipToKey): ShipToRef {
  const path = key.id === undefined ? '/body/shipToCode' : '/body/shipToId';
  if (!shipTo || !shipTo.active) {
    throw orderFieldProblem(
      key.id !== undefined && key.code !== undefined && !shipTo
        ? OrderProcessErrorCode.SHIP_TO_CONFLICT
        : OrderProcessErrorCode.SHIP_TO_NOT_FOUND,
      key.id !== undefined && key.code !== undefined ? '/body/shipToCode' : path,
      shipTo ? 'the ship-to is no longer active' : "no such ship-to among the customer's",
    );
  }
  return shipTo;
}
