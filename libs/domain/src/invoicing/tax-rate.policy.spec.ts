import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  ANY_REGION,
  applicableTaxRate,
  type TaxRateRule,
  validateTaxRate,
} from './tax-rate.policy';

const rule = (
  id: string,
  region: string,
  ratePercent: string,
  validFrom: string,
  validTo: string | null = null,
): TaxRateRule => ({ id, region, ratePercent: new Decimal(ratePercent), validFrom, validTo });

const RULES = [
  rule('any', ANY_REGION, '1', '2000-01-01'),
  rule('west-old', 'US-WEST', '7', '2000-01-01', '2030-12-31'),
  rule('west-new', 'US-WEST', '7.25', '2031-01-01'),
  rule('west-overlap', 'US-WEST', '8', '2020-06-01', '2020-06-30'),
  rule('east-future', 'US-EAST', '6', '2040-01-01'),
];

describe('applicableTaxRate', () => {
  const view = (region: string | null, date: string) => {
    const applied = applicableTaxRate(RULES, region, date);
    return [applied.ruleId, applied.region, applied.ratePercent.toString()];
  };

  it("takes the ship-to region's rate valid on the invoice date, bounds inclusive", () => {
    expect(view('US-WEST', '2030-12-31')).toEqual(['west-old', 'US-WEST', '7']);
    expect(view('US-WEST', '2031-01-01')).toEqual(['west-new', 'US-WEST', '7.25']);
  });

  it('prefers the latest validFrom when rules overlap', () => {
    expect(view('US-WEST', '2020-06-15')).toEqual(['west-overlap', 'US-WEST', '8']);
    expect(view('US-WEST', '2020-07-01')).toEqual(['west-old', 'US-WEST', '7']);
  });

  it("falls back to the '*' rate without a valid regional rate or without a region", () => {
    expect(view('US-EAST', '2031-01-01')).toEqual(['any', ANY_REGION, '1']);
    expect(view('MARS', '2031-01-01')).toEqual(['any', ANY_REGION, '1']);
    expect(view(null, '2031-01-01')).toEqual(['any', ANY_REGION, '1']);
    expect(view('US-EAST', '2040-01-01')).toEqual(['east-future', 'US-EAST', '6']);
  });

  it('is zero, naming no rule, when nothing matches', () => {
    const applied = applicableTaxRate(
      [rule('w', 'US-WEST', '7', '2031-01-01')],
      'US-EAST',
      '2031-01-01',
    );
    expect(applied).toEqual({ ratePercent: new Decimal(0), ruleId: null, region: null });
    expect(applicableTaxRate([], 'US-WEST', '1999-12-31').ruleId).toBeNull();
  });
});

describe('validateTaxRate', () => {
  it('accepts a regional or default rate and normalises the open end', () => {
    const valid = validateTaxRate({
      region: 'CA-EAST',
      ratePercent: '13',
      validFrom: '2031-01-01',
    });
    expect(valid).toEqual({
      region: 'CA-EAST',
      ratePercent: new Decimal(13),
      validFrom: '2031-01-01',
      validTo: null,
    });
    expect(
      validateTaxRate({
        region: '*',
        ratePercent: '0',
        validFrom: '2031-01-01',
        validTo: '2031-01-01',
      }).validTo,
    ).toBe('2031-01-01');
  });

  it.each([
    [{ region: 'us-west' }, 'region'],
    [{ region: '' }, 'region'],
    [{ region: 7 }, 'region'],
    [{ ratePercent: '100' }, 'ratePercent'],
    [{ ratePercent: '-1' }, 'ratePercent'],
    [{ ratePercent: '7.12345' }, 'ratePercent'],
    [{ ratePercent: 7 }, 'ratePercent'],
    [{ validFrom: '2031-02-30' }, 'validFrom'],
    [{ validTo: 'soon' }, 'validTo'],
    [{ validTo: '2030-12-31' }, 'validTo'],
  ])('refuses %j naming %s', (change, field) => {
    const error = captureDomainError(() =>
      validateTaxRate({
        region: 'US-WEST',
        ratePercent: '7.25',
        validFrom: '2031-01-01',
        ...change,
      }),
    );
    expect(error.code).toBe(DomainErrorCode.TAX_INVALID_RATE);
    expect(error.field).toBe(field);
  });
});
