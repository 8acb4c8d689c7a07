import { Injectable } from '@nestjs/common';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import type { OrderStatus } from '@o2c/persistence';
import { actorOf } from '../flow/flow-actor';
import { FlowSession } from '../flow/flow-session';
import { OrderClosureStep } from '../flow/order-closure.step';
import type { OrderInFlow } from '../flow/order-in-flow';
import { OrderLoader } from '../flow/order-loader';
import { OrderEvaluationStep } from '../intake/order-evaluation.step';
import { OrderLinesPricer } from '../intake/order-lines.pricer';
import { OrderLinesResolver } from '../intake/order-lines.resolver';
import { applyTotals } from '../intake/order-record.builder';
import { CustomerAccountRepository } from '../persistence/customer-account.repository';
import { OrderRecordsRepository } from '../persistence/order-records.repository';
import { ProcessLogRepository } from '../persistence/process-log.repository';
import { OrderProcessErrorCode, orderFieldProblem, wrongOrderState } from '../order-process.errors';
import type { ChangeOrderBody } from '../order.contract';
import { type OrderDetailView, OrderDetailReader } from '../read/order-detail.reader';
import { requestedLinesOf, replaceLines } from './order-lines.change';

/** Before release nothing has left for the warehouse: the order can still be redone. */
const CHANGEABLE: ReadonlySet<OrderStatus> = new Set([
  'received',
  'validated',
  'on_hold',
  'approved',
  'allocated',
]);

/**
 * Changes an order before release and runs intake again from scratch, in one transaction:
 * the stock it holds goes back and its holds close as superseded, then the new lines, ship-to
 * and date are validated, priced and decided (credit, holds, allocation, release) as at intake.
 */
@Injectable()
export class ChangeOrderUseCase {
  constructor(
    private readonly records: OrderRecordsRepository,
    private readonly loader: OrderLoader,
    private readonly accounts: CustomerAccountRepository,
    private readonly resolver: OrderLinesResolver,
    private readonly pricer: OrderLinesPricer,
    private readonly closure: OrderClosureStep,
    private readonly evaluation: OrderEvaluationStep,
    private readonly log: ProcessLogRepository,
    private readonly reader: OrderDetailReader,
  ) {}

  async execute(
    principal: Principal | undefined,
    orderId: string,
    ifMatch: string | undefined,
    body: ChangeOrderBody,
  ): Promise<OrderDetailView> {
    const scope = accountScopeOf(principal);
    await this.records.transaction(async (manager) => {
      const session = new FlowSession(manager, actorOf(principal));
      const flow = await this.loader.lock(manager, scope, orderId);
      if (!flow) throw ProblemException.notFound('order', orderId);
      this.assertChangeable(flow, expectedVersion(ifMatch));
      await this.changeShipTo(session, flow, body);
      if (body.requestedDate !== undefined) flow.order.requestedDate = body.requestedDate;
      const requested = requestedLinesOf(flow, body.lines);
      const measured = await this.resolver.resolve(
        manager,
        flow.customer,
        requested,
        session.today,
      );
      const priced = this.pricer.price(flow.customer, measured, session.today);
      await this.undo(session, flow);
      const changed = await replaceLines(session, flow, requested, priced.lines, this.records);
      applyTotals(flow.order, priced.totals);
      flow.order.revision += 1;
      flow.order.touchless = false;
      session.touch(flow.order);
      session.journal.record(flow.order.id, 'order.changed', {
        data: { revision: flow.order.revision, changed: Object.keys(body).sort() },
      });
      await this.evaluation.evaluate(session, changed, priced.lines);
      await session.commit(this.records, this.log);
    });
    return this.reader.read('all', orderId);
  }

  private assertChangeable(flow: OrderInFlow, expected: number): void {
    const { order } = flow;
    if (order.version !== expected) throw staleVersion('order', order.id, order.version);
    if (!CHANGEABLE.has(order.status)) {
      throw wrongOrderState(
        OrderProcessErrorCode.NOT_CHANGEABLE,
        order,
        'an order can be changed until it is released to the warehouse; cancel it instead',
      );
    }
  }

  private async changeShipTo(session: FlowSession, flow: OrderInFlow, body: ChangeOrderBody) {
    if (body.shipToId === undefined && body.shipToCode === undefined) return;
    const key = {
      ...(body.shipToId === undefined ? {} : { id: body.shipToId }),
      ...(body.shipToCode === undefined ? {} : { code: body.shipToCode }),
    };
    const shipTo = await this.accounts.findShipTo(session.manager, flow.customer.id, key);
    if (!shipTo || !shipTo.active) {
      throw orderFieldProblem(
        OrderProcessErrorCode.SHIP_TO_NOT_FOUND,
        body.shipToId === undefined ? '/body/shipToCode' : '/body/shipToId',
        "no such active ship-to among the customer's",
      );
    }
    flow.order.shipToId = shipTo.id;
    flow.shipToRegion = shipTo.region;
  }

  /** What the order held on to goes back before it is decided again. */
  private async undo(session: FlowSession, flow: OrderInFlow): Promise<void> {
    const lines = flow.lines.map((entry) => entry.line);
    await this.closure.returnStock(session, flow.order, lines, 'changed');
    await this.closure.closeHolds(session, flow.order.id, 'released', 'superseded by a change');
    if (flow.order.status === 'on_hold') {
      // The lifecycle leaves a hold only through approval; the change replaced the question.
      session.journal.transition(flow.order, 'approved', 'order.approved', {
        reason: 'holds superseded by a change',
      });
    }
  }
}
