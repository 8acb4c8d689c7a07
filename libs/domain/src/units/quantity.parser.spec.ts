import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { assertQuantityFitsUnit, parseUnitCode } from './quantity-scale.guard';
import { parseQuantity } from './quantity.parser';
import { captureDomainError } from '../testing/domain-error.capture';

const code = (value: DomainErrorCode, field?: string) =>
  field === undefined ? { code: value } : { code: value, field };

describe('parseQuantity', () => {
  it.each([
    ['12', 'EA', '12'],
    ['1', 'PL', '1'],
    ['3.0', 'CS', '3'],
    ['2.5', 'KG', '2.5'],
    ['0.001', 'M', '0.001'],
    ['0.0001', 'LB', '0.0001'],
    ['1.2340', 'FT', '1.234'],
    ['999999999999999', 'EA', '999999999999999'],
  ])('parses %p %s', (text, uom, expected) => {
    expect(parseQuantity(text, uom).toString()).toBe(expected);
  });

  it.each(['0', '0.000', '-1', '-0.5'])('rejects %p as not positive', (text) => {
    expect(captureDomainError(() => parseQuantity(text, 'KG', 'lines[0].quantity'))).toMatchObject(
      code(DomainErrorCode.QUANTITY_NOT_POSITIVE, 'lines[0].quantity'),
    );
  });

  it.each(['', 'ten', '1e2', '+1', '.5', '1 ', 1, null])('rejects %p as invalid', (text) => {
    expect(captureDomainError(() => parseQuantity(text, 'EA'))).toMatchObject(
      code(DomainErrorCode.QUANTITY_INVALID, 'quantity'),
    );
  });

  it('rejects fractions of countable units', () => {
    expect(captureDomainError(() => parseQuantity('1.5', 'CS'))).toMatchObject(
      code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED, 'quantity'),
    );
    expect(captureDomainError(() => parseQuantity('0.5', 'EA'))).toMatchObject(
      code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED),
    );
  });

  it('rejects more decimals than the unit allows', () => {
    expect(captureDomainError(() => parseQuantity('1.0001', 'KG'))).toMatchObject(
      code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS, 'quantity'),
    );
    expect(captureDomainError(() => parseQuantity('1.00001', 'GAL'))).toMatchObject(
      code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS),
    );
  });

  it('reports an unknown unit before a bad quantity, naming the unit field', () => {
    expect(
      captureDomainError(() => parseQuantity('x', 'BAG', 'lines[3].quantity', 'lines[3].uom')),
    ).toMatchObject(code(DomainErrorCode.UOM_UNKNOWN, 'lines[3].uom'));
    expect(captureDomainError(() => parseQuantity('1', 'ea'))).toMatchObject(
      code(DomainErrorCode.UOM_UNKNOWN, 'uom'),
    );
  });
});

describe('parseUnitCode', () => {
  it('returns a known unit and rejects others', () => {
    expect(parseUnitCode('GAL')).toBe('GAL');
    expect(captureDomainError(() => parseUnitCode('gal', 'item.baseUom'))).toMatchObject(
      code(DomainErrorCode.UOM_UNKNOWN, 'item.baseUom'),
    );
  });
});

describe('assertQuantityFitsUnit', () => {
  it('accepts zero and negative quantities that fit (returns, adjustments)', () => {
    expect(() => assertQuantityFitsUnit(new Decimal(0), 'EA', 'q')).not.toThrow();
    expect(() => assertQuantityFitsUnit(new Decimal('-2'), 'CS', 'q')).not.toThrow();
    expect(() => assertQuantityFitsUnit(new Decimal('-2.125'), 'KG', 'q')).not.toThrow();
  });

  it('rejects non-finite quantities', () => {
    expect(
      captureDomainError(() => assertQuantityFitsUnit(new Decimal(NaN), 'EA', 'q')),
    ).toMatchObject(code(DomainErrorCode.QUANTITY_INVALID, 'q'));
    expect(
      captureDomainError(() => assertQuantityFitsUnit(new Decimal(-Infinity), 'KG', 'q')),
    ).toMatchObject(code(DomainErrorCode.QUANTITY_INVALID, 'q'));
  });

  it('rejects fractions in countable units and excess decimals elsewhere', () => {
    expect(
      captureDomainError(() => assertQuantityFitsUnit(new Decimal('-0.5'), 'EA', 'q')),
    ).toMatchObject(code(DomainErrorCode.UOM_FRACTION_NOT_ALLOWED, 'q'));
    expect(
      captureDomainError(() => assertQuantityFitsUnit(new Decimal('0.0005'), 'L', 'q')),
    ).toMatchObject(code(DomainErrorCode.QUANTITY_TOO_MANY_DECIMALS, 'q'));
  });
});
