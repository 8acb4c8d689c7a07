import { Injectable } from '@nestjs/common';
import { ContractRegistry } from '@o2c/contracts';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import type { Task } from '@o2c/persistence';
import { assertInternalRole } from '../approval-routing/internal-role.guard';
import type { TaskReassignmentBody } from './task.contract';
import { assertMayReassign } from './task-access.policy';
import { eventActorOf } from './task-actor';
import { taskNotLive } from './task.errors';
import { recordTaskEvents } from './task-events.recorder';
import { presentTask, type TaskView } from './task.presenter';
import { TaskRepository } from './task.repository';
import { taskRelations } from './task-relations';

interface Holder {
  role: string;
  assignee: string | null;
}

/**
 * Hands a live task to another role or person: one transaction with the change (audited), its
 * process event and an outbox notification for the new holder.
 */
@Injectable()
export class ReassignTaskUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly contracts: ContractRegistry,
  ) {}

  async execute(
    principal: Principal,
    taskId: string,
    ifMatch: string | undefined,
    body: TaskReassignmentBody,
  ): Promise<TaskView> {
    if (body.role !== undefined) assertInternalRole(this.contracts, body.role, '/body/role');
    const scope = accountScopeOf(principal);
    const now = new Date();
    const record = await this.tasks.transaction(async (manager) => {
      const found = await this.tasks.lockForChange(manager, scope, taskId);
      if (!found) throw ProblemException.notFound('task', taskId);
      const { task } = found;
      const expected = expectedVersion(ifMatch);
      assertMayReassign(principal, task);
      if (task.version !== expected) throw staleVersion('task', taskId, task.version);
      if (task.status !== 'open' && task.status !== 'claimed') throw taskNotLive(task);
      const from: Holder = { role: task.assigneeRole, assignee: task.assignee };
      reassign(task, body, now);
      const to: Holder = { role: task.assigneeRole, assignee: task.assignee };
      if (from.role === to.role && from.assignee === to.assignee) return found;
      await manager.save(task);
      await recordTaskEvents(manager, [
        {
          objectType: 'task',
          objectId: task.id,
          activity: 'task.reassigned',
          actor: eventActorOf(principal),
          data: { queue: task.queue, status: task.status, from, to },
          relatedObjects: taskRelations(found),
          publishAs: { aggregateType: 'task', aggregateId: task.id, eventType: 'task.reassigned' },
        },
      ]);
      return { ...found, task };
    });
    return presentTask(record, now);
  }
}

/** A new role empties the claim (its people claim it) unless a person is named too. */
function reassign(task: Task, body: TaskReassignmentBody, now: Date): void {
  if (body.role !== undefined) task.assigneeRole = body.role;
  const assignee =
    body.assignee !== undefined ? body.assignee : body.role !== undefined ? null : task.assignee;
  if (assignee === task.assignee) return;
  task.assignee = assignee;
  task.status = assignee === null ? 'open' : 'claimed';
  task.claimedAt = assignee === null ? null : now;
}
