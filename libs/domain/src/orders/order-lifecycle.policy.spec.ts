import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  assertTransition,
  CANCELLABLE_STATUSES,
  canTransition,
  isOrderStatus,
  isShippable,
  isTerminal,
  nextOrderStatuses,
  ORDER_STATUSES,
  type OrderStatus,
  SHIPPABLE_STATUSES,
} from './order-lifecycle.policy';

// The agreed lifecycle, written out independently of the implementation's table.
const ALLOWED: readonly [OrderStatus, OrderStatus][] = [
  ['received', 'validated'],
  ['received', 'on_hold'],
  ['received', 'rejected'],
  ['received', 'cancelled'],
  ['validated', 'allocated'],
  ['validated', 'on_hold'],
  ['validated', 'cancelled'],
  ['validated', 'rejected'],
  ['on_hold', 'approved'],
  ['on_hold', 'rejected'],
  ['on_hold', 'cancelled'],
  ['approved', 'allocated'],
  ['approved', 'on_hold'],
  ['approved', 'cancelled'],
  ['allocated', 'released'],
  ['allocated', 'cancelled'],
  ['allocated', 'on_hold'],
  ['released', 'partially_shipped'],
  ['released', 'shipped'],
  ['released', 'cancelled'],
  ['partially_shipped', 'shipped'],
  ['shipped', 'invoiced'],
  ['invoiced', 'closed'],
];
const isAllowed = (from: OrderStatus, to: OrderStatus) =>
  ALLOWED.some(([a, b]) => a === from && b === to);
const FORBIDDEN = ORDER_STATUSES.flatMap((from) =>
  ORDER_STATUSES.filter((to) => !isAllowed(from, to)).map((to) => [from, to] as const),
);

describe('order lifecycle', () => {
  it('lists the twelve statuses in lifecycle order', () => {
    expect(ORDER_STATUSES).toEqual([
      'received',
      'validated',
      'on_hold',
      'approved',
      'allocated',
      'released',
      'partially_shipped',
      'shipped',
      'invoiced',
      'closed',
      'cancelled',
      'rejected',
    ]);
  });

  it('checks all 144 pairs', () => {
    expect(ALLOWED.length + FORBIDDEN.length).toBe(144);
  });

  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
    expect(nextOrderStatuses(from)).toContain(to);
  });

  it.each(FORBIDDEN)('forbids %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const error = captureDomainError(() => assertTransition(from, to));
    expect(error.code).toBe(DomainErrorCode.ORDER_INVALID_TRANSITION);
    expect(error.field).toBeUndefined();
    expect(error.message).toBe(`An order cannot move from ${from} to ${to}`);
  });

  it('never allows staying in the same status', () => {
    for (const status of ORDER_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('lets cancellation happen only before anything ships', () => {
    expect(CANCELLABLE_STATUSES).toEqual([
      'received',
      'validated',
      'on_hold',
      'approved',
      'allocated',
      'released',
    ]);
    for (const status of ORDER_STATUSES) {
      expect(canTransition(status, 'cancelled')).toBe(CANCELLABLE_STATUSES.includes(status));
    }
  });

  it('lets warehouses ship only released orders until everything has shipped', () => {
    expect(SHIPPABLE_STATUSES).toEqual(['released', 'partially_shipped']);
    for (const status of ORDER_STATUSES) {
      expect(isShippable(status)).toBe(status === 'released' || status === 'partially_shipped');
    }
    // Every shippable status can reach shipped, and none of them can be cancelled once shipping.
    expect(canTransition('released', 'shipped')).toBe(true);
    expect(canTransition('partially_shipped', 'shipped')).toBe(true);
    expect(canTransition('partially_shipped', 'cancelled')).toBe(false);
  });

  it('treats closed, cancelled and rejected as terminal, with no way out', () => {
    const terminal = ORDER_STATUSES.filter(isTerminal);
    expect(terminal).toEqual(['closed', 'cancelled', 'rejected']);
    for (const status of terminal) expect(nextOrderStatuses(status)).toEqual([]);
    for (const status of ORDER_STATUSES.filter((s) => !isTerminal(s))) {
      expect(nextOrderStatuses(status).length).toBeGreaterThan(0);
    }
  });

  it('reaches closed from received along the happy paths', () => {
    const touchless: OrderStatus[] = ['received', 'validated', 'allocated', 'released', 'shipped'];
    const held: OrderStatus[] = ['received', 'on_hold', 'approved', 'allocated', 'released'];
    for (const path of [
      [...touchless, 'invoiced', 'closed'],
      [...held, 'partially_shipped', 'shipped', 'invoiced', 'closed'],
    ] as OrderStatus[][]) {
      path.slice(1).forEach((to, index) => expect(canTransition(path[index], to)).toBe(true));
    }
  });

  it('recognises statuses and refuses anything else, including prototype keys', () => {
    expect(isOrderStatus('on_hold')).toBe(true);
    for (const value of ['ON_HOLD', 'constructor', 'toString', '', null, 3]) {
      expect(isOrderStatus(value)).toBe(false);
    }
    const unknown = 'constructor' as OrderStatus;
    expect(canTransition(unknown, 'validated')).toBe(false);
    expect(canTransition('received', unknown)).toBe(false);
    expect(nextOrderStatuses(unknown)).toEqual([]);
    expect(captureDomainError(() => assertTransition(unknown, 'validated')).code).toBe(
      DomainErrorCode.ORDER_INVALID_TRANSITION,
    );
  });

  it('cannot be changed by callers', () => {
    expect(Object.isFrozen(CANCELLABLE_STATUSES)).toBe(true);
    expect(Object.isFrozen(SHIPPABLE_STATUSES)).toBe(true);
    expect(Object.isFrozen(ORDER_STATUSES)).toBe(true);
    for (const status of ORDER_STATUSES)
      expect(Object.isFrozen(nextOrderStatuses(status))).toBe(true);
  });
});
