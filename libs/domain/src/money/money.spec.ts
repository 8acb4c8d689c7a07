import { Decimal as GlobalDecimal } from 'decimal.js';
import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import {
  assertNotNegative,
  formatAmount,
  isRounded,
  moneyOf,
  parseCurrency,
  parseMoney,
  roundMoney,
  zeroMoney,
} from './money';
import { captureDomainError } from '../testing/domain-error.capture';
import { minorUnits } from './currency.table';

const usd = (amount: string) => moneyOf(new Decimal(amount), 'USD');

describe('moneyOf / zeroMoney', () => {
  it('builds a frozen value', () => {
    const money = usd('12.5');
    expect(money.amount.toString()).toBe('12.5');
    expect(money.currency).toBe('USD');
    expect(Object.isFrozen(money)).toBe(true);
  });

  it('re-homes foreign Decimals and normalises negative zero', () => {
    const money = moneyOf(new GlobalDecimal(1), 'USD');
    expect(money.amount.div(3).toString()).toHaveLength(42);
    expect(moneyOf(new Decimal('-0'), 'USD').amount.isNegative()).toBe(false);
  });

  it('rejects NaN and infinities', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      expect(captureDomainError(() => moneyOf(new Decimal(value), 'USD'))).toMatchObject({
        code: DomainErrorCode.MONEY_INVALID_AMOUNT,
      });
    }
  });

  it('zeroMoney is zero in the currency', () => {
    expect(zeroMoney('JPY')).toEqual(moneyOf(new Decimal(0), 'JPY'));
    expect(formatAmount(zeroMoney('KWD'))).toBe('0.000');
  });
});

describe('parseCurrency', () => {
  it('returns a known code and rejects others with the field', () => {
    expect(parseCurrency('EUR')).toBe('EUR');
    expect(captureDomainError(() => parseCurrency('eur', 'order.currency'))).toMatchObject({
      code: DomainErrorCode.MONEY_UNKNOWN_CURRENCY,
      field: 'order.currency',
    });
    expect(captureDomainError(() => parseCurrency(undefined))).toMatchObject({ field: 'currency' });
  });
});

describe('parseMoney', () => {
  it.each([
    ['12.50', 'USD', '12.5'],
    ['12', 'USD', '12'],
    ['-0.01', 'EUR', '-0.01'],
    ['1250', 'JPY', '1250'],
    ['1.000', 'KWD', '1'],
    ['0.125', 'BHD', '0.125'],
    ['999999999999999.99', 'USD', '999999999999999.99'],
  ])('parses %p %s', (amount, currency, expected) => {
    const money = parseMoney(amount, currency);
    expect(money.amount.toString()).toBe(expected);
    expect(money.currency).toBe(currency);
  });

  it.each([
    ['12.345', 'USD'],
    ['0.001', 'EUR'],
    ['12.5', 'JPY'],
    ['0.0001', 'KWD'],
    ['12.3450', 'USD'],
  ])('rejects %p %s as too many decimals', (amount, currency) => {
    expect(captureDomainError(() => parseMoney(amount, currency, 'lines[0].price'))).toMatchObject({
      code: DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      field: 'lines[0].price',
    });
  });

  it.each(['', '1e2', '+1', '.5', '12,50', ' 1', 12.5, null])('rejects the amount %p', (amount) => {
    expect(captureDomainError(() => parseMoney(amount, 'USD'))).toMatchObject({
      code: DomainErrorCode.MONEY_INVALID_AMOUNT,
      field: 'amount',
    });
  });

  it('counts significant decimals only: trailing zeros carry no precision', () => {
    expect(parseMoney('1.0', 'KRW').amount.toString()).toBe('1');
    expect(parseMoney('12.500', 'USD').amount.toString()).toBe('12.5');
  });

  it('checks the currency first and names its field', () => {
    expect(
      captureDomainError(() => parseMoney('bad', 'ABC', 'total', 'total.currency')),
    ).toMatchObject({
      code: DomainErrorCode.MONEY_UNKNOWN_CURRENCY,
      field: 'total.currency',
    });
  });
});

