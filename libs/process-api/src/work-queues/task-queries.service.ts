import { Injectable } from '@nestjs/common';
import type { AccountScope } from '@o2c/governance';
import { type Page, ProblemException, toPage } from '@o2c/http';
import type { WorkQueue } from '@o2c/persistence';
import type { ListTasksQuery } from './task.contract';
import { presentTask, type TaskView } from './task.presenter';
import { TaskRepository } from './task.repository';

/** Reading work queues; another account's task is "not found", in lists too. */
@Injectable()
export class TaskQueriesService {
  constructor(private readonly tasks: TaskRepository) {}

  async list(
    scope: AccountScope,
    queue: WorkQueue,
    query: ListTasksQuery,
  ): Promise<Page<TaskView>> {
    const now = new Date();
    const rows = await this.tasks.findPage(scope, queue, query, now);
    return toPage(
      rows,
      query.limit,
      (row) => row.key,
      (row) => presentTask(row.record, now),
    );
  }

  async get(scope: AccountScope, id: string): Promise<TaskView> {
    const record = await this.tasks.findById(scope, id);
    if (!record) throw ProblemException.notFound('task', id);
    return presentTask(record, new Date());
  }
}
