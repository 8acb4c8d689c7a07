import { Decimal as GlobalDecimal } from 'decimal.js';
import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { formatAmount, type Money } from '../money/money';
import { addMoney, moneyEquals, sumMoney } from '../money/money-arithmetic';
import {
  billableLineQuantity,
  computeOrderTotals,
  type OrderLineInput,
  type OrderLineTotals,
} from './order-totals.calculator';
import { captureDomainError } from '../testing/domain-error.capture';

const d = (value: string) => new Decimal(value);
const line = (
  quantity: string,
  unitPrice: string,
  discountPercent?: string,
  taxRate?: string,
): OrderLineInput => ({
  quantity: d(quantity),
  unitPrice: d(unitPrice),
  ...(discountPercent === undefined ? {} : { discountPercent: d(discountPercent) }),
  ...(taxRate === undefined ? {} : { taxRate: d(taxRate) }),
});
const lineView = (totals: OrderLineTotals) => ({
  extended: formatAmount(totals.extended),
  discount: formatAmount(totals.discount),
  net: formatAmount(totals.net),
  tax: formatAmount(totals.tax),
  total: formatAmount(totals.total),
});
const fmt = (money: Money) => formatAmount(money);

describe('computeOrderTotals', () => {
  it('prices a simple order', () => {
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [line('3', '19.99', '10', '0.0825'), line('12', '0.125')],
      freight: d('15'),
    });
    // 59.97 - 6.00 (5.997) = 53.97; tax 4.45 (4.452525)
    expect(lineView(totals.lines[0])).toEqual({
      extended: '59.97',
      discount: '6.00',
      net: '53.97',
      tax: '4.45',
      total: '58.42',
    });
    // 12 x 0.125 = 1.50, no discount or tax
    expect(lineView(totals.lines[1])).toEqual({
      extended: '1.50',
      discount: '0.00',
      net: '1.50',
      tax: '0.00',
      total: '1.50',
    });
    expect(totals.currency).toBe('USD');
    expect(fmt(totals.subtotal)).toBe('61.47');
    expect(fmt(totals.discountTotal)).toBe('6.00');
    expect(fmt(totals.taxTotal)).toBe('4.45');
    expect(fmt(totals.freight)).toBe('15.00');
    expect(fmt(totals.total)).toBe('74.92');
  });

  it('rounds each line once and sums rounded lines (never re-rounds the total)', () => {
    // Each line is 1 x 0.005 = 0.005 -> 0.01. Rounding the unrounded sum (0.015) would give 0.02.
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [line('1', '0.005'), line('1', '0.005'), line('1', '0.005')],
    });
    expect(totals.lines.map((l) => fmt(l.extended))).toEqual(['0.01', '0.01', '0.01']);
    expect(fmt(totals.subtotal)).toBe('0.03');
    expect(fmt(totals.total)).toBe('0.03');
  });

  it('rounds tax per line, half away from zero', () => {
    // net 10.00 x 0.0825 = 0.825 -> 0.83, twice; whole-order tax would be 1.65 too but per line 1.66
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [line('1', '10', undefined, '0.0825'), line('1', '10', undefined, '0.0825')],
    });
    expect(totals.lines.map((l) => fmt(l.tax))).toEqual(['0.83', '0.83']);
    expect(fmt(totals.taxTotal)).toBe('1.66');
  });

  it('takes the discount from the rounded extended amount and tax from the rounded net', () => {
    // extended 3 x 3.333 = 9.999 -> 10.00; discount 15 % = 1.50; net 8.50; tax 0.07 -> 0.595 -> 0.60
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [line('3', '3.333', '15', '0.07')],
    });
    expect(lineView(totals.lines[0])).toEqual({
      extended: '10.00',
      discount: '1.50',
      net: '8.50',
      tax: '0.60',
      total: '9.10',
    });
  });

  it('rounds to the currency minor unit (JPY, KWD)', () => {
    const jpy = computeOrderTotals({
      currency: 'JPY',
      lines: [line('3', '333.5', '5', '0.1')],
      freight: d('499.5'),
    });
    // 1000.5 -> 1001; discount 50.05 -> 50; net 951; tax 95.1 -> 95; total 1046; freight 500
    expect(lineView(jpy.lines[0])).toEqual({
      extended: '1001',
      discount: '50',
      net: '951',
      tax: '95',
      total: '1046',
    });
    expect(fmt(jpy.total)).toBe('1546');

    const kwd = computeOrderTotals({ currency: 'KWD', lines: [line('7', '0.1235')] });
    expect(fmt(kwd.subtotal)).toBe('0.865'); // 0.8645
  });

  it('handles full and zero discounts and zero quantities', () => {
    const totals = computeOrderTotals({
      currency: 'EUR',
      lines: [
        line('2', '50', '100', '0.2'),
        line('0', '99.99', '10', '0.2'),
        line('1', '0', '0', '0'),
      ],
    });
    expect(lineView(totals.lines[0])).toEqual({
      extended: '100.00',
      discount: '100.00',
      net: '0.00',
      tax: '0.00',
      total: '0.00',
    });
    expect(fmt(totals.lines[1].total)).toBe('0.00');
    expect(fmt(totals.lines[2].total)).toBe('0.00');
    expect(fmt(totals.total)).toBe('0.00');
  });

  it('returns zero totals for an order without lines', () => {
    const totals = computeOrderTotals({ currency: 'GBP', lines: [] });
    expect(totals.lines).toEqual([]);
    for (const money of [
      totals.subtotal,
      totals.discountTotal,
      totals.taxTotal,
      totals.freight,
      totals.total,
    ]) {
      expect(money.currency).toBe('GBP');
      expect(fmt(money)).toBe('0.00');
    }
  });

  it('rounds freight like a line and leaves it untaxed', () => {
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [line('1', '10', undefined, '0.1')],
      freight: d('4.995'),
    });
    expect(fmt(totals.freight)).toBe('5.00');
    expect(fmt(totals.taxTotal)).toBe('1.00');
    expect(fmt(totals.total)).toBe('16.00');
  });

  it('computes at the domain precision whatever Decimal the caller used', () => {
    // 2 x 6172839450617283.50245 = 12345678901234567.0049: at the global 20 digits the product
    // would be ...567.005 and round up a cent.
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [
        {
          quantity: new GlobalDecimal('2'),
          unitPrice: new GlobalDecimal('6172839450617283.50245'),
        },
      ],
    });
    expect(fmt(totals.subtotal)).toBe('12345678901234567.00');
  });

  it('returns frozen values', () => {
    const totals = computeOrderTotals({ currency: 'USD', lines: [line('1', '1')] });
    expect(Object.isFrozen(totals)).toBe(true);
    expect(Object.isFrozen(totals.lines)).toBe(true);
    expect(Object.isFrozen(totals.lines[0])).toBe(true);
    expect(Object.isFrozen(totals.total)).toBe(true);
  });

  describe('rejects bad input naming the field', () => {
    const reject = (
      lines: OrderLineInput[],
      code: DomainErrorCode,
      field: string,
      freight?: Decimal,
    ) =>
      expect(
        captureDomainError(() =>
          computeOrderTotals({ currency: 'USD', lines, ...(freight ? { freight } : {}) }),
        ),
      ).toMatchObject({ code, field });

    it('unknown currency', () => {
      expect(
        captureDomainError(() => computeOrderTotals({ currency: 'usd', lines: [] })),
      ).toMatchObject({
        code: DomainErrorCode.MONEY_UNKNOWN_CURRENCY,
        field: 'currency',
      });
    });

    it('negative or non-finite quantities', () => {
      reject(
        [line('1', '1'), line('-1', '1')],
        DomainErrorCode.QUANTITY_NEGATIVE,
        'lines[1].quantity',
      );
      reject(
        [{ quantity: d('NaN'), unitPrice: d('1') }],
        DomainErrorCode.QUANTITY_INVALID,
        'lines[0].quantity',
      );
    });

    it('negative or non-finite prices and freight', () => {
      reject([line('1', '-0.01')], DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'lines[0].unitPrice');
      reject(
        [{ quantity: d('1'), unitPrice: d('Infinity') }],
        DomainErrorCode.MONEY_INVALID_AMOUNT,
        'lines[0].unitPrice',
      );
      reject([line('1', '1')], DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'freight', d('-5'));
      reject([line('1', '1')], DomainErrorCode.MONEY_INVALID_AMOUNT, 'freight', d('NaN'));
    });

    it.each(['-1', '100.01', 'NaN', 'Infinity'])('discount percent %s', (percent) => {
      reject(
        [line('1', '1', percent)],
        DomainErrorCode.ORDER_INVALID_DISCOUNT,
        'lines[0].discountPercent',
      );
    });

    it.each(['-0.01', '1', '8.25', 'NaN'])('tax rate %s', (rate) => {
      reject(
        [line('1', '1', undefined, rate)],
        DomainErrorCode.ORDER_INVALID_TAX_RATE,
        'lines[0].taxRate',
      );
    });
  });

  it('always adds up: lines are rounded and totals are sums of the lines', () => {
    const decimalText = (integer: number, fraction: number) =>
      fc.stringMatching(new RegExp(`^\\d{1,${integer}}(\\.\\d{1,${fraction}})?$`));
    const lineArbitrary = fc.record({
      quantity: decimalText(5, 3),
      unitPrice: decimalText(6, 4),
      discountPercent: fc.option(fc.stringMatching(/^(100|\d{1,2}(\.\d{1,2})?)$/), {
        nil: undefined,
      }),
      taxRate: fc.option(fc.stringMatching(/^0(\.\d{1,4})?$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { maxLength: 8 }),
        decimalText(5, 3),
        (raw, freightText) => {
          const lines = raw.map((l) => line(l.quantity, l.unitPrice, l.discountPercent, l.taxRate));
          const totals = computeOrderTotals({ currency: 'USD', lines, freight: d(freightText) });
          for (const l of totals.lines) {
            for (const money of [l.extended, l.discount, l.net, l.tax, l.total]) {
              expect(money.amount.decimalPlaces()).toBeLessThanOrEqual(2);
              expect(money.amount.isNegative()).toBe(false);
            }
            expect(moneyEquals(addMoney(l.net, l.discount), l.extended)).toBe(true);
            expect(moneyEquals(addMoney(l.net, l.tax), l.total)).toBe(true);
          }
          const lineSum = sumMoney(
            totals.lines.map((l) => l.total),
            'USD',
          );
          expect(moneyEquals(addMoney(lineSum, totals.freight), totals.total)).toBe(true);
          expect(
            moneyEquals(
              sumMoney(
                totals.lines.map((l) => l.extended),
                'USD',
              ),
              totals.subtotal,
            ),
          ).toBe(true);
        },
      ),
    );
  });
});