describe('roundMoney (half away from zero at the minor unit)', () => {
  it.each([
    ['1.005', 'USD', '1.01'],
    ['1.0049999', 'USD', '1'],
    ['-1.005', 'USD', '-1.01'],
    ['-1.004', 'USD', '-1'],
    ['2.675', 'USD', '2.68'],
    ['0.125', 'EUR', '0.13'],
    ['-0.004', 'USD', '0'],
    ['1249.5', 'JPY', '1250'],
    ['-1249.5', 'JPY', '-1250'],
    ['0.0005', 'KWD', '0.001'],
    ['0.0004999', 'BHD', '0'],
    ['12.5', 'USD', '12.5'],
  ])('%s %s -> %s', (amount, currency, expected) => {
    const rounded = roundMoney(moneyOf(new Decimal(amount), currency as 'USD'));
    expect(rounded.amount.toString()).toBe(expected);
    expect(rounded.amount.isNegative() && rounded.amount.isZero()).toBe(false);
    expect(isRounded(rounded)).toBe(true);
  });

  it('is idempotent and moves an amount by at most half a minor unit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,9}\.\d{1,8}$/), (text) => {
        const money = usd(text);
        const once = roundMoney(money);
        expect(roundMoney(once)).toEqual(once);
        expect(once.amount.minus(money.amount).abs().lessThanOrEqualTo('0.005')).toBe(true);
      }),
    );
  });
});

describe('isRounded', () => {
  it('tells whether the amount fits the minor unit', () => {
    expect(isRounded(usd('1.25'))).toBe(true);
    expect(isRounded(usd('1.255'))).toBe(false);
    expect(isRounded(moneyOf(new Decimal('10'), 'JPY'))).toBe(true);
    expect(isRounded(moneyOf(new Decimal('10.1'), 'JPY'))).toBe(false);
  });
});

describe('formatAmount', () => {
  it.each([
    ['12.5', 'USD', '12.50'],
    ['12', 'USD', '12.00'],
    ['0', 'USD', '0.00'],
    ['-0.5', 'EUR', '-0.50'],
    ['1250', 'JPY', '1250'],
    ['1', 'KWD', '1.000'],
    ['1.2345', 'USD', '1.23'],
    ['1.235', 'USD', '1.24'],
    ['-0.001', 'USD', '0.00'],
    ['-0.004', 'JPY', '0'],
    ['-0.005', 'USD', '-0.01'],
    ['-1.005', 'USD', '-1.01'],
    ['0.0000001', 'USD', '0.00'],
    ['123456789012345.67', 'USD', '123456789012345.67'],
  ])('%s %s -> %s', (amount, currency, expected) => {
    expect(formatAmount(moneyOf(new Decimal(amount), currency as 'USD'))).toBe(expected);
  });

  it('prints what rounding the Money first prints', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,6}(\.\d{1,6})?$/),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (text, currency) => {
          const money = moneyOf(new Decimal(text), currency);
          expect(formatAmount(money)).toBe(
            roundMoney(money).amount.toFixed(minorUnits(money.currency)),
          );
        },
      ),
    );
  });

  it('round-trips through parseMoney', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[1-9]\d{0,12}\.\d{2}$/), (text) => {
        expect(formatAmount(parseMoney(text, 'USD'))).toBe(text);
      }),
    );
  });
});

describe('assertNotNegative', () => {
  it('passes zero and positive amounts through', () => {
    const money = usd('0');
    expect(assertNotNegative(money, 'freight')).toBe(money);
    expect(assertNotNegative(usd('0.01'), 'freight').amount.toString()).toBe('0.01');
  });

  it('rejects negative amounts naming the field', () => {
    expect(captureDomainError(() => assertNotNegative(usd('-0.01'), 'freight'))).toMatchObject({
      code: DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
      field: 'freight',
    });
  });
});
