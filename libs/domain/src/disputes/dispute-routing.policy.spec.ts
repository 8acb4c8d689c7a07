import { Decimal } from '../decimal/decimal';
import {
  DEFAULT_DISPUTE_ROUTING,
  type DisputeRoutingContext,
  type DisputeRoutingRule,
  routeDispute,
} from './dispute-routing.policy';

const context = (overrides: Partial<DisputeRoutingContext> = {}): DisputeRoutingContext => ({
  category: 'pricing',
  source: 'deduction',
  amount: new Decimal('250.00'),
  ...overrides,
});

const rule = (id: string, order: number, when: DisputeRoutingRule['when']): DisputeRoutingRule => ({
  id,
  name: id,
  order,
  role: 'r',
  slaHours: 8,
  priority: 3,
  when,
});

describe('routeDispute with the default routing', () => {
  it.each([
    [context(), 'dispute-other', 'deductions-analyst', 120],
    [context({ category: 'shortage' }), 'dispute-logistics', 'deductions-analyst', 72],
    [
      context({ category: 'damage', source: 'customer' }),
      'dispute-logistics',
      'deductions-analyst',
      72,
    ],
    [context({ amount: new Decimal('9999.99') }), 'dispute-other', 'deductions-analyst', 120],
    [context({ amount: new Decimal('10000') }), 'dispute-large', 'credit-manager', 48],
    [
      context({ category: 'damage', amount: new Decimal('50000') }),
      'dispute-large',
      'credit-manager',
      48,
    ],
  ])('%j -> %s (%s, %d h)', (input, id, role, hours) => {
    expect(routeDispute(DEFAULT_DISPUTE_ROUTING, input)).toMatchObject({
      id,
      role,
      slaHours: hours,
    });
  });
});

describe('routeDispute with custom rules', () => {
  it('takes the first match by order, whatever the list order', () => {
    const rules = [rule('late', 50, {}), rule('early', 5, { categories: ['pricing'] })];
    expect(routeDispute(rules, context()).id).toBe('early');
  });

  it('checks every condition: sources, inclusive minimum, exclusive maximum', () => {
    const rules = [
      rule('customers', 1, { sources: ['customer'] }),
      rule('band', 2, { minAmount: new Decimal(100), maxAmount: new Decimal(250) }),
      rule('rest', 3, { minAmount: new Decimal(250) }),
    ];
    expect(routeDispute(rules, context({ source: 'customer' })).id).toBe('customers');
    expect(routeDispute(rules, context({ amount: new Decimal(100) })).id).toBe('band');
    expect(routeDispute(rules, context({ amount: new Decimal(250) })).id).toBe('rest');
  });

  it('falls back to the catch-all when no rule matches', () => {
    const rules = [rule('returns', 1, { categories: ['returns'] })];
    expect(routeDispute(rules, context()).id).toBe('dispute-other');
    expect(routeDispute([], context()).role).toBe('deductions-analyst');
  });
});
