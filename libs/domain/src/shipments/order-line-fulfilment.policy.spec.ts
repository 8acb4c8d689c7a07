import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  isLineShippedInFull,
  type LineFulfilment,
  lineAfterBackorderAllocation,
  lineAfterShipment,
  type LineQuantities,
  type ShipmentOnLine,
} from './order-line-fulfilment.policy';

const d = (value: string) => new Decimal(value);
type Counters = Record<keyof LineQuantities, string>;
const line = (counters: Partial<Counters> = {}): LineQuantities => {
  const values: Counters = {
    ordered: '10',
    allocated: '10',
    backordered: '0',
    rejected: '0',
    shipped: '0',
    ...counters,
  };
  return {
    ordered: d(values.ordered),
    allocated: d(values.allocated),
    backordered: d(values.backordered),
    rejected: d(values.rejected),
    shipped: d(values.shipped),
  };
};
const shipment = (
  shipped: string,
  fromAllocation = shipped,
  released = '0',
  remainder: ShipmentOnLine['remainder'] = 'backorder',
): ShipmentOnLine => ({
  shipped: d(shipped),
  fromAllocation: d(fromAllocation),
  released: d(released),
  remainder,
});
const readable = (result: LineFulfilment) => ({
  status: result.status,
  ...Object.fromEntries(
    Object.entries(result.quantities).map(([key, value]) => [key, (value as Decimal).toFixed()]),
  ),
});
/** allocated + backordered + rejected + shipped = ordered whenever nothing over-shipped. */
const balanced = (result: LineFulfilment) => {
  const q = result.quantities;
  return q.allocated.plus(q.backordered).plus(q.rejected).plus(q.shipped).equals(q.ordered);
};

describe('lineAfterShipment', () => {
  it('ships a line in full', () => {
    const result = lineAfterShipment(line(), shipment('10'));
    expect(readable(result)).toEqual({
      status: 'shipped',
      ordered: '10',
      allocated: '0',
      backordered: '0',
      rejected: '0',
      shipped: '10',
    });
    expect(balanced(result)).toBe(true);
  });

  it('keeps the unshipped allocation reserved for a later shipment', () => {
    const result = lineAfterShipment(line(), shipment('4'));
    expect(readable(result)).toMatchObject({
      status: 'partially_shipped',
      allocated: '6',
      backordered: '0',
      shipped: '4',
    });
    expect(balanced(result)).toBe(true);
  });

  it('keeps the backorder of a partly allocated line open after shipping its allocation', () => {
    const result = lineAfterShipment(line({ allocated: '6', backordered: '4' }), shipment('6'));
    expect(readable(result)).toMatchObject({
      status: 'partially_shipped',
      allocated: '0',
      backordered: '4',
      shipped: '6',
    });
    expect(balanced(result)).toBe(true);
  });

  it('backorders a short-shipped remainder handed back by the warehouse', () => {
    const result = lineAfterShipment(line(), shipment('7', '7', '3'));
    expect(readable(result)).toMatchObject({
      status: 'partially_shipped',
      allocated: '0',
      backordered: '3',
      shipped: '7',
    });
    expect(balanced(result)).toBe(true);
  });

  it('rejects the short-shipped remainder when the customer takes no backorders', () => {
    const result = lineAfterShipment(line(), shipment('7', '7', '3', 'reject'));
    expect(readable(result)).toMatchObject({
      status: 'shipped',
      allocated: '0',
      backordered: '0',
      rejected: '3',
      shipped: '7',
    });
    expect(balanced(result)).toBe(true);
  });

  it('rejects only what nothing covers: another warehouse keeps its allocation', () => {
    // 5 in this warehouse (3 shipped, 2 handed back), 5 reserved elsewhere.
    const result = lineAfterShipment(line(), shipment('3', '3', '2', 'reject'));
    expect(readable(result)).toMatchObject({
      status: 'partially_shipped',
      allocated: '5',
      rejected: '2',
      shipped: '3',
    });
    expect(balanced(result)).toBe(true);
  });

  it('takes shipping beyond the allocation out of the backorder first', () => {
    const result = lineAfterShipment(
      line({ allocated: '6', backordered: '4' }),
      shipment('8', '6'),
    );
    expect(readable(result)).toMatchObject({
      status: 'partially_shipped',
      allocated: '0',
      backordered: '2',
      shipped: '8',
    });
    expect(balanced(result)).toBe(true);
  });

  it('marks an over-shipped line shipped with nothing left open', () => {
    const result = lineAfterShipment(line(), shipment('10.5', '10'));
    expect(readable(result)).toMatchObject({
      status: 'shipped',
      allocated: '0',
      backordered: '0',
      shipped: '10.5',
    });
  });

  it('counts earlier shipments and rejected quantity', () => {
    const result = lineAfterShipment(
      line({ allocated: '3', rejected: '2', shipped: '5' }),
      shipment('3'),
    );
    expect(readable(result)).toMatchObject({ status: 'shipped', shipped: '8', rejected: '2' });
    expect(balanced(result)).toBe(true);
  });

  it.each([
    ['nothing shipped', shipment('0', '0'), 'shipment.shipped'],
    ['more drawn than shipped', shipment('2', '3'), 'shipment.fromAllocation'],
    ['more drawn and handed back than allocated', shipment('8', '8', '3'), 'shipment.released'],
    ['a negative hand-back', shipment('1', '1', '-1'), 'shipment.released'],
  ])('refuses %s', (_label, given, field) => {
    const error = captureDomainError(() => lineAfterShipment(line(), given));
    expect(error.field).toBe(field);
    expect([DomainErrorCode.SHIPMENT_INVALID_INPUT, DomainErrorCode.QUANTITY_NEGATIVE]).toContain(
      error.code,
    );
  });

  it('refuses a line that rejected more than it ordered', () => {
    const error = captureDomainError(() =>
      lineAfterShipment(line({ rejected: '11' }), shipment('1')),
    );
    expect(error).toMatchObject({
      code: DomainErrorCode.SHIPMENT_INVALID_INPUT,
      field: 'line.rejected',
    });
  });
});

