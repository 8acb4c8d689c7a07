import { Injectable } from '@nestjs/common';
import { accountScopeOf, type Principal } from '@o2c/governance';
import { expectedVersion, ProblemException, staleVersion } from '@o2c/http';
import { assertMayClaim } from './task-access.policy';
import { eventActorOf } from './task-actor';
import { taskNotOpen } from './task.errors';
import { recordTaskEvents } from './task-events.recorder';
import { presentTask, type TaskView } from './task.presenter';
import { TaskRepository } from './task.repository';
import { taskRelations } from './task-relations';

/** Takes an open task out of its role's queue for the caller: one transaction. */
@Injectable()
export class ClaimTaskUseCase {
  constructor(private readonly tasks: TaskRepository) {}

  async execute(
    principal: Principal,
    taskId: string,
    ifMatch: string | undefined,
  ): Promise<TaskView> {
    const scope = accountScopeOf(principal);
    const now = new Date();
    const record = await this.tasks.transaction(async (manager) => {
      const found = await this.tasks.lockForChange(manager, scope, taskId);
      if (!found) throw ProblemException.notFound('task', taskId);
      const { task } = found;
      const expected = expectedVersion(ifMatch);
      assertMayClaim(principal, task);
      if (task.version !== expected) throw staleVersion('task', taskId, task.version);
      if (task.status !== 'open') throw taskNotOpen(task);
      task.status = 'claimed';
      task.assignee = principal.subject;
      task.claimedAt = now;
      await manager.save(task);
      await recordTaskEvents(manager, [
        {
          objectType: 'task',
          objectId: task.id,
          activity: 'task.claimed',
          actor: eventActorOf(principal),
          data: { queue: task.queue, assignee: task.assignee, assigneeRole: task.assigneeRole },
          relatedObjects: taskRelations(found),
        },
      ]);
      return { ...found, task };
    });
    return presentTask(record, now);
  }
}
