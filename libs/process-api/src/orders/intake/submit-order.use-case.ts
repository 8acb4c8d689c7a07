import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { accountScopeOf, canAccessCustomer, type Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { SalesOrder } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../flow/flow-actor';
import { FlowSession } from '../flow/flow-session';
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
import { OrderEvaluationStep } from './order-evaluation.step';
import { OrderLinesPricer, type PricedOrder } from './order-lines.pricer';
import { OrderLinesResolver } from './order-lines.resolver';
import { applyTotals, newLine, pricedLineInFlow } from './order-record.builder';
import { checkRequestedLines, shipToKeyOf } from './order-request.checks';
import { OrderRevisionStep } from './order-revision.step';

/**
 * Order intake, one canonical command for every channel, one transaction: check the request,
 * lock the customer (credit decisions serialize per customer), resolve ship-to and items,
 * refuse a PO number in use (unless revising), price, then credit, holds or allocation and
 * release. A refusal writes nothing.
 */
@Injectable()
export class SubmitOrderUseCase {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly accounts: CustomerAccountRepository,
    private readonly resolver: OrderLinesResolver,
    private readonly pricer: OrderLinesPricer,
    private readonly revision: OrderRevisionStep,
    private readonly evaluation: OrderEvaluationStep,
    private readonly log: ProcessLogRepository,
    private readonly reader: OrderDetailReader,
  ) {}

  async execute(principal: Principal | undefined, body: SubmitOrderBody): Promise<OrderDetailView> {
    const scope = accountScopeOf(principal);
    // Another account's customer is not found, and nothing says whether it exists.
    if (!canAccessCustomer(scope, body.customerId)) {
      throw new ProblemException(ApiErrorCode.NOT_FOUND, 'The resource does not exist');
    }
    const requested = checkRequestedLines(body.lines);
    const shipToKey = shipToKeyOf(body);
    // The answer is read in the transaction, on its connection: nothing queues for the pool
    // after the commit.
    return this.records.transaction(async (manager) => {
      const session = new FlowSession(manager, actorOf(principal));
      const customer = await this.lockCustomer(manager, body);
      const shipTo = await this.shipTo(manager, customer, shipToKey);
      const predecessor = await this.revision.predecessor(manager, scope, customer.id, body);
      const measured = await this.resolver.resolve(manager, customer.id, requested);
      const priced = await this.pricer.price(manager, customer, measured, session.today);
      const flow = await this.receive(session, body, { customer, shipTo, predecessor }, priced);
      if (predecessor) await this.revision.retire(session, predecessor, customer, flow.order);
      await this.evaluation.evaluate(session, flow, priced.lines);
      await session.commit(this.records, this.log);
      return this.reader.readCreated(manager, {
        order: flow.order,
        holdsOpened: session.holdsOpened,
        events: session.eventsWrittenFor(flow.order.id),
      });
    });
  }

  private async lockCustomer(
    manager: EntityManager,
    body: SubmitOrderBody,
  ): Promise<CustomerAccount> {
    const customer = await this.accounts.lock(manager, body.customerId);
    if (!customer) {
      throw orderFieldProblem(
        OrderProcessErrorCode.CUSTOMER_NOT_FOUND,
        '/body/customerId',
        `customer ${body.customerId} does not exist`,
      );
    }
    if (body.currency !== undefined && body.currency !== customer.currency) {
      throw orderFieldProblem(
        OrderProcessErrorCode.CURRENCY_MISMATCH,
        '/body/currency',
        `the customer is billed in ${customer.currency}`,
      );
    }
    return customer;
  }

  private async shipTo(
    manager: EntityManager,
    customer: CustomerAccount,
    key: { id?: string; code?: string },
  ): Promise<ShipToRef> {
    const shipTo = await this.accounts.findShipTo(manager, customer.id, key);
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

  /** The new order and its lines, as received (before any decision). */
  private async receive(
    session: FlowSession,
    body: SubmitOrderBody,
    parties: { customer: CustomerAccount; shipTo: ShipToRef; predecessor?: SalesOrder },
    priced: PricedOrder,
  ): Promise<OrderInFlow> {
    const { customer, shipTo, predecessor } = parties;
    const order = session.manager.create(SalesOrder, {
      id: randomUUID(),
      orderNumber: await this.accounts.nextOrderNumber(session.manager),
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
    const lines = priced.lines.map((line, index) =>
      newLine(session.manager, order.id, index + 1, line),
    );
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
