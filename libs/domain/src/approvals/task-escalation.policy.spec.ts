import type { ApprovalQueue, ApprovalRoutingRule } from './approval-routing.types';
import { DEFAULT_APPROVAL_ROUTING } from './default-approval-routing.table';
import { escalationLadder, escalationTarget } from './task-escalation.policy';

const rule = (
  role: string,
  order: number,
  priority: number,
  slaHours = 4,
  queue: ApprovalQueue = 'credit-review',
): ApprovalRoutingRule => ({
  id: `${role}-${order}`,
  queue,
  name: `${role} ${order}`,
  order,
  role,
  slaHours,
  priority,
  when: {},
});

const task = (assigneeRole: string, priority = 3, queue = 'credit-review') => ({
  queue,
  assigneeRole,
  priority,
});

describe('escalationLadder', () => {
  it('ranks the default credit policy analyst, manager, finance director', () => {
    expect(escalationLadder(DEFAULT_APPROVAL_ROUTING, 'credit-review')).toEqual([
      'credit-analyst',
      'credit-manager',
      'finance-director',
    ]);
  });

  it('has one role for the default pricing and inventory policies', () => {
    expect(escalationLadder(DEFAULT_APPROVAL_ROUTING, 'pricing-review')).toEqual([
      'pricing-analyst',
    ]);
    expect(escalationLadder(DEFAULT_APPROVAL_ROUTING, 'inventory-review')).toEqual([
      'inventory-planner',
    ]);
  });

  it('ranks a role by the most urgent priority any of its rules gives', () => {
    const rules = [rule('a', 10, 4), rule('b', 20, 3), rule('a', 30, 2)];
    expect(escalationLadder(rules, 'credit-review')).toEqual(['b', 'a']);
  });

  it('between equal priorities ranks the role evaluated first higher', () => {
    const rules = [rule('late', 50, 2), rule('early', 5, 2)];
    expect(escalationLadder(rules, 'credit-review')).toEqual(['late', 'early']);
  });

  it('only reads the rules of the queue asked for', () => {
    const rules = [rule('a', 10, 3), rule('p', 10, 1, 4, 'pricing-review')];
    expect(escalationLadder(rules, 'credit-review')).toEqual(['a']);
    expect(escalationLadder(rules, 'collections')).toEqual([]);
  });
});

describe('escalationTarget', () => {
  it('moves an overdue analyst task to the manager with the manager rule SLA', () => {
    expect(escalationTarget(DEFAULT_APPROVAL_ROUTING, task('credit-analyst'))).toEqual({
      role: 'credit-manager',
      slaHours: 8,
      priority: 2,
    });
  });

  it('moves an overdue manager task to the finance director', () => {
    expect(escalationTarget(DEFAULT_APPROVAL_ROUTING, task('credit-manager', 2))).toEqual({
      role: 'finance-director',
      slaHours: 24,
      priority: 1,
    });
  });

  it('keeps a task as urgent as it already was', () => {
    const rules = [rule('junior', 10, 3), rule('senior', 20, 2)];
    expect(escalationTarget(rules, task('junior', 1))?.priority).toBe(1);
  });

  it('has nobody above the top of the ladder', () => {
    expect(escalationTarget(DEFAULT_APPROVAL_ROUTING, task('finance-director', 1))).toBeUndefined();
  });

  it('leaves a task handed outside the policy with its holder', () => {
    expect(escalationTarget(DEFAULT_APPROVAL_ROUTING, task('operations'))).toBeUndefined();
  });

  it('has nobody to escalate to in a queue without a routing policy or with one role', () => {
    expect(escalationTarget(DEFAULT_APPROVAL_ROUTING, task('collector', 3, 'collections'))).toBe(
      undefined,
    );
    expect(
      escalationTarget(DEFAULT_APPROVAL_ROUTING, task('pricing-analyst', 3, 'pricing-review')),
    ).toBeUndefined();
    expect(escalationTarget([], task('credit-analyst'))).toBeUndefined();
  });
});