describe('billableLineQuantity', () => {
  const quantities = (quantity: string, baseQuantity: string, rejected: string) => ({
    quantity: d(quantity),
    baseQuantity: d(baseQuantity),
    rejected: d(rejected),
  });

  it('is the ordered quantity when nothing is rejected', () => {
    expect(billableLineQuantity(quantities('2', '24', '0')).toFixed()).toBe('2');
  });

  it('is the accepted share of the ordered quantity, in the ordered unit', () => {
    expect(billableLineQuantity(quantities('10', '10', '7')).toFixed()).toBe('3');
    expect(billableLineQuantity(quantities('2', '24', '12')).toFixed()).toBe('1');
  });

  it('is zero when everything is rejected, or nothing was ordered', () => {
    expect(billableLineQuantity(quantities('5', '60', '60')).toFixed()).toBe('0');
    expect(billableLineQuantity(quantities('0', '0', '0')).toFixed()).toBe('0');
  });

  it('prices a partly rejected line as computeOrderTotals prices that quantity', () => {
    const accepted = billableLineQuantity(quantities('2', '24', '11'));
    const totals = computeOrderTotals({
      currency: 'USD',
      lines: [{ quantity: accepted, unitPrice: d('100') }],
    });
    // 13 of 24 base units ordered as 2 cases at 100.00: 108.333... rounded once, at the line.
    expect(fmt(totals.lines[0].total)).toBe('108.33');
    expect(fmt(totals.total)).toBe('108.33');
  });

  it('keeps totals summing over lines after a rejection', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 24 }),
        fc.nat(),
        fc.integer({ min: 0, max: 100_000 }),
        (ordered, unitsPerUom, seed, cents) => {
          const base = ordered * unitsPerUom;
          const rejected = seed % (base + 1);
          const quantity = billableLineQuantity(
            quantities(String(ordered), String(base), String(rejected)),
          );
          expect(quantity.greaterThanOrEqualTo(0)).toBe(true);
          expect(quantity.lessThanOrEqualTo(ordered)).toBe(true);
          expect(quantity.times(unitsPerUom).toDecimalPlaces(20).toFixed()).toBe(
            new Decimal(base - rejected).toFixed(),
          );
          const totals = computeOrderTotals({
            currency: 'USD',
            lines: [{ quantity, unitPrice: d(cents.toString()).div(100) }],
          });
          expect(moneyEquals(totals.total, totals.lines[0].total)).toBe(true);
        },
      ),
    );
  });

  it.each([
    ['rejected beyond the order', quantities('10', '10', '11'), 'QUANTITY.INVALID', 'rejected'],
    ['a negative rejection', quantities('10', '10', '-1'), 'QUANTITY.NEGATIVE', 'rejected'],
    ['a negative quantity', quantities('-1', '10', '0'), 'QUANTITY.NEGATIVE', 'quantity'],
  ])('refuses %s', (_name, input, code, field) => {
    expect(captureDomainError(() => billableLineQuantity(input))).toMatchObject({ code, field });
  });
});
