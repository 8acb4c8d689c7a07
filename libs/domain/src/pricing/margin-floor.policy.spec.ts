import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { checkMargin } from './margin-floor.policy';

const d = (value: string) => new Decimal(value);
const margin = (unitPrice: string, standardCost: string, floorPercent: string | null = null) => {
  const result = checkMargin({
    unitPrice: d(unitPrice),
    standardCost: d(standardCost),
    floorPercent: floorPercent === null ? null : d(floorPercent),
  });
  return { marginPercent: result.marginPercent.toString(), belowFloor: result.belowFloor };
};

describe('checkMargin', () => {
  it('computes the margin on the price', () => {
    expect(margin('10.00', '7.50')).toEqual({ marginPercent: '25', belowFloor: false });
    expect(margin('10.00', '10.00')).toEqual({ marginPercent: '0', belowFloor: false });
    expect(margin('10.00', '0')).toEqual({ marginPercent: '100', belowFloor: false });
    expect(margin('10.00', '12.50')).toEqual({ marginPercent: '-25', belowFloor: false });
  });

  it('is never below a null floor', () => {
    expect(margin('1', '1000', null).belowFloor).toBe(false);
  });

  it('is below the floor only strictly under it', () => {
    expect(margin('10.00', '8.00', '20')).toEqual({ marginPercent: '20', belowFloor: false });
    expect(margin('10.00', '8.01', '20')).toEqual({ marginPercent: '19.9', belowFloor: true });
    expect(margin('10.00', '7.99', '20')).toEqual({ marginPercent: '20.1', belowFloor: false });
  });

  it('rounds the reported margin down so it never shows at the floor when below it', () => {
    // 2/3 margin: 66.666...% -> 66.66; -1/3: -33.333...% -> -33.34.
    expect(margin('3', '1')).toEqual({ marginPercent: '66.66', belowFloor: false });
    expect(margin('3', '4')).toEqual({ marginPercent: '-33.34', belowFloor: false });
    // 19.9999 % against a 20 % floor: below, reported 19.99 rather than 20.00.
    expect(margin('10000', '8000.001', '20')).toEqual({
      marginPercent: '19.99',
      belowFloor: true,
    });
  });

  describe('a zero price', () => {
    it('is -100 % when there is a cost', () => {
      expect(margin('0', '0.01', '0')).toEqual({ marginPercent: '-100', belowFloor: true });
    });

    it('is 0 % when cost is zero too', () => {
      expect(margin('0', '0', '0')).toEqual({ marginPercent: '0', belowFloor: false });
      expect(margin('0', '0', '0.01')).toEqual({ marginPercent: '0', belowFloor: true });
    });
  });

  it('accepts negative floors (loss leaders) and a floor of exactly 100', () => {
    expect(margin('10', '11', '-10')).toEqual({ marginPercent: '-10', belowFloor: false });
    expect(margin('10', '11.01', '-10').belowFloor).toBe(true);
    expect(margin('10', '0', '100').belowFloor).toBe(false);
    expect(margin('10', '0.01', '100').belowFloor).toBe(true);
  });

  it('reports a margin that agrees with belowFloor for 2-decimal floors (property)', () => {
    const cents = fc
      .integer({ min: 0, max: 1_000_000 })
      .map((value) => new Decimal(value).div(100));
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: -10_000, max: 10_000 }), (price, cost, floor) => {
        const floorPercent = new Decimal(floor).div(100);
        const result = checkMargin({ unitPrice: price, standardCost: cost, floorPercent });
        expect(result.belowFloor).toBe(result.marginPercent.lessThan(floorPercent));
        expect(result.marginPercent.lessThanOrEqualTo(100)).toBe(true);
      }),
    );
  });

  describe('rejects bad input, naming the field', () => {
    const base = { unitPrice: d('1'), standardCost: d('1'), floorPercent: null };

    it.each([
      [{ ...base, unitPrice: d('-1') }, DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'unitPrice'],
      [{ ...base, standardCost: d('NaN') }, DomainErrorCode.MONEY_INVALID_AMOUNT, 'standardCost'],
      [
        { ...base, floorPercent: d('100.01') },
        DomainErrorCode.PRICE_INVALID_MARGIN_FLOOR,
        'floorPercent',
      ],
      [
        { ...base, floorPercent: d('-Infinity') },
        DomainErrorCode.PRICE_INVALID_MARGIN_FLOOR,
        'floorPercent',
      ],
    ])('%#', (input, code, field) => {
      const error = captureDomainError(() => checkMargin(input));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
    });
  });
});
