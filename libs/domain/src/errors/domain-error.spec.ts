import { DomainError, DomainErrorCode, isDomainError } from './domain-error';

describe('DomainError', () => {
  it('carries a code, a message and the offending field', () => {
    const error = new DomainError(
      DomainErrorCode.MONEY_INVALID_AMOUNT,
      'bad amount',
      'lines[0].unitPrice',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('MONEY.INVALID_AMOUNT');
    expect(error.message).toBe('bad amount');
    expect(error.field).toBe('lines[0].unitPrice');
    expect(error.stack).toContain('DomainError');
  });

  it('omits the field when no single input is to blame', () => {
    const error = new DomainError(DomainErrorCode.MONEY_CURRENCY_MISMATCH, 'mixed currencies');
    expect(error.field).toBeUndefined();
    expect('field' in error).toBe(false);
  });

  it('is recognised by isDomainError and nothing else is', () => {
    expect(isDomainError(new DomainError(DomainErrorCode.DATE_INVALID, 'x'))).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'DATE.INVALID' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });
});

describe('DomainErrorCode', () => {
  const values = Object.values(DomainErrorCode);

  it('uses stable CAPABILITY.REASON values matching the member names', () => {
    for (const [key, value] of Object.entries(DomainErrorCode)) {
      expect(value).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(value.replace('.', '_')).toBe(key);
    }
  });

  it('has unique values', () => {
    expect(new Set(values).size).toBe(values.length);
  });

  // Codes are a public contract; this list changes only on purpose.
  it('keeps the published codes', () => {
    expect(values.sort()).toEqual([
      'ALLOCATION.INVALID_INPUT',
      'CASH.INVALID_INPUT',
      'COLLECTIONS.INVALID_INPUT',
      'CREDIT.INVALID_INPUT',
      'CREDITING.AMOUNT_EXCEEDED',
      'CREDITING.EXCEEDS_OPEN_BALANCE',
      'CREDITING.INVALID_REQUEST',
      'CREDITING.NOTHING_LEFT',
      'CREDITING.QUANTITY_EXCEEDED',
      'DATE.INVALID',
      'DECIMAL.INVALID',
      'DISPUTE.INVALID_INPUT',
      'DISPUTE.INVALID_TRANSITION',
      'DISPUTE.WRITE_OFF_AUTHORITY',
      'INVOICE.EXCEEDS_SHIPPED',
      'INVOICE.INVALID_INPUT',
      'INVOICE.NEGATIVE_OPEN_BALANCE',
      'MONEY.CURRENCY_MISMATCH',
      'MONEY.INVALID_ALLOCATION',
      'MONEY.INVALID_AMOUNT',
      'MONEY.NEGATIVE_AMOUNT',
      'MONEY.TOO_MANY_DECIMALS',
      'MONEY.UNKNOWN_CURRENCY',
      'ORDER.INVALID_DISCOUNT',
      'ORDER.INVALID_TAX_RATE',
      'ORDER.INVALID_TRANSITION',
      'PRICE.INVALID_MARGIN_FLOOR',
      'PRICE.INVALID_TOLERANCE',
      'QUANTITY.INVALID',
      'QUANTITY.NEGATIVE',
      'QUANTITY.NOT_POSITIVE',
      'QUANTITY.TOO_MANY_DECIMALS',
      'ROUTING.INVALID_RULE',
      'SHIPMENT.INVALID_EVENT',
      'SHIPMENT.INVALID_INPUT',
      'TAX.INVALID_RATE',
      'TERMS.INVALID',
      'TIME.INVALID',
      'UOM.FRACTION_NOT_ALLOWED',
      'UOM.INVALID_CONVERSION',
      'UOM.NOT_CONVERTIBLE',
      'UOM.UNKNOWN',
    ]);
  });
});
