import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { checkShipmentQuantity, type ShipmentQuantityInput } from './over-shipment.policy';

const d = (value: string) => new Decimal(value);
const input = (overrides: Partial<Record<keyof ShipmentQuantityInput, string>> = {}) => {
  const values = {
    ordered: '10',
    shippedBefore: '0',
    allocatedInWarehouse: '10',
    quantity: '10',
    tolerancePercent: '0',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, d(value)]),
  ) as unknown as ShipmentQuantityInput;
};
const plain = (verdict: ReturnType<typeof checkShipmentQuantity>) =>
  Object.fromEntries(
    Object.entries(verdict).map(([key, value]) => [
      key,
      Decimal.isDecimal(value) ? value.toFixed() : value,
    ]),
  );

describe('checkShipmentQuantity', () => {
  it('accepts shipping exactly what is allocated, all from the allocation', () => {
    expect(plain(checkShipmentQuantity(input()))).toEqual({
      accepted: true,
      fromAllocation: '10',
      beyondAllocation: '0',
    });
  });

  it('accepts a partial shipment', () => {
    expect(plain(checkShipmentQuantity(input({ quantity: '4' })))).toEqual({
      accepted: true,
      fromAllocation: '4',
      beyondAllocation: '0',
    });
  });

  it('refuses anything beyond the allocation without tolerance, naming the most allowed', () => {
    expect(
      plain(checkShipmentQuantity(input({ allocatedInWarehouse: '6', quantity: '7' }))),
    ).toEqual({ accepted: false, allowed: '6', allowance: '0' });
  });

  it('ships backordered quantity only once stock was allocated to it', () => {
    expect(
      plain(checkShipmentQuantity(input({ allocatedInWarehouse: '0', quantity: '1' }))),
    ).toEqual({ accepted: false, allowed: '0', allowance: '0' });
  });

  it('accepts up to the tolerance beyond the allocation, from free stock', () => {
    const within = input({ allocatedInWarehouse: '10', quantity: '10.5', tolerancePercent: '5' });
    expect(plain(checkShipmentQuantity(within))).toEqual({
      accepted: true,
      fromAllocation: '10',
      beyondAllocation: '0.5',
    });
    const over = input({ allocatedInWarehouse: '10', quantity: '10.5001', tolerancePercent: '5' });
    expect(plain(checkShipmentQuantity(over))).toEqual({
      accepted: false,
      allowed: '10.5',
      allowance: '0.5',
    });
  });

  it('caps all shipments of a line at ordered plus tolerance', () => {
    // 8 shipped earlier, 4 still allocated (a second warehouse): at 10 % at most 3 more.
    const verdict = checkShipmentQuantity(
      input({
        shippedBefore: '8',
        allocatedInWarehouse: '4',
        quantity: '4',
        tolerancePercent: '10',
      }),
    );
    expect(plain(verdict)).toEqual({ accepted: false, allowed: '3', allowance: '1' });
    expect(
      plain(
        checkShipmentQuantity(
          input({
            shippedBefore: '8',
            allocatedInWarehouse: '4',
            quantity: '3',
            tolerancePercent: '10',
          }),
        ),
      ),
    ).toEqual({ accepted: true, fromAllocation: '3', beyondAllocation: '0' });
  });

  it('allows nothing once a line shipped beyond its tolerance', () => {
    expect(
      plain(
        checkShipmentQuantity(
          input({ shippedBefore: '12', allocatedInWarehouse: '0', quantity: '1' }),
        ),
      ),
    ).toEqual({ accepted: false, allowed: '0', allowance: '0' });
  });

  it.each([
    ['a zero quantity', { quantity: '0' }, DomainErrorCode.QUANTITY_NOT_POSITIVE, 'quantity'],
    ['a negative quantity', { quantity: '-1' }, DomainErrorCode.QUANTITY_NOT_POSITIVE, 'quantity'],
    [
      'a negative allocation',
      { allocatedInWarehouse: '-1' },
      DomainErrorCode.QUANTITY_NEGATIVE,
      'allocatedInWarehouse',
    ],
    [
      'a negative tolerance',
      { tolerancePercent: '-1' },
      DomainErrorCode.SHIPMENT_INVALID_INPUT,
      'tolerancePercent',
    ],
    [
      'a tolerance above 100 %',
      { tolerancePercent: '100.01' },
      DomainErrorCode.SHIPMENT_INVALID_INPUT,
      'tolerancePercent',
    ],
  ])('refuses %s', (_label, overrides, code, field) => {
    const error = captureDomainError(() => checkShipmentQuantity(input(overrides)));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it('refuses a quantity that is not a finite decimal', () => {
    const error = captureDomainError(() =>
      checkShipmentQuantity({ ...input(), quantity: new Decimal(NaN) }),
    );
    expect(error.code).toBe(DomainErrorCode.QUANTITY_INVALID);
  });
});
