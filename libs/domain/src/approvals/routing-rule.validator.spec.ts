import { Decimal as GlobalDecimal } from 'decimal.js';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { SLA_HOURS_MAX, validateRoutingRule } from './routing-rule.validator';

const valid = {
  id: 'r-1',
  queue: 'credit-review',
  name: 'Large overrun',
  order: 30,
  role: 'credit-manager',
  slaHours: 8,
  priority: 2,
  when: { minOverrunPercent: '10', reasons: ['CREDIT.LIMIT_EXCEEDED'] },
};
const fieldOf = (input: unknown) => {
  const error = captureDomainError(() => validateRoutingRule(input));
  expect(error.code).toBe(DomainErrorCode.ROUTING_INVALID_RULE);
  return error.field;
};

describe('validateRoutingRule', () => {
  it('returns the rule typed, with thresholds as Decimals', () => {
    const rule = validateRoutingRule(valid);
    expect(rule).toEqual({
      ...valid,
      when: { minOverrunPercent: new Decimal(10), reasons: ['CREDIT.LIMIT_EXCEEDED'] },
    });
    expect(rule.when.minOverrunPercent).toBeInstanceOf(Decimal);
    expect('maxOverrunPercent' in rule.when).toBe(false);
  });

  it('accepts decimal strings, JSON numbers and Decimals from any decimal.js clone', () => {
    const rule = validateRoutingRule({
      ...valid,
      when: {
        minOrderTotal: 250000,
        maxOrderTotal: '1000000.50',
        maxOverrunPercent: new GlobalDecimal('12.5'),
      },
    });
    expect(rule.when.minOrderTotal?.toString()).toBe('250000');
    expect(rule.when.maxOrderTotal?.toString()).toBe('1000000.5');
    expect(rule.when.maxOverrunPercent).toBeInstanceOf(Decimal);
  });

  it('treats a missing or empty when as match-all, and null thresholds as absent', () => {
    const { when: _when, ...withoutWhen } = valid;
    expect(validateRoutingRule(withoutWhen).when).toEqual({});
    expect(validateRoutingRule({ ...valid, when: {} }).when).toEqual({});
    expect(validateRoutingRule({ ...valid, when: { minOrderTotal: null } }).when).toEqual({});
  });

  it('ignores unknown top-level fields such as version', () => {
    expect(validateRoutingRule({ ...valid, version: 3, active: true })).not.toHaveProperty(
      'version',
    );
  });

  it.each([
    [{ ...valid, id: '' }, 'id'],
    [{ ...valid, id: 7 }, 'id'],
    [{ ...valid, queue: 'collections' }, 'queue'],
    [{ ...valid, queue: undefined }, 'queue'],
    [{ ...valid, name: '  ' }, 'name'],
    [{ ...valid, order: -1 }, 'order'],
    [{ ...valid, order: 1.5 }, 'order'],
    [{ ...valid, order: '10' }, 'order'],
    [{ ...valid, role: '' }, 'role'],
    [{ ...valid, role: null }, 'role'],
    [{ ...valid, slaHours: 0 }, 'slaHours'],
    [{ ...valid, slaHours: SLA_HOURS_MAX + 1 }, 'slaHours'],
    [{ ...valid, slaHours: 2.5 }, 'slaHours'],
    [{ ...valid, priority: 0 }, 'priority'],
    [{ ...valid, priority: 6 }, 'priority'],
    [{ ...valid, when: [] }, 'when'],
    [{ ...valid, when: 'always' }, 'when'],
    [{ ...valid, when: { minOverunPercent: '10' } }, 'when.minOverunPercent'],
    [{ ...valid, when: { minOverrunPercent: '-1' } }, 'when.minOverrunPercent'],
    [{ ...valid, when: { maxOrderTotal: '1e6' } }, 'when.maxOrderTotal'],
    [{ ...valid, when: { maxOrderTotal: Number.NaN } }, 'when.maxOrderTotal'],
    [{ ...valid, when: { minOrderTotal: new Decimal('Infinity') } }, 'when.minOrderTotal'],
    [
      { ...valid, when: { minOverrunPercent: '10', maxOverrunPercent: '10' } },
      'when.maxOverrunPercent',
    ],
    [{ ...valid, when: { minOrderTotal: '500', maxOrderTotal: '499.99' } }, 'when.maxOrderTotal'],
    [{ ...valid, when: { reasons: [] } }, 'when.reasons'],
    [{ ...valid, when: { reasons: 'CREDIT.LIMIT_EXCEEDED' } }, 'when.reasons'],
    [{ ...valid, when: { reasons: ['CREDIT.LIMIT_EXCEEDED', ''] } }, 'when.reasons[1]'],
  ])('rejects %p, naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it.each([1, SLA_HOURS_MAX])('accepts an SLA of exactly %i hours', (slaHours) => {
    expect(validateRoutingRule({ ...valid, slaHours }).slaHours).toBe(slaHours);
  });

  it('accepts order 0 and priorities 1 to 5', () => {
    expect(validateRoutingRule({ ...valid, order: 0 }).order).toBe(0);
    for (const priority of [1, 5]) {
      expect(validateRoutingRule({ ...valid, priority }).priority).toBe(priority);
    }
  });

  it('accepts adjacent band edges where min is just below max', () => {
    const when = { minOverrunPercent: '9.99', maxOverrunPercent: '10' };
    expect(validateRoutingRule({ ...valid, when }).when.maxOverrunPercent?.toString()).toBe('10');
  });

  it.each([null, 'rule', 42, []])('rejects %p as a whole, naming no field', (input) => {
    expect(fieldOf(input)).toBeUndefined();
  });
});
