import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { planAllocationDrawdown } from './shipment-drawdown.planner';

const d = (value: string) => new Decimal(value);
const allocations = (...entries: [string, string][]) =>
  entries.map(([id, quantity]) => ({ id, quantity: d(quantity) }));
const pieces = (...quantities: string[]) =>
  quantities.map((quantity) => ({ quantity: d(quantity) }));
const readable = (plan: ReturnType<typeof planAllocationDrawdown>) => ({
  parts: plan.parts.map((part) => [part.piece, part.allocationId, part.quantity.toFixed()]),
  consumed: Object.fromEntries([...plan.consumed].map(([id, q]) => [id, q.toFixed()])),
  beyond: plan.beyond.toFixed(),
});

describe('planAllocationDrawdown', () => {
  it('draws one piece from one allocation, leaving the rest reserved', () => {
    expect(readable(planAllocationDrawdown(allocations(['a', '10']), pieces('4')))).toEqual({
      parts: [[0, 'a', '4']],
      consumed: { a: '4' },
      beyond: '0',
    });
  });

  it('uses the oldest allocation first and splits a piece across two', () => {
    expect(
      readable(planAllocationDrawdown(allocations(['old', '3'], ['new', '5']), pieces('2', '4'))),
    ).toEqual({
      parts: [
        [0, 'old', '2'],
        [1, 'old', '1'],
        [1, 'new', '3'],
      ],
      consumed: { old: '3', new: '3' },
      beyond: '0',
    });
  });

  it('keeps serial-numbered units whole when allocations are whole', () => {
    const plan = planAllocationDrawdown(allocations(['a', '2'], ['b', '1']), pieces('1', '1', '1'));
    expect(readable(plan).parts).toEqual([
      [0, 'a', '1'],
      [1, 'a', '1'],
      [2, 'b', '1'],
    ]);
  });

  it('reports what no allocation covers as beyond, without an allocation', () => {
    expect(readable(planAllocationDrawdown(allocations(['a', '10']), pieces('6', '4.5')))).toEqual({
      parts: [
        [0, 'a', '6'],
        [1, 'a', '4'],
        [1, null, '0.5'],
      ],
      consumed: { a: '10' },
      beyond: '0.5',
    });
    expect(readable(planAllocationDrawdown([], pieces('1')))).toEqual({
      parts: [[0, null, '1']],
      consumed: {},
      beyond: '1',
    });
  });

  it('leaves the callers arrays untouched', () => {
    const given = allocations(['a', '1']);
    planAllocationDrawdown(given, pieces('1'));
    expect(given[0].quantity.toFixed()).toBe('1');
  });

  it.each([
    ['a zero piece', [], pieces('0'), 'pieces[0].quantity', DomainErrorCode.QUANTITY_NOT_POSITIVE],
    [
      'a negative piece',
      [],
      pieces('-2'),
      'pieces[0].quantity',
      DomainErrorCode.QUANTITY_NOT_POSITIVE,
    ],
    [
      'an empty allocation',
      allocations(['a', '0']),
      pieces('1'),
      'allocations[0].quantity',
      DomainErrorCode.QUANTITY_NOT_POSITIVE,
    ],
    [
      'a quantity that is not a number',
      allocations(['a', 'NaN']),
      pieces('1'),
      'allocations[0].quantity',
      DomainErrorCode.QUANTITY_INVALID,
    ],
  ])('refuses %s', (_label, given, shipped, field, code) => {
    const error = captureDomainError(() => planAllocationDrawdown(given, shipped));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });
});
