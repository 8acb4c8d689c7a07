import { Decimal as GlobalDecimal } from 'decimal.js';
import { Decimal, toDecimal } from './decimal';

describe('Decimal (the domain clone)', () => {
  it('is configured for money: precision 40, half away from zero, no exponent notation', () => {
    expect(Decimal.precision).toBe(40);
    expect(Decimal.rounding).toBe(GlobalDecimal.ROUND_HALF_UP);
    expect(new Decimal('1').div(3).toString()).toBe('0.' + '3'.repeat(40));
    expect(new Decimal('0.000000001').toString()).toBe('0.000000001');
    expect(new Decimal('123456789012345678901234567890').toString()).toBe(
      '123456789012345678901234567890',
    );
    expect(new Decimal('2.5').toDecimalPlaces(0).toString()).toBe('3');
    expect(new Decimal('-2.5').toDecimalPlaces(0).toString()).toBe('-3');
  });

  it('leaves the global decimal.js configuration untouched', () => {
    expect(GlobalDecimal.precision).toBe(20);
    expect(GlobalDecimal.rounding).toBe(GlobalDecimal.ROUND_HALF_UP);
    expect(Decimal).not.toBe(GlobalDecimal);
  });

  it('shares the instance type with decimal.js, so instanceof works across clones', () => {
    expect(new Decimal(1)).toBeInstanceOf(GlobalDecimal);
    expect(GlobalDecimal.isDecimal(new Decimal(1))).toBe(true);
  });
});

describe('toDecimal', () => {
  it('re-homes a global Decimal so arithmetic uses the domain precision', () => {
    const foreign = new GlobalDecimal(1);
    expect(foreign.div(3).toString()).toHaveLength(22);
    expect(toDecimal(foreign).div(3).toString()).toHaveLength(42);
  });

  it('keeps the value and turns negative zero into zero', () => {
    expect(toDecimal(new GlobalDecimal('-12.345')).toString()).toBe('-12.345');
    const zero = toDecimal(new Decimal('-0'));
    expect(zero.isNegative()).toBe(false);
    expect(zero.toString()).toBe('0');
  });
});
