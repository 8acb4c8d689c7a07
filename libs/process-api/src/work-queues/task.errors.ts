import { ProblemException } from '@o2c/http';
import type { Task, WorkQueue } from '@o2c/persistence';

/** Stable codes of the work-queue rules; clients may rely on them. */
export enum TaskErrorCode {
  NOT_OPEN = 'TASK.NOT_OPEN',
  NOT_LIVE = 'TASK.NOT_LIVE',
  ALREADY_DECIDED = 'TASK.ALREADY_DECIDED',
  HOLD_NOT_OPEN = 'TASK.HOLD_NOT_OPEN',
  NO_HOLD = 'TASK.NO_HOLD',
  ROLE_REQUIRED = 'TASK.ROLE_REQUIRED',
  CLAIMER_REQUIRED = 'TASK.CLAIMER_REQUIRED',
}

/** The one place these codes become HTTP statuses; an unmapped code does not compile. */
function statusOf(code: TaskErrorCode): number {
  switch (code) {
    case TaskErrorCode.NOT_OPEN:
    case TaskErrorCode.NOT_LIVE:
    case TaskErrorCode.ALREADY_DECIDED:
    case TaskErrorCode.HOLD_NOT_OPEN:
      return 409;
    case TaskErrorCode.NO_HOLD:
      return 422;
    case TaskErrorCode.ROLE_REQUIRED:
    case TaskErrorCode.CLAIMER_REQUIRED:
      return 403;
  }
}

function taskProblem(code: TaskErrorCode, path: string, rule: string, message: string) {
  return new ProblemException(code, message, [{ path, rule, message }], {
    status: statusOf(code),
  });
}

export function taskNotOpen(task: Task): ProblemException {
  const by = task.assignee ? ` by ${task.assignee}` : '';
  return taskProblem(
    TaskErrorCode.NOT_OPEN,
    '/status',
    'task-open',
    `task ${task.id} is ${task.status}${by}; only open tasks can be claimed`,
  );
}

export function taskNotLive(task: Task): ProblemException {
  return taskProblem(
    TaskErrorCode.NOT_LIVE,
    '/status',
    'task-live',
    `task ${task.id} is ${task.status}; only open or claimed tasks can be reassigned`,
  );
}

export function taskAlreadyDecided(task: Task): ProblemException {
  return taskProblem(
    TaskErrorCode.ALREADY_DECIDED,
    '/status',
    'task-undecided',
    `task ${task.id} is already ${task.status}`,
  );
}

export function holdNotOpen(task: Task, holdStatus: string): ProblemException {
  return taskProblem(
    TaskErrorCode.HOLD_NOT_OPEN,
    '/hold/status',
    'hold-open',
    `the hold of task ${task.id} is already ${holdStatus}`,
  );
}

export function taskWithoutHold(task: Task): ProblemException {
  const where = DECIDED_ELSEWHERE[task.queue]?.(task);
  return taskProblem(
    TaskErrorCode.NO_HOLD,
    '/hold',
    'hold-exists',
    `task ${task.id} decides no order hold; it cannot be approved or rejected here${where ? `: ${where}` : ''}`,
  );
}

/** Where the tasks of queues without order holds are decided. */
const DECIDED_ELSEWHERE: Partial<Record<WorkQueue, (task: Task) => string>> = {
  'cash-application': (task) =>
    `confirm its suggestions with POST /process/v1/tasks/${task.id}/cash-confirmation, or apply the cash yourself with POST /process/v1/tasks/${task.id}/cash-applications`,
  dispute: (task) =>
    `it closes with its dispute: change the dispute through /process/v1/disputes/${task.subjectId} (status, credit-memo-resolution, rejection, write-off)`,
  collections: (task) =>
    `work the customer's collections through /process/v1/collections/customers/${task.subjectId} and its payment promises`,
};

export function roleRequired(task: Task, action: string): ProblemException {
  return taskProblem(
    TaskErrorCode.ROLE_REQUIRED,
    '/assigneeRole',
    'task-role',
    `only a ${task.assigneeRole} or an admin may ${action} task ${task.id}`,
  );
}

export function claimerRequired(task: Task): ProblemException {
  const holder = task.status === 'claimed' ? `its claimer ${task.assignee}` : 'whoever claims it';
  return taskProblem(
    TaskErrorCode.CLAIMER_REQUIRED,
    '/assignee',
    'task-claimer',
    `only ${holder} or an admin may decide task ${task.id}`,
  );
}

export function commentRequiredToReject(): ProblemException {
  return ProblemException.invalid(
    '/body/comment',
    'required-for-reject',
    'a comment is required to reject',
  );
}
