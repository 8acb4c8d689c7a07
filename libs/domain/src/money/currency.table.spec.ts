import { CURRENCY_CODES, isCurrencyCode, minorUnits } from './currency.table';

describe('currency table', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['CAD', 2],
    ['MXN', 2],
    ['CHF', 2],
    ['AUD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CNY', 2],
    ['INR', 2],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['PLN', 2],
    ['BRL', 2],
    ['ZAR', 2],
    ['SGD', 2],
    ['NZD', 2],
    ['HKD', 2],
    ['CLP', 0],
    ['ISK', 0],
    ['OMR', 3],
  ])('%s has %i minor units', (code, digits) => {
    expect(isCurrencyCode(code)).toBe(true);
    if (isCurrencyCode(code)) expect(minorUnits(code)).toBe(digits);
  });

  it.each([
    'usd',
    'Usd',
    'US',
    'USDD',
    'XXX',
    'BTC',
    '',
    ' USD',
    'toString',
    'constructor',
    '__proto__',
  ])('rejects %p', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });

  it.each([undefined, null, 840, {}])('rejects the non-string %p', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });

  it('lists every code once, sorted, as three upper-case letters with 0, 2 or 3 digits', () => {
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(minorUnits(code));
    }
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
  });
});
