import type { Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import type { Task } from '@o2c/persistence';
import { assertMayClaim, assertMayDecide, assertMayReassign } from './task-access.policy';

function principal(subject: string, ...roles: string[]): Principal {
  return { kind: 'internal', subject, roles, scopes: new Set(), customerIds: 'all' };
}

function task(fields: Partial<Task> = {}): Task {
  return {
    id: 't-1',
    status: 'open',
    assigneeRole: 'credit-analyst',
    assignee: null,
    ...fields,
  } as Task;
}

function refusal(check: () => void): { status: number; rule: string | undefined } | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.status, rule: error.errors[0]?.rule };
  }
}

describe('who may act on a task', () => {
  const ana = principal('ana', 'credit-analyst');
  const pia = principal('pia', 'pricing-analyst');
  const admin = principal('root', 'admin');

  it("lets holders of the task's role and admins claim, and no one else (403 task-role)", () => {
    expect(refusal(() => assertMayClaim(ana, task()))).toBeUndefined();
    expect(refusal(() => assertMayClaim(admin, task()))).toBeUndefined();
    expect(refusal(() => assertMayClaim(pia, task()))).toEqual({ status: 403, rule: 'task-role' });
  });

  it('lets the claimer and admins decide; an unclaimed task must be claimed first', () => {
    const claimed = task({ status: 'claimed', assignee: 'ana' });
    expect(refusal(() => assertMayDecide(ana, claimed))).toBeUndefined();
    expect(refusal(() => assertMayDecide(admin, claimed))).toBeUndefined();
    expect(refusal(() => assertMayDecide(principal('oscar', 'credit-analyst'), claimed))).toEqual({
      status: 403,
      rule: 'task-claimer',
    });
    expect(refusal(() => assertMayDecide(ana, task()))).toEqual({
      status: 403,
      rule: 'task-claimer',
    });
    expect(refusal(() => assertMayDecide(admin, task()))).toBeUndefined();
  });

  it("lets the role's people, the current holder and admins reassign", () => {
    const handedToPia = task({ status: 'claimed', assignee: 'pia' });
    expect(refusal(() => assertMayReassign(ana, task()))).toBeUndefined();
    expect(refusal(() => assertMayReassign(pia, handedToPia))).toBeUndefined();
    expect(refusal(() => assertMayReassign(admin, task()))).toBeUndefined();
    expect(refusal(() => assertMayReassign(pia, task()))).toEqual({
      status: 403,
      rule: 'task-role',
    });
  });
});
