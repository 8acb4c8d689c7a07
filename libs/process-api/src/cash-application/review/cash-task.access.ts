import type { Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import { TaskErrorCode } from '../../work-queues/task.errors';

/** A task as the cash commands check it. */
export interface CashTaskHolder {
  readonly id: string;
  readonly assigneeRole: string;
  readonly assignee: string | null;
}

/**
 * Who may resolve a cash-application task: whoever claimed it; while nobody has, a holder of
 * its role (it becomes theirs); an admin always. Unlike a credit decision, applying cash needs
 * no claim first: the payment's row lock already keeps two people from placing it twice.
 */
export function assertMayResolveCashTask(principal: Principal, task: CashTaskHolder): void {
  if (principal.roles.includes('admin')) return;
  if (task.assignee !== null) {
    if (task.assignee === principal.subject) return;
    throw problem(
      TaskErrorCode.CLAIMER_REQUIRED,
      '/assignee',
      'task-claimer',
      `only its claimer ${task.assignee} or an admin may resolve task ${task.id}`,
    );
  }
  if (principal.roles.includes(task.assigneeRole)) return;
  throw problem(
    TaskErrorCode.ROLE_REQUIRED,
    '/assigneeRole',
    'task-role',
    `only a ${task.assigneeRole} or an admin may resolve task ${task.id}`,
  );
}

function problem(code: TaskErrorCode, path: string, rule: string, message: string) {
  return new ProblemException(code, message, [{ path, rule, message }], { status: 403 });
}
