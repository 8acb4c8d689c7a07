import type { Principal } from '@o2c/governance';
import { assertMayResolveCashTask } from './cash-task.access';

const person = (subject: string, roles: string[]): Principal => ({
  kind: 'internal',
  subject,
  roles,
  scopes: new Set(),
  customerIds: 'all',
});

const task = (assignee: string | null) => ({ id: 't-1', assigneeRole: 'cash-applier', assignee });

describe('assertMayResolveCashTask', () => {
  it('lets a holder of the role resolve an unclaimed task', () => {
    expect(() =>
      assertMayResolveCashTask(person('ana', ['cash-applier']), task(null)),
    ).not.toThrow();
  });

  it('keeps a claimed task to its claimer', () => {
    expect(() =>
      assertMayResolveCashTask(person('ana', ['cash-applier']), task('ana')),
    ).not.toThrow();
    expect(() => assertMayResolveCashTask(person('bob', ['cash-applier']), task('ana'))).toThrow(
      expect.objectContaining({ code: 'TASK.CLAIMER_REQUIRED', status: 403 }),
    );
  });

  it('refuses other roles and lets an admin through', () => {
    expect(() => assertMayResolveCashTask(person('cy', ['credit-analyst']), task(null))).toThrow(
      expect.objectContaining({ code: 'TASK.ROLE_REQUIRED', status: 403 }),
    );
    expect(() => assertMayResolveCashTask(person('root', ['admin']), task('ana'))).not.toThrow();
  });
});
