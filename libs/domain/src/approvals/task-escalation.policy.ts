import type { ApprovalRoutingRule } from './approval-routing.types';

/** Who an overdue task goes to next, and on what terms. */
export interface EscalationTarget {
  readonly role: string;
  /** Calendar hours the new holder gets before the task is overdue again. */
  readonly slaHours: number;
  /** Never less urgent than the task already was (1 is the most urgent). */
  readonly priority: number;
}

/** The overdue task. */
export interface OverdueTask {
  readonly queue: string;
  readonly assigneeRole: string;
  readonly priority: number;
}

/** Each role of a queue's policy with the most urgent rule routing to it. */
interface RoleRank {
  readonly role: string;
  readonly rule: ApprovalRoutingRule;
}

/**
 * The escalation ladder a queue's routing policy implies, least senior role first. The policy
 * sends its most urgent work (lowest task priority) to its most senior people, so a role ranks
 * by the most urgent priority any rule gives it; between equals, the role whose rule is
 * evaluated first ranks higher (policies put the exceptional cases, such as very large orders,
 * first). With the default credit policy: credit-analyst, credit-manager, finance-director.
 */
export function escalationLadder(rules: readonly ApprovalRoutingRule[], queue: string): string[] {
  return ranks(rules, queue)
    .map((rank) => rank.role)
    .reverse();
}

/**
 * Where an overdue task escalates: the next role up its queue's ladder, with that role's SLA
 * and priority (the priority kept if the task was more urgent already). Undefined when there is
 * nobody above: the task's role is the top of the ladder, is not in the policy at all (a person
 * handed it outside the policy, and that person owns it), or the queue has no routing policy.
 * The caller then only reports the task overdue.
 */
export function escalationTarget(
  rules: readonly ApprovalRoutingRule[],
  task: OverdueTask,
): EscalationTarget | undefined {
  const ladder = ranks(rules, task.queue).reverse();
  const position = ladder.findIndex((rank) => rank.role === task.assigneeRole);
  const next = position === -1 ? undefined : ladder[position + 1];
  if (!next) return undefined;
  return {
    role: next.role,
    slaHours: next.rule.slaHours,
    priority: Math.min(task.priority, next.rule.priority),
  };
}

/** Roles of the queue, most senior first. */
function ranks(rules: readonly ApprovalRoutingRule[], queue: string): RoleRank[] {
  const best = new Map<string, ApprovalRoutingRule>();
  for (const rule of rules.filter((candidate) => candidate.queue === queue)) {
    const current = best.get(rule.role);
    if (!current || outranks(rule, current)) best.set(rule.role, rule);
  }
  return [...best.entries()]
    .map(([role, rule]) => ({ role, rule }))
    .sort((a, b) => (outranks(a.rule, b.rule) ? -1 : outranks(b.rule, a.rule) ? 1 : 0));
}

function outranks(a: ApprovalRoutingRule, b: ApprovalRoutingRule): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.order < b.order);
}
