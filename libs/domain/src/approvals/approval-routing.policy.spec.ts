import { Decimal } from '../decimal/decimal';
import { routeApproval } from './approval-routing.policy';
import type {
  ApprovalQueue,
  ApprovalRoutingConditions,
  ApprovalRoutingRule,
} from './approval-routing.types';

const d = (value: string) => new Decimal(value);
const rule = (
  id: string,
  order: number,
  when: ApprovalRoutingConditions = {},
  queue: ApprovalQueue = 'credit-review',
): ApprovalRoutingRule => ({
  id,
  queue,
  name: id,
  order,
  role: `${id}-role`,
  slaHours: 4,
  priority: 3,
  when,
});
const route = (
  rules: ApprovalRoutingRule[],
  orderTotal: string,
  overrunPercent?: string,
  reasons: string[] = [],
  queue: ApprovalQueue = 'credit-review',
) =>
  routeApproval(rules, {
    queue,
    orderTotal: d(orderTotal),
    ...(overrunPercent === undefined ? {} : { overrunPercent: d(overrunPercent) }),
    reasons,
  })?.id;

describe('routeApproval', () => {
  it('returns undefined without rules', () => {
    expect(route([], '100')).toBeUndefined();
  });

  it('only considers rules of the context queue', () => {
    const rules = [rule('pricing', 1, {}, 'pricing-review'), rule('credit', 2)];
    expect(route(rules, '1', undefined, [], 'credit-review')).toBe('credit');
    expect(route(rules, '1', undefined, [], 'pricing-review')).toBe('pricing');
    expect(route(rules, '1', undefined, [], 'inventory-review')).toBeUndefined();
  });

  it('evaluates by order, not by position, keeping the given order on ties', () => {
    const rules = [rule('late', 20), rule('early', 10), rule('early-too', 10)];
    expect(route(rules, '1')).toBe('early');
    expect(route([rules[2], rules[1], rules[0]], '1')).toBe('early-too');
  });

  it('does not reorder the caller’s array', () => {
    const rules = [rule('late', 20), rule('early', 10)];
    route(rules, '1');
    expect(rules.map((r) => r.id)).toEqual(['late', 'early']);
  });

  it('skips rules whose conditions fail and falls through to the next', () => {
    const rules = [rule('big', 10, { minOrderTotal: d('1000') }), rule('any', 20)];
    expect(route(rules, '999.99')).toBe('any');
    expect(route(rules, '1000')).toBe('big');
  });

  describe('bands: minimum inclusive, maximum exclusive', () => {
    const rules = [
      rule('small', 10, { maxOverrunPercent: d('10') }),
      rule('large', 20, { minOverrunPercent: d('10') }),
    ];

    it.each([
      ['0', 'small'],
      ['9.99', 'small'],
      ['10', 'large'],
      ['10.00', 'large'],
      ['10.01', 'large'],
      ['500', 'large'],
    ])('overrun %s %% goes to %s', (overrun, id) => {
      expect(route(rules, '1', overrun)).toBe(id);
    });

    it('does not match a percent band without an overrun percent', () => {
      expect(route(rules, '1')).toBeUndefined();
    });

    it.each([
      ['99.99', undefined],
      ['100', 'mid'],
      ['199.99', 'mid'],
      ['200', undefined],
    ])('order total %s in [100, 200) matches %s', (total, id) => {
      const mid = [rule('mid', 1, { minOrderTotal: d('100'), maxOrderTotal: d('200') })];
      expect(route(mid, total)).toBe(id);
    });
  });

  describe('reasons', () => {
    const rules = [rule('overdue', 10, { reasons: ['A', 'B'] })];

    it('matches when any context reason is listed', () => {
      expect(route(rules, '1', undefined, ['B'])).toBe('overdue');
      expect(route(rules, '1', undefined, ['X', 'A'])).toBe('overdue');
    });

    it('does not match when none is listed', () => {
      expect(route(rules, '1', undefined, ['X'])).toBeUndefined();
      expect(route(rules, '1', undefined, [])).toBeUndefined();
    });
  });

  it('requires every present condition to hold', () => {
    const rules = [
      rule('all', 10, {
        reasons: ['R'],
        minOverrunPercent: d('5'),
        maxOverrunPercent: d('10'),
        minOrderTotal: d('100'),
        maxOrderTotal: d('1000'),
      }),
    ];
    expect(route(rules, '500', '7', ['R'])).toBe('all');
    expect(route(rules, '500', '7', ['S'])).toBeUndefined();
    expect(route(rules, '500', '4.99', ['R'])).toBeUndefined();
    expect(route(rules, '1000', '7', ['R'])).toBeUndefined();
    expect(route(rules, '500', undefined, ['R'])).toBeUndefined();
  });

  it('lets an empty condition match everything', () => {
    expect(route([rule('catch-all', 1)], '0', undefined, [])).toBe('catch-all');
  });
});
