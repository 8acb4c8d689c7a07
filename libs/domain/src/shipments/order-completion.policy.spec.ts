import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { ORDER_STATUSES } from '../orders/order-lifecycle.policy';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  completionTransitions,
  type LineProgress,
  shipmentProgress,
} from './order-completion.policy';

const line = (
  shipped: string,
  options: { ordered?: string; rejected?: string; cancelled?: boolean } = {},
): LineProgress => ({
  ordered: new Decimal(options.ordered ?? '10'),
  allocated: new Decimal(0),
  backordered: new Decimal(0),
  rejected: new Decimal(options.rejected ?? '0'),
  shipped: new Decimal(shipped),
  cancelled: options.cancelled ?? false,
});

describe('shipmentProgress', () => {
  it.each([
    ['nothing shipped', [line('0'), line('0')], 'none'],
    ['one line shipped, one waiting', [line('10'), line('0')], 'partial'],
    ['a line shipped in part', [line('4')], 'partial'],
    ['every line shipped', [line('10'), line('10')], 'complete'],
    ['shipped and cancelled lines', [line('10'), line('0', { cancelled: true })], 'complete'],
    ['the rejected rest counts as done', [line('7', { rejected: '3' })], 'complete'],
    ['only cancelled lines', [line('0', { cancelled: true })], 'none'],
    ['no lines', [], 'none'],
  ] as const)('%s: %s', (_label, lines, expected) => {
    expect(shipmentProgress(lines)).toBe(expected);
  });
});

describe('completionTransitions', () => {
  const partial = [line('10'), line('0')];
  const complete = [line('10'), line('5', { rejected: '5' })];

  it('moves a released order to partially shipped while lines still wait', () => {
    expect(completionTransitions('released', partial, 0)).toEqual(['partially_shipped']);
    expect(completionTransitions('partially_shipped', partial, 0)).toEqual([]);
  });

  it('moves to shipped and straight on to invoiced when every shipment has its invoice', () => {
    expect(completionTransitions('released', complete, 0)).toEqual(['shipped', 'invoiced']);
    expect(completionTransitions('partially_shipped', complete, 0)).toEqual([
      'shipped',
      'invoiced',
    ]);
  });

  it('stops at shipped while a shipment waits for its invoice, and invoices later', () => {
    expect(completionTransitions('partially_shipped', complete, 1)).toEqual(['shipped']);
    expect(completionTransitions('shipped', complete, 1)).toEqual([]);
    expect(completionTransitions('shipped', complete, 0)).toEqual(['invoiced']);
  });

  it('leaves every other status alone', () => {
    const untouched = ORDER_STATUSES.filter(
      (status) => !['released', 'partially_shipped', 'shipped'].includes(status),
    );
    for (const status of untouched) {
      expect(completionTransitions(status, complete, 0)).toEqual([]);
      expect(completionTransitions(status, partial, 0)).toEqual([]);
    }
    expect(completionTransitions('released', [line('0')], 0)).toEqual([]);
  });

  it('refuses a count of uninvoiced shipments that is not a whole number', () => {
    for (const count of [-1, 0.5, Number.NaN]) {
      const error = captureDomainError(() => completionTransitions('released', complete, count));
      expect(error).toMatchObject({
        code: DomainErrorCode.SHIPMENT_INVALID_INPUT,
        field: 'uninvoicedShipments',
      });
    }
  });
});
