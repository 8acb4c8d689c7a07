import fc from 'fast-check';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { parseDecimalString, tryParseDecimalString } from './decimal-string.parser';
import { captureDomainError } from '../testing/domain-error.capture';

describe('parseDecimalString', () => {
  it.each([
    ['0', '0'],
    ['12', '12'],
    ['12.50', '12.5'],
    ['-3.25', '-3.25'],
    ['007.10', '7.1'],
    ['-0', '0'],
    ['-0.00', '0'],
    ['999999999999999', '999999999999999'],
    ['0.000000000000000000000000000001', '0.000000000000000000000000000001'],
  ])('accepts %p as %s', (text, expected) => {
    expect(parseDecimalString(text, 'amount').toString()).toBe(expected);
  });

  it.each([
    '',
    ' ',
    ' 1',
    '1 ',
    '1\n',
    '+1',
    '.5',
    '5.',
    '-.5',
    '1e3',
    '1E3',
    '0x10',
    '1,000.00',
    '1_000',
    '--1',
    '1.2.3',
    'NaN',
    'Infinity',
    '-Infinity',
    '1000000000000000',
    '١٢',
    '１２',
  ])('rejects %p', (text) => {
    expect(tryParseDecimalString(text)).toBeUndefined();
    expect(() => parseDecimalString(text, 'amount')).toThrow(DomainError);
  });

  it.each([12.5, 12n, null, undefined, {}, ['1']])('rejects the non-string %p', (value) => {
    expect(tryParseDecimalString(value)).toBeUndefined();
  });

  it('names the field and uses DECIMAL.INVALID unless told otherwise', () => {
    expect(captureDomainError(() => parseDecimalString('x', 'lines[1].price'))).toMatchObject({
      code: DomainErrorCode.DECIMAL_INVALID,
      field: 'lines[1].price',
    });
    expect(
      captureDomainError(() => parseDecimalString('x', 'qty', DomainErrorCode.QUANTITY_INVALID)),
    ).toMatchObject({ code: DomainErrorCode.QUANTITY_INVALID, field: 'qty' });
  });

  it('round-trips every well-formed string to the same value', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[1-9]\d{0,14}$/),
        fc.stringMatching(/^\d{0,20}$/),
        (negative, integer, fraction) => {
          const text = `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
          const value = parseDecimalString(text, 'amount');
          const canonical = value.toFixed(fraction.length);
          expect(canonical).toBe(text);
        },
      ),
    );
  });
});
