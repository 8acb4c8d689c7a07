import type { Principal } from '@o2c/governance';
import type { Task } from '@o2c/persistence';
import { claimerRequired, roleRequired } from './task.errors';

/** Administrators may act on every task, whatever its role. */
const ADMIN = 'admin';

function isAdmin(principal: Principal): boolean {
  return principal.roles.includes(ADMIN);
}

/** Claiming takes a task from a role's queue: only that role's people (or an admin). */
export function assertMayClaim(principal: Principal, task: Task): void {
  if (!isAdmin(principal) && !principal.roles.includes(task.assigneeRole)) {
    throw roleRequired(task, 'claim');
  }
}

/** A decision is the claimer's (four eyes stay with whoever took the task), or an admin's. */
export function assertMayDecide(principal: Principal, task: Task): void {
  if (isAdmin(principal)) return;
  if (task.assignee === null || task.assignee !== principal.subject) throw claimerRequired(task);
}

/** Handing a task on: its role's people, its current holder, or an admin. */
export function assertMayReassign(principal: Principal, task: Task): void {
  if (isAdmin(principal) || principal.roles.includes(task.assigneeRole)) return;
  if (task.assignee !== null && task.assignee === principal.subject) return;
  throw roleRequired(task, 'reassign');
}
