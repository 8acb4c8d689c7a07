import { Decimal } from '../decimal/decimal';
import type { AllocationPlan, AllocationPlanLine } from '../allocation/allocation.types';
import { allocatedQuantity, allocationOutcome } from './allocation-outcome.policy';

const d = (value: string) => new Decimal(value);
const zero = d('0');
const line = (overrides: Partial<AllocationPlanLine>): AllocationPlanLine => ({
  lineNumber: 1,
  itemId: 'item-a',
  status: 'accepted',
  allocations: [],
  backordered: zero,
  rejected: zero,
  reason: null,
  ...overrides,
});
const plan = (...lines: AllocationPlanLine[]): AllocationPlan => ({ lines });
const ordered = new Map([
  [1, d('10')],
  [2, d('5')],
]);

describe('allocationOutcome', () => {
  const allocated = line({ allocations: [{ warehouseId: 'w1', quantity: d('10') }] });
  const short = line({
    lineNumber: 2,
    itemId: 'item-b',
    status: 'changed',
    allocations: [{ warehouseId: 'w1', quantity: d('2') }],
    rejected: d('3'),
    reason: 'INVENTORY.SHORT',
  });

  it('releases an order with something allocated', () => {
    expect(allocationOutcome(plan(allocated), ordered, false)).toEqual({ kind: 'release' });
  });

  it('holds rejected quantity for inventory review before reserving anything', () => {
    expect(allocationOutcome(plan(allocated, short), ordered, false)).toEqual({
      kind: 'hold',
      shortages: [
        { lineNumber: 2, itemId: 'item-b', ordered: d('5'), allocatable: d('2'), short: d('3') },
      ],
    });
  });

  it('lets accepted shortages stand once inventory review has decided', () => {
    expect(allocationOutcome(plan(allocated, short), ordered, true)).toEqual({ kind: 'release' });
  });

  it('waits when nothing is allocated and something is backordered', () => {
    const backordered = line({ status: 'backordered', backordered: d('10') });
    expect(allocationOutcome(plan(backordered), ordered, false)).toEqual({ kind: 'wait' });
  });

  it('cannot fulfil an order whose every line is rejected after review', () => {
    const rejected = line({ status: 'rejected', rejected: d('10') });
    expect(allocationOutcome(plan(rejected), ordered, true)).toEqual({ kind: 'unfulfillable' });
  });

  it('sums a line across warehouses', () => {
    const split = line({
      allocations: [
        { warehouseId: 'w1', quantity: d('3.5') },
        { warehouseId: 'w2', quantity: d('6.5') },
      ],
    });
    expect(allocatedQuantity(split).toString()).toBe('10');
    expect(allocatedQuantity(line({})).toString()).toBe('0');
  });
});
