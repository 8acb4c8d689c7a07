import { Decimal, formatAmount, minorUnits, moneyOf, parseCurrency } from '@o2c/domain';
import { presentDecimal, presentMoney, presentUnitPrice } from './money.presenter';

/** Stored texts and odd ones: the short path must print what Decimal prints. */
const TEXTS = [
  '4.0000',
  '24',
  '0.5000',
  '-3.2500',
  '-0.0000',
  '0',
  '0.0000',
  '007.50',
  '100000000.0000',
  '12345678901234567890.12345678901234567890',
  '0.00000001',
  '1e3',
  '-0.0001',
  '10.0100',
  '599.1600',
  '0.0125',
  '149.7900',
  '2.5',
  '0.005',
];

describe('money presentation', () => {
  it.each(TEXTS)('prints %p as Decimal#toString does', (value) => {
    expect(presentDecimal(value)).toBe(new Decimal(value).toString());
  });

  it.each(TEXTS.flatMap((value) => ['USD', 'JPY', 'BHD'].map((currency) => [value, currency])))(
    'presents %p %s as money and as a unit price as the Decimal arithmetic does',
    (value, currency) => {
      const code = parseCurrency(currency);
      expect(presentMoney(value, currency).amount).toBe(
        formatAmount(moneyOf(new Decimal(value), code)),
      );
      const decimal = new Decimal(value);
      expect(presentUnitPrice(value, currency).amount).toBe(
        decimal.toFixed(Math.max(minorUnits(code), decimal.decimalPlaces())),
      );
    },
  );
});
