import { Decimal } from '@o2c/domain';
import { ProblemException } from '@o2c/http';
import type { ApprovalRoutingRule as RoutingRuleRecord } from '@o2c/persistence';
import {
  applyRoutingRule,
  conditionJson,
  routingRuleOf,
  validatedRule,
} from './routing-rule.mapper';

const body = {
  id: 'unsaved',
  queue: 'credit-review',
  name: 'Small overruns',
  order: 20,
  role: 'credit-analyst',
  slaHours: 4,
  priority: 3,
  when: { reasons: ['CREDIT.LIMIT_EXCEEDED'], maxOverrunPercent: '10.50' },
};

function problemOf(input: Record<string, unknown>): string[] {
  try {
    validatedRule(input);
    return [];
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return error.errors.map((entry) => `${entry.path} ${entry.rule}`);
  }
}

describe('routing rule mapping', () => {
  it('stores a rule as its row (evaluation order in priority, minutes, decimal strings) and back', () => {
    const record = {} as RoutingRuleRecord;
    applyRoutingRule(record, validatedRule(body));
    expect(record).toEqual({
      queue: 'credit-review',
      name: 'Small overruns',
      priority: 20,
      role: 'credit-analyst',
      slaMinutes: 240,
      taskPriority: 3,
      condition: { reasons: ['CREDIT.LIMIT_EXCEEDED'], maxOverrunPercent: '10.5' },
    });
    const rule = routingRuleOf({ ...record, id: 'r-1' });
    expect(rule).toMatchObject({ id: 'r-1', order: 20, slaHours: 4, priority: 3 });
    expect(rule.when.maxOverrunPercent?.equals(new Decimal('10.5'))).toBe(true);
    expect(conditionJson(rule.when)).toEqual(record.condition);
  });

  it("reads an empty SLA as the queue's default and ignores unknown stored keys", () => {
    const rule = routingRuleOf({
      id: 'r-2',
      queue: 'pricing-review',
      name: 'x',
      priority: 1,
      role: 'pricing-analyst',
      slaMinutes: null,
      taskPriority: 2,
      condition: { minOrderTotal: '100', note: 'legacy' },
    } as unknown as RoutingRuleRecord);
    expect(rule.slaHours).toBe(4);
    expect(conditionJson(rule.when)).toEqual({ minOrderTotal: '100' });
  });

  it('names the body field of a domain finding', () => {
    expect(problemOf({ ...body, when: { minOrderTotal: '5', maxOrderTotal: '5' } })).toEqual([
      '/body/when/maxOrderTotal ROUTING.INVALID_RULE',
    ]);
    expect(problemOf({ ...body, when: { reasons: ['A.B', ' '] } })).toEqual([
      '/body/when/reasons/1 ROUTING.INVALID_RULE',
    ]);
    expect(problemOf({ ...body, slaHours: 0 })).toEqual(['/body/slaHours ROUTING.INVALID_RULE']);
  });
});
