import { Injectable } from '@nestjs/common';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import type { OrderHold, SalesOrder, Task } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { OrderFlow } from '../orders/flow/order-flow.service';
import type { TaskDecisionBody } from './task.contract';
import { assertMayDecide } from './task-access.policy';
import { eventActorOf, flowActorOf } from './task-actor';
import {
  commentRequiredToReject,
  holdNotOpen,
  taskAlreadyDecided,
  taskWithoutHold,
} from './task.errors';
import { recordTaskEvents } from './task-events.recorder';
import { presentTask, type TaskView } from './task.presenter';
import { TaskRepository } from './task.repository';
import { ORDER_OBJECT, taskRelations } from './task-relations';

/**
 * A person's decision on a hold, and what follows from it, in one transaction: the task is
 * completed, the hold released or rejected, both logged and published; then approving the
 * order's last open hold resumes the flow (allocate, release), approving one of several leaves
 * the order on hold, and rejecting rejects the order.
 */
@Injectable()
export class DecideTaskUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly flow: OrderFlow,
  ) {}

  async execute(
    principal: Principal,
    taskId: string,
    ifMatch: string | undefined,
    body: TaskDecisionBody,
  ): Promise<TaskView> {
    const comment = body.comment?.trim() || null;
    if (body.decision === 'reject' && comment === null) throw commentRequiredToReject();
    const scope = accountScopeOf(principal);
    const record = await this.tasks.transaction(async (manager) => {
      const found = await this.tasks.lockForChange(manager, scope, taskId);
      if (!found) throw ProblemException.notFound('task', taskId);
      const { task, hold, order } = found;
      const expected = expectedVersion(ifMatch);
      assertMayDecide(principal, task);
      if (task.version !== expected) throw staleVersion('task', taskId, task.version);
      if (task.status === 'completed' || task.status === 'cancelled')
        throw taskAlreadyDecided(task);
      if (!hold || !order) throw taskWithoutHold(task);
      if (hold.status !== 'open') throw holdNotOpen(task, hold.status);
      await this.decide(manager, principal, { task, hold, order }, body.decision, comment);
      // What the flow made of the order (allocated and released, rejected, still on hold).
      return this.tasks.findById('all', taskId, manager);
    });
    if (!record) throw ProblemException.notFound('task', taskId);
    return presentTask(record, new Date());
  }

  private async decide(
    manager: EntityManager,
    principal: Principal,
    { task, hold, order }: { task: Task; hold: OrderHold; order: SalesOrder },
    decision: TaskDecisionBody['decision'],
    comment: string | null,
  ): Promise<void> {
    const now = new Date();
    const approved = decision === 'approve';
    task.status = 'completed';
    task.decision = decision;
    task.decisionComment = comment;
    task.decidedBy = principal.subject;
    task.decidedAt = now;
    // An admin may decide an unclaimed task: it is theirs from now on.
    if (task.assignee === null) {
      task.assignee = principal.subject;
      task.claimedAt = now;
    }
    await manager.save(task);
    hold.status = approved ? 'released' : 'rejected';
    hold.resolvedAt = now;
    // As the order flow records who resolved a hold: the principal key.
    hold.resolvedBy = eventActorOf(principal);
    hold.resolutionComment = comment;
    await manager.save(hold);
    await this.record(manager, principal, task, hold, order);
    if (!approved) {
      await this.flow.reject(manager, order.id, flowActorOf(principal), comment ?? decision);
    } else if ((await this.tasks.countOtherOpenHolds(manager, order.id, hold.id)) === 0) {
      await this.flow.resume(manager, order.id, flowActorOf(principal));
    }
  }

  private record(
    manager: EntityManager,
    principal: Principal,
    task: Task,
    hold: OrderHold,
    order: SalesOrder,
  ): Promise<void> {
    const actor = eventActorOf(principal);
    const decision = { decision: task.decision, comment: task.decisionComment };
    const resolved = { holdId: hold.id, type: hold.type, reasonCode: hold.reasonCode, ...decision };
    return recordTaskEvents(manager, [
      {
        objectType: 'task',
        objectId: task.id,
        activity: 'task.completed',
        actor,
        reason: task.decisionComment,
        data: { queue: task.queue, ...decision },
        relatedObjects: taskRelations({ task, hold }),
      },
      {
        objectType: ORDER_OBJECT,
        objectId: order.id,
        activity: `hold.${hold.status}`,
        actor,
        reason: task.decisionComment,
        data: { ...resolved, taskId: task.id },
        relatedObjects: [
          { type: 'hold', id: hold.id },
          { type: 'task', id: task.id, qualifier: 'decided by' },
        ],
        // The account manager hears of every decision (a rejection also as order.rejected).
        publishAs: {
          aggregateType: ORDER_OBJECT,
          aggregateId: order.id,
          eventType: hold.status === 'released' ? 'order.hold_released' : 'order.hold_rejected',
          payload: {
            orderId: order.id,
            orderNumber: order.orderNumber,
            customerId: order.customerId,
            externalPoNumber: order.externalPoNumber,
            ...resolved,
            taskId: task.id,
            decidedBy: task.decidedBy,
            notify: { accountManager: order.customer?.accountManager ?? null },
          },
        },
      },
    ]);
  }
}