describe('lineAfterBackorderAllocation', () => {
  it('fills a backordered line and accepts it', () => {
    const result = lineAfterBackorderAllocation(
      line({ allocated: '0', backordered: '10' }),
      d('10'),
    );
    expect(readable(result)).toMatchObject({
      status: 'accepted',
      allocated: '10',
      backordered: '0',
    });
    expect(balanced(result)).toBe(true);
  });

  it('keeps a partly filled line backordered', () => {
    const result = lineAfterBackorderAllocation(
      line({ allocated: '0', backordered: '10' }),
      d('4'),
    );
    expect(readable(result)).toMatchObject({
      status: 'backordered',
      allocated: '4',
      backordered: '6',
    });
  });

  it('keeps a line that already shipped part partially shipped', () => {
    const result = lineAfterBackorderAllocation(
      line({ allocated: '0', backordered: '4', shipped: '6' }),
      d('4'),
    );
    expect(readable(result)).toMatchObject({
      status: 'partially_shipped',
      allocated: '4',
      backordered: '0',
    });
    expect(balanced(result)).toBe(true);
  });

  it('refuses to allocate more than is backordered, or nothing', () => {
    expect(
      captureDomainError(() =>
        lineAfterBackorderAllocation(line({ allocated: '8', backordered: '2' }), d('3')),
      ).field,
    ).toBe('allocatedNow');
    expect(captureDomainError(() => lineAfterBackorderAllocation(line(), d('0'))).field).toBe(
      'allocatedNow',
    );
  });
});

describe('isLineShippedInFull', () => {
  it.each([
    [{ shipped: '10' }, true],
    [{ shipped: '9.9999' }, false],
    [{ shipped: '8', rejected: '2' }, true],
    [{ shipped: '0', rejected: '10' }, true],
    [{ shipped: '11' }, true],
  ])('%j -> %s', (counters, expected) => {
    expect(isLineShippedInFull(line(counters))).toBe(expected);
  });
});
