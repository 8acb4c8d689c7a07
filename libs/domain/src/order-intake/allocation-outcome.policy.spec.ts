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
const review = { policy: 'review', reviewAccepted: false } as const;
const reviewed = { policy: 'review', reviewAccepted: true } as const;
const cancel = { policy: 'cancel', reviewAccepted: false } as const;
const backorder = { policy: 'backorder', reviewAccepted: false } as const;
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
  const shortageOfLine2 = {
    lineNumber: 2,
    itemId: 'item-b',
    ordered: d('5'),
    allocatable: d('2'),
    short: d('3'),
  };

  it('releases an order with something allocated', () => {
    for (const handling of [review, reviewed, cancel, backorder]) {
      expect(allocationOutcome(plan(allocated), ordered, handling)).toEqual({
        kind: 'release',
        cancelled: [],
      });
    }
  });

  it('holds rejected quantity for inventory review before reserving anything', () => {
    expect(allocationOutcome(plan(allocated, short), ordered, review)).toEqual({
      kind: 'hold',
      shortages: [
        { lineNumber: 2, itemId: 'item-b', ordered: d('5'), allocatable: d('2'), short: d('3') },
      ],
    });
  });

  it('lets accepted shortages stand once inventory review has decided', () => {
    expect(allocationOutcome(plan(allocated, short), ordered, reviewed)).toEqual({
      kind: 'release',
      cancelled: [shortageOfLine2],
    });
  });

  it('cancels the short remainder at once, without a hold, under the cancel policy', () => {
    expect(allocationOutcome(plan(allocated, short), ordered, cancel)).toEqual({
      kind: 'release',
      cancelled: [shortageOfLine2],
    });
  });

  it('cancels a line with nothing allocated and releases the rest under the cancel policy', () => {
    const none = line({ ...short, allocations: [], status: 'rejected', rejected: d('5') });
    expect(allocationOutcome(plan(allocated, none), ordered, cancel)).toEqual({
      kind: 'release',
      cancelled: [
        { lineNumber: 2, itemId: 'item-b', ordered: d('5'), allocatable: d('0'), short: d('5') },
      ],
    });
  });

  it('cannot fulfil an order whose every line is cancelled under the cancel policy', () => {
    const rejected = line({ status: 'rejected', rejected: d('10') });
    expect(allocationOutcome(plan(rejected), ordered, cancel)).toEqual({ kind: 'unfulfillable' });
  });

  it('still sends rejected quantity to review under the backorder policy (a person looks)', () => {
    expect(allocationOutcome(plan(allocated, short), ordered, backorder).kind).toBe('hold');
  });

  it('waits when nothing is allocated and something is backordered', () => {
    const backordered = line({ status: 'backordered', backordered: d('10') });
    expect(allocationOutcome(plan(backordered), ordered, backorder)).toEqual({ kind: 'wait' });
  });

  it('cannot fulfil an order whose every line is rejected after review', () => {
    const rejected = line({ status: 'rejected', rejected: d('10') });
    expect(allocationOutcome(plan(rejected), ordered, reviewed)).toEqual({ kind: 'unfulfillable' });
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
