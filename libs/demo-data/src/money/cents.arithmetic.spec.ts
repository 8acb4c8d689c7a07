import {
  centsToDecimal,
  divideRounded,
  endInNine,
  scalePercent,
  thousandthsToDecimal,
} from './cents.arithmetic';

describe('cents arithmetic', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [123456, '1234.56'],
    [-5, '-0.05'],
    [200000000, '2000000.00'],
  ])('formats %i cents as %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });

  it.each([
    [0, '0'],
    [1, '0.001'],
    [1500, '1.5'],
    [2000, '2'],
    [1234567, '1234.567'],
  ])('formats %i thousandths as %s', (thousandths, text) => {
    expect(thousandthsToDecimal(thousandths)).toBe(text);
  });

  it('rounds half up in integer arithmetic', () => {
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(4, 3)).toBe(1);
    expect(divideRounded(5, 3)).toBe(2);
    expect(scalePercent(1999, 85)).toBe(1699);
    expect(scalePercent(1, 50)).toBe(1);
  });

  it('rounds prices up to end in 9', () => {
    expect(endInNine(1200)).toBe(1209);
    expect(endInNine(1209)).toBe(1209);
    expect(endInNine(1205)).toBe(1209);
  });

  it('refuses fractional input', () => {
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
    expect(() => scalePercent(10.5, 100)).toThrow(RangeError);
  });
});
