import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ApprovalRoutingRule,
  Decimal,
  type HoldRequest,
  routeApproval,
  slaDueAt,
} from '@o2c/domain';
import { OrderHold, Task } from '@o2c/persistence';
import { defaultRules, RoutingRulesRepository } from '../persistence/routing-rules.repository';
import type { FlowSession } from './flow-session';
import type { OrderInFlow } from './order-in-flow';
import { newRecord } from './new-record';

/** A hold to open and what the reviewer must see to decide it. */
export interface HoldToOpen {
  request: HoldRequest;
  evidence: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Puts an order on hold: each hold opens an order_holds row and a task in its work queue,
 * routed by the approval policy (role, priority, SLA due time) with the evidence attached.
 * Release to the warehouse waits; the account manager is told through `order.held`.
 */
@Injectable()
export class HoldOpeningStep {
  constructor(private readonly routing: RoutingRulesRepository) {}

  async open(session: FlowSession, flow: OrderInFlow, holds: HoldToOpen[]): Promise<void> {
    const { order } = flow;
    const opened: { hold: OrderHold; task: Task }[] = [];
    for (const { request, evidence } of holds) {
      const rule = await this.route(session, request, new Decimal(order.total));
      const hold = newRecord(OrderHold, {
        id: randomUUID(),
        orderId: order.id,
        type: request.type,
        status: 'open',
        reasonCode: request.reasons[0] ?? request.type,
        evidence: { reasons: [...request.reasons], ...evidence },
        openedAt: session.now,
        resolvedAt: null,
        resolvedBy: null,
        resolutionComment: null,
      });
      const task = newRecord(Task, {
        id: randomUUID(),
        queue: request.queue,
        status: 'open',
        subjectType: 'sales_order',
        subjectId: order.id,
        holdId: hold.id,
        routingRuleId: UUID.test(rule.id) ? rule.id : null,
        priority: rule.priority,
        slaDueAt: new Date(slaDueAt(session.now.toISOString(), rule.slaHours)),
        assigneeRole: rule.role,
        evidence: {
          orderNumber: order.orderNumber,
          customerId: order.customerId,
          customerNumber: flow.customer.customerNumber,
          holdType: request.type,
          routedBy: rule.name,
          ...hold.evidence,
        },
      });
      session.createHold(hold, task);
      opened.push({ hold, task });
    }
    this.announce(session, flow, opened);
  }

  /** The first matching rule of the queue's policy, else of the default policy. */
  private async route(
    session: FlowSession,
    request: HoldRequest,
    orderTotal: Decimal,
  ): Promise<ApprovalRoutingRule> {
    const context = {
      queue: request.queue,
      orderTotal,
      reasons: request.reasons,
      ...(request.overrunPercent === undefined ? {} : { overrunPercent: request.overrunPercent }),
    };
    const rules = await this.routing.rulesFor(session.manager, request.queue);
    const rule =
      routeApproval(rules, context) ?? routeApproval(defaultRules(request.queue), context);
    // The default policy ends every queue with a catch-all.
    if (!rule) throw new Error(`no routing rule for ${request.queue}`);
    return rule;
  }

  private announce(
    session: FlowSession,
    flow: OrderInFlow,
    opened: { hold: OrderHold; task: Task }[],
  ): void {
    const { order, customer } = flow;
    order.touchless = false;
    session.touch(order);
    const summary = opened.map(({ hold, task }) => ({
      holdId: hold.id,
      type: hold.type,
      reasonCode: hold.reasonCode,
      taskId: task.id,
      queue: task.queue,
      assigneeRole: task.assigneeRole,
      slaDueAt: task.slaDueAt?.toISOString() ?? null,
    }));
    session.journal.transition(order, 'on_hold', 'order.held', {
      reason: opened.map(({ hold }) => hold.reasonCode).join(', '),
      data: { holds: summary },
      related: opened.flatMap(({ hold, task }) => [
        { type: 'hold', id: hold.id },
        { type: 'task', id: task.id },
      ]),
    });
    session.journal.publish(order.id, 'order.held', {
      orderNumber: order.orderNumber,
      customerId: customer.id,
      customerNumber: customer.customerNumber,
      externalPoNumber: order.externalPoNumber,
      notify: { accountManager: customer.accountManager },
      total: { amount: order.total, currency: order.currency },
      holds: summary,
    });
  }
}
