import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { assertWithinShipped, unbilledBase } from './billing-limit.guard';

const d = (value: string) => new Decimal(value);
const line = (shipped: string, invoiced: string, billing: string) => ({
  orderLineId: 'ol-1',
  shippedBase: d(shipped),
  invoicedBase: d(invoiced),
  billingBase: d(billing),
});

describe('assertWithinShipped', () => {
  it('accepts billing up to exactly what shipped', () => {
    expect(() => assertWithinShipped([line('36', '24', '12'), line('5', '0', '0')])).not.toThrow();
  });

  it('refuses billing beyond what shipped, naming the order line', () => {
    const error = captureDomainError(() => assertWithinShipped([line('36', '24', '12.0001')]));
    expect(error.code).toBe(DomainErrorCode.INVOICE_EXCEEDS_SHIPPED);
    expect(error.message).toContain('ol-1');
    expect(error.field).toBeUndefined();
  });
});

describe('unbilledBase', () => {
  it('is shipped minus invoiced, never negative', () => {
    expect(unbilledBase(line('36', '24', '0')).toString()).toBe('12');
    expect(unbilledBase(line('1', '24', '0')).toString()).toBe('0');
  });
});
