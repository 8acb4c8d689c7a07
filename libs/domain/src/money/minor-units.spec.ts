import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { type CurrencyCode, minorUnits } from './currency.table';
import { EXACT_MINOR_LIMIT, minorUnitsOf, scanMinorUnits } from './minor-units';

describe('minorUnitsOf', () => {
  it.each([
    ['0', 'USD', 0],
    ['12.34', 'USD', 1234],
    ['-12.34', 'USD', -1234],
    ['0.07', 'USD', 7],
    ['1250', 'JPY', 1250],
    ['1.005', 'KWD', 1005],
    ['9999999999999.99', 'USD', 999999999999999],
    ['0.125', 'USD', 12.5],
  ])('%s %s is %s', (amount, currency, expected) => {
    expect(minorUnitsOf(new Decimal(amount), currency as 'USD')).toBe(expected);
  });

  it('counts what the exact decimal product counts', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,16}(\.\d{1,4})?$/),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (text, currency) => {
          const amount = new Decimal(text);
          const scale = new Decimal(10).pow(currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2);
          expect(minorUnitsOf(amount, currency as 'USD')).toBe(amount.times(scale).toNumber());
        },
      ),
    );
  });
});

/** Amount texts: as Postgres prints numeric(19,4), other valid spellings, and malformed ones. */
const amountText = fc.oneof(
  fc.stringMatching(/^-?\d{1,17}(\.\d{1,6})?$/),
  fc
    .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }))
    .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}00`),
  fc.stringMatching(/^[-+]?\d{0,4}(\.\d{0,4})?(e[-+]?\d{1,2})?$/),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '-0.0000',
    ' 1.00',
    '1.00 ',
    '1,00',
    '1.2.3',
    '--1',
    '0x10',
    '٣',
    '',
  ),
  fc.string({ maxLength: 8 }),
);

/** How the Decimal path reads the text: the amount, or null when it refuses it. */
function decimalPath(text: string, currency: CurrencyCode): Decimal | null {
  let amount: Decimal;
  try {
    amount = new Decimal(text);
  } catch {
    return null;
  }
  return amount.isFinite() && amount.decimalPlaces() <= minorUnits(currency) ? amount : null;
}

describe('scanMinorUnits', () => {
  it.each([
    ['1250.5000', 'USD', 125050],
    ['0.0000', 'USD', 0],
    ['-0.0000', 'USD', 0],
    ['-12.3400', 'USD', -1234],
    ['007.50', 'USD', 750],
    ['1250.0000', 'JPY', 1250],
    ['1.0050', 'KWD', 1005],
    ['12', 'USD', 1200],
    ['11258999068426.23', 'USD', EXACT_MINOR_LIMIT - 1],
  ])('reads %s %s as %s', (text, currency, expected) => {
    expect(scanMinorUnits(text, minorUnits(currency as CurrencyCode))).toBe(expected);
  });

  it.each([
    ['12.345', 'USD'],
    ['1.5', 'JPY'],
    ['11258999068426.24', 'USD'],
    ['99999999999999999999', 'USD'],
    ['.5', 'USD'],
    ['1.', 'USD'],
    ['+1', 'USD'],
    ['1e3', 'USD'],
    ['-', 'USD'],
    ['', 'USD'],
    [' 1', 'USD'],
    ['NaN', 'USD'],
    ['1.0O', 'USD'],
  ])('leaves %s %s to the Decimal path', (text, currency) => {
    expect(scanMinorUnits(text, minorUnits(currency as CurrencyCode))).toBeNull();
  });

  it('reads exactly what the Decimal path reads, and every plain amount it accepts', () => {
    fc.assert(
      fc.property(
        amountText,
        fc.constantFrom<CurrencyCode>('USD', 'JPY', 'KWD'),
        (text, currency) => {
          const scanned = scanMinorUnits(text, minorUnits(currency));
          const amount = decimalPath(text, currency);
          if (scanned !== null) {
            expect(amount).not.toBeNull();
            // -0 and 0 are one count (the ledger re-homes a negative zero balance to zero).
            expect(scanned === minorUnitsOf(amount ?? new Decimal(NaN), currency)).toBe(true);
            expect(Object.is(scanned, -0)).toBe(false);
            return;
          }
          const plain = /^-?\d+(\.\d+)?$/.test(text);
          const exact =
            amount !== null && Math.abs(minorUnitsOf(amount, currency)) < EXACT_MINOR_LIMIT;
          expect(plain && exact).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
