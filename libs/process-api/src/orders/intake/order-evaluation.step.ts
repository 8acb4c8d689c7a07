import { Injectable } from '@nestjs/common';
import {
  type CreditDecision,
  type CreditPosition,
  decideCredit,
  Decimal,
  intakeHolds,
} from '@o2c/domain';
import { CreditPositionRepository } from '../persistence/credit-position.repository';
import { HoldOpeningStep, type HoldToOpen } from '../flow/hold-opening.step';
import type { FlowSession } from '../flow/flow-session';
import type { OrderInFlow } from '../flow/order-in-flow';
import { OrderFlow } from '../flow/order-flow.service';
import { creditEvidence, priceCorrections, pricingEvidence } from './hold-evidence';
import type { PricedLine } from './order-lines.pricer';

/**
 * The decisions on a validated order, for a new order and for a changed one alike: credit
 * (under the customer row lock taken at the start of the command), then holds, else
 * allocation and release. `priced` is aligned with `flow.lines`.
 */
@Injectable()
export class OrderEvaluationStep {
  constructor(
    private readonly credit: CreditPositionRepository,
    private readonly holdOpening: HoldOpeningStep,
    private readonly orderFlow: OrderFlow,
  ) {}

  /** `position`: the customer's exposure when the caller has read it already (after the
   *  customer lock, with this order excluded); else it is read here. */
  async evaluate(
    session: FlowSession,
    flow: OrderInFlow,
    priced: PricedLine[],
    position?: CreditPosition,
  ): Promise<void> {
    const { order, customer } = flow;
    const decision = await this.decideCredit(session, flow, position);
    if (decision.outcome === 'reject') {
      await this.orderFlow.rejectInFlow(session, flow, decision.reason);
      return;
    }
    const validated = { data: { total: order.total, lines: flow.lines.length } };
    if (order.status === 'received') {
      session.journal.transition(order, 'validated', 'order.validated', validated);
    } else {
      session.journal.record(order.id, 'order.revalidated', validated);
    }
    const numbered = priced.map((line, index) => ({
      lineNumber: flow.lines[index]?.line.lineNumber ?? index + 1,
      line,
    }));
    const corrections = priceCorrections(numbered, customer);
    if (corrections !== null) {
      session.journal.record(order.id, 'order.price_corrected', { data: corrections });
    }
    const holds = intakeHolds({
      credit: decision,
      lines: priced.map((line) => ({ holdReasons: line.pricing.holdReasons })),
    });
    if (holds.length === 0) {
      await this.orderFlow.proceed(session, flow, false);
      return;
    }
    const toOpen: HoldToOpen[] = holds.map((request) => ({
      request,
      evidence:
        request.type === 'credit' && decision.outcome === 'hold'
          ? creditEvidence(decision, customer.currency)
          : pricingEvidence(numbered, customer),
    }));
    await this.holdOpening.open(session, flow, toOpen);
  }

  /** Exposure from the database, this order excluded (it is being decided). */
  private async decideCredit(
    session: FlowSession,
    flow: OrderInFlow,
    known?: CreditPosition,
  ): Promise<CreditDecision> {
    const { customer, order } = flow;
    const position =
      known ?? (await this.credit.position(session.manager, customer, session.today, [order.id]));
    return decideCredit({
      customerStatus: customer.status,
      position,
      orderTotal: new Decimal(order.total),
      overdueDaysLimit: customer.overdueDaysLimit,
    });
  }
}
