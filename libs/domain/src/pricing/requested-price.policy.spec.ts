import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  decideRequestedPrice,
  type PriceToleranceAction,
  type RequestedPriceInput,
} from './requested-price.policy';

const d = (value: string) => new Decimal(value);
const decide = (
  resolved: string,
  requested: string | null,
  tolerance = '2',
  action: PriceToleranceAction = 'hold',
) => {
  const decision = decideRequestedPrice({
    resolved: d(resolved),
    requested: requested === null ? null : d(requested),
    tolerancePercent: d(tolerance),
    action,
  });
  return {
    ...decision,
    unitPrice: decision.unitPrice.toString(),
    deviationPercent: decision.deviationPercent?.toString() ?? null,
    ...('requestedUnitPrice' in decision
      ? { requestedUnitPrice: decision.requestedUnitPrice.toString() }
      : {}),
  };
};

describe('decideRequestedPrice', () => {
  it('accepts without a deviation when no price was requested', () => {
    expect(decide('10.00', null)).toEqual({
      outcome: 'accept',
      unitPrice: '10',
      deviationPercent: null,
    });
  });

  it('accepts the exact price with a zero deviation', () => {
    expect(decide('10.00', '10.00')).toEqual({
      outcome: 'accept',
      unitPrice: '10',
      deviationPercent: '0',
    });
  });

  it.each([
    ['9.80', '-2'],
    ['10.20', '2'],
  ])('accepts %s at exactly the 2 %% limit (deviation %s)', (requested, deviation) => {
    expect(decide('10.00', requested)).toEqual({
      outcome: 'accept',
      unitPrice: '10',
      deviationPercent: deviation,
    });
  });

  it.each([
    ['9.79', '-2.1'],
    ['10.21', '2.1'],
  ])('holds %s just outside the limit (deviation %s)', (requested, deviation) => {
    expect(decide('10.00', requested)).toEqual({
      outcome: 'hold',
      unitPrice: '10',
      requestedUnitPrice: requested,
      deviationPercent: deviation,
      reason: 'PRICE.OUTSIDE_TOLERANCE',
    });
  });

  it('corrects instead of holding when the customer asks for it, still charging the resolved price', () => {
    expect(decide('10.00', '8.00', '5', 'correct')).toEqual({
      outcome: 'correct',
      unitPrice: '10',
      requestedUnitPrice: '8',
      deviationPercent: '-20',
      reason: 'PRICE.OUTSIDE_TOLERANCE',
    });
  });

  it('treats a requested price above the resolved one like one below it', () => {
    expect(decide('10.00', '12.00', '5').outcome).toBe('hold');
    expect(decide('10.00', '10.50', '5').outcome).toBe('accept');
  });

  it('with zero tolerance accepts only the exact price', () => {
    expect(decide('4.25', '4.25', '0').outcome).toBe('accept');
    expect(decide('4.25', '4.2501', '0').outcome).toBe('hold');
    expect(decide('4.25', '4.2499', '0').outcome).toBe('hold');
  });

  it('compares the exact deviation and records it rounded away from zero', () => {
    // 3 -> 3.0001 is +0.00333...%: outside a zero tolerance, recorded as 0.01, not 0.00.
    expect(decide('3', '3.0001', '0')).toMatchObject({ outcome: 'hold', deviationPercent: '0.01' });
    // 2.0001 % against a 2 % tolerance: held, and the record says 2.01, not 2.00.
    expect(decide('100', '102.0001', '2')).toMatchObject({
      outcome: 'hold',
      deviationPercent: '2.01',
    });
    expect(decide('3', '2.9', '5')).toMatchObject({
      outcome: 'accept',
      deviationPercent: '-3.34', // -3.333...
    });
  });

  it('accepts a fractional tolerance exactly at its limit', () => {
    expect(decide('10', '10.025', '0.25').outcome).toBe('accept');
    expect(decide('10', '10.0251', '0.25').outcome).toBe('hold');
  });

  describe('against a zero resolved price', () => {
    it('accepts a requested zero', () => {
      expect(decide('0', '0', '0')).toEqual({
        outcome: 'accept',
        unitPrice: '0',
        deviationPercent: '0',
      });
    });

    it('holds any non-zero request, whatever the tolerance', () => {
      expect(decide('0', '0.01', '1000')).toEqual({
        outcome: 'hold',
        unitPrice: '0',
        requestedUnitPrice: '0.01',
        deviationPercent: '100',
        reason: 'PRICE.OUTSIDE_TOLERANCE',
      });
    });
  });

  it('accepts a requested zero against a positive price only with a 100 % tolerance', () => {
    expect(decide('5', '0', '100')).toMatchObject({ outcome: 'accept', deviationPercent: '-100' });
    expect(decide('5', '0', '99.99').outcome).toBe('hold');
  });

  it('always charges the resolved price and never accepts outside tolerance (property)', () => {
    const cents = fc
      .integer({ min: 0, max: 10_000_000 })
      .map((value) => new Decimal(value).div(100));
    fc.assert(
      fc.property(
        cents,
        cents,
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom<PriceToleranceAction>('hold', 'correct'),
        (resolved, requested, toleranceHundredths, action) => {
          const tolerancePercent = new Decimal(toleranceHundredths).div(100);
          const decision = decideRequestedPrice({ resolved, requested, tolerancePercent, action });
          expect(decision.unitPrice.equals(resolved)).toBe(true);
          const deviation = decision.deviationPercent ?? new Decimal(0);
          // The rounded record agrees with the decision for 2-decimal tolerances.
          if (decision.outcome === 'accept') {
            expect(deviation.abs().lessThanOrEqualTo(tolerancePercent)).toBe(true);
          } else {
            expect(decision.outcome).toBe(action);
            if (!resolved.isZero()) {
              expect(deviation.abs().greaterThan(tolerancePercent)).toBe(true);
            }
          }
        },
      ),
    );
  });

  describe('rejects bad input, naming the field', () => {
    const base: RequestedPriceInput = {
      resolved: d('1'),
      requested: d('1'),
      tolerancePercent: d('1'),
      action: 'hold',
    };

    it.each([
      [{ ...base, resolved: d('-1') }, DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'resolved'],
      [{ ...base, requested: d('-1') }, DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'requested'],
      [{ ...base, requested: d('NaN') }, DomainErrorCode.MONEY_INVALID_AMOUNT, 'requested'],
      [
        { ...base, tolerancePercent: d('-0.01') },
        DomainErrorCode.PRICE_INVALID_TOLERANCE,
        'tolerancePercent',
      ],
      [
        { ...base, tolerancePercent: d('Infinity') },
        DomainErrorCode.PRICE_INVALID_TOLERANCE,
        'tolerancePercent',
      ],
      [
        { ...base, action: 'reject' as PriceToleranceAction },
        DomainErrorCode.PRICE_INVALID_TOLERANCE,
        'action',
      ],
    ])('%#', (input, code, field) => {
      const error = captureDomainError(() => decideRequestedPrice(input));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
    });
  });
});
