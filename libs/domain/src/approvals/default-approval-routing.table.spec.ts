import { Decimal } from '../decimal/decimal';
import { routeApproval } from './approval-routing.policy';
import type { ApprovalQueue } from './approval-routing.types';
import { DEFAULT_APPROVAL_ROUTING, defaultSlaHours } from './default-approval-routing.table';
import { validateRoutingRule } from './routing-rule.validator';

const LIMIT = 'CREDIT.LIMIT_EXCEEDED';
const OVERDUE = 'CREDIT.OVERDUE_RECEIVABLES';
const ON_HOLD = 'CREDIT.ACCOUNT_ON_HOLD';

const route = (
  orderTotal: string,
  reasons: string[],
  overrunPercent?: string,
  queue: ApprovalQueue = 'credit-review',
) => {
  const rule = routeApproval(DEFAULT_APPROVAL_ROUTING, {
    queue,
    orderTotal: new Decimal(orderTotal),
    ...(overrunPercent === undefined ? {} : { overrunPercent: new Decimal(overrunPercent) }),
    reasons,
  });
  return rule && { role: rule.role, slaHours: rule.slaHours, order: rule.order };
};

describe('DEFAULT_APPROVAL_ROUTING', () => {
  it('sends orders of 250,000 or more to the finance director within 24 h', () => {
    expect(route('250000', [LIMIT], '3')).toEqual({
      role: 'finance-director',
      slaHours: 24,
      order: 10,
    });
    expect(route('250000.00', [OVERDUE], '0')?.role).toBe('finance-director');
    expect(route('249999.99', [LIMIT], '3')?.role).toBe('credit-analyst');
  });

  it.each([
    ['0.01', 'credit-analyst', 4, 20],
    ['9.99', 'credit-analyst', 4, 20],
    ['10', 'credit-manager', 8, 30],
    ['10.01', 'credit-manager', 8, 30],
    ['100', 'credit-manager', 8, 30],
  ])('routes a %s %% overrun to the %s (SLA %i h)', (overrun, role, slaHours, order) => {
    expect(route('5000', [LIMIT], overrun)).toEqual({ role, slaHours, order });
  });

  it('routes a limit overrun together with overdue invoices by the overrun', () => {
    expect(route('5000', [LIMIT, OVERDUE], '12')?.role).toBe('credit-manager');
    expect(route('5000', [OVERDUE, LIMIT], '2')?.role).toBe('credit-analyst');
  });

  it('routes overdue-only holds to the credit analyst, with or without an overrun percent', () => {
    expect(route('5000', [OVERDUE], '0')).toEqual({
      role: 'credit-analyst',
      slaHours: 4,
      order: 40,
    });
    expect(route('5000', [OVERDUE])?.role).toBe('credit-analyst');
  });

  it('routes anything else in credit review to the credit manager', () => {
    expect(route('5000', [ON_HOLD], '0')).toEqual({
      role: 'credit-manager',
      slaHours: 8,
      order: 100,
    });
    expect(route('5000', [LIMIT])?.role).toBe('credit-manager'); // no overrun percent given
  });

  it('routes pricing and inventory reviews to their specialists', () => {
    expect(route('999999', ['PRICE.OUTSIDE_TOLERANCE'], undefined, 'pricing-review')).toEqual({
      role: 'pricing-analyst',
      slaHours: 4,
      order: 10,
    });
    expect(route('1', ['INVENTORY.SHORT'], undefined, 'inventory-review')).toEqual({
      role: 'inventory-planner',
      slaHours: 8,
      order: 10,
    });
  });

  it('has unique ids and passes the validator the API applies to managed rules', () => {
    const ids = DEFAULT_APPROVAL_ROUTING.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of DEFAULT_APPROVAL_ROUTING) expect(validateRoutingRule(rule)).toEqual(rule);
  });

  it('cannot be changed by callers', () => {
    expect(Object.isFrozen(DEFAULT_APPROVAL_ROUTING)).toBe(true);
    for (const rule of DEFAULT_APPROVAL_ROUTING) {
      expect(Object.isFrozen(rule)).toBe(true);
      expect(Object.isFrozen(rule.when)).toBe(true);
      if (rule.when.reasons) expect(Object.isFrozen(rule.when.reasons)).toBe(true);
    }
  });
});

describe('defaultSlaHours', () => {
  it.each([
    ['credit-review', 8],
    ['pricing-review', 4],
    ['inventory-review', 8],
  ] as const)('gives %s the SLA of its catch-all default rule (%i h)', (queue, hours) => {
    const defaults = DEFAULT_APPROVAL_ROUTING.filter((rule) => rule.queue === queue);
    expect(defaultSlaHours(queue)).toBe(defaults.at(-1)?.slaHours);
    expect(defaultSlaHours(queue)).toBe(hours);
  });
});
