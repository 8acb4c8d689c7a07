import type { TaskStatus, WorkQueue } from '@o2c/persistence';

/** Request shapes of openapi/process/work-queues.v1.yaml (validated by the gateway before use). */
export type TaskSort = 'dueAt' | 'priority';

export interface ListTasksQuery {
  limit: number;
  cursor?: string;
  status?: TaskStatus[];
  assigneeRole?: string;
  assignee?: string;
  overdue?: boolean;
  customerId?: string;
  sort: TaskSort;
}

export type TaskDecision = 'approve' | 'reject';

export interface TaskDecisionBody {
  decision: TaskDecision;
  comment?: string;
}

export interface TaskReassignmentBody {
  role?: string;
  assignee?: string | null;
}

export interface ListTasksRequest extends ListTasksQuery {
  queue: WorkQueue;
}
