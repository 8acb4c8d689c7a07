import fc from 'fast-check';
import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { formatAmount, type Money } from '../money/money';
import { captureDomainError } from '../testing/domain-error.capture';
import { checkedTaxPercent, computeInvoiceAmounts, taxOn } from './invoice-amounts.calculator';

const d = (value: string) => new Decimal(value);
const fmt = (money: Money) => formatAmount(money);
const line = (quantity: string, unitPrice: string, taxPercent = '0') => ({
  quantity: d(quantity),
  unitPrice: d(unitPrice),
  taxPercent: d(taxPercent),
});

describe('computeInvoiceAmounts', () => {
  it('rounds each line net and tax once and sums the rounded values', () => {
    const amounts = computeInvoiceAmounts({
      currency: 'USD',
      lines: [line('3', '123.4567', '7.25'), line('7', '0.3333', '7.25')],
      freight: d('15.50'),
    });
    expect(
      amounts.lines.map((entry) => [fmt(entry.net), fmt(entry.tax), fmt(entry.total)]),
    ).toEqual([
      ['370.37', '26.85', '397.22'],
      ['2.33', '0.17', '2.50'],
    ]);
    expect(fmt(amounts.subtotal)).toBe('372.70');
    expect(fmt(amounts.taxTotal)).toBe('27.02');
    expect(fmt(amounts.freight)).toBe('15.50');
    expect(fmt(amounts.total)).toBe('415.22');
    expect(amounts.currency).toBe('USD');
  });

  it('takes the tax from the rounded net, not from the unrounded product', () => {
    // 1 x 0.125 = 0.125 -> 0.13 net; tax 50 % of 0.13 = 0.065 -> 0.07 (0.0625 would be 0.06)
    const amounts = computeInvoiceAmounts({ currency: 'USD', lines: [line('1', '0.125', '50')] });
    expect(fmt(amounts.lines[0].net)).toBe('0.13');
    expect(fmt(amounts.lines[0].tax)).toBe('0.07');
  });

  it('rounds half away from zero at the currency minor unit', () => {
    expect(fmt(computeInvoiceAmounts({ currency: 'USD', lines: [line('1', '1.005')] }).total)).toBe(
      '1.01',
    );
    expect(fmt(computeInvoiceAmounts({ currency: 'JPY', lines: [line('3', '33.5')] }).total)).toBe(
      '101',
    );
    expect(
      fmt(computeInvoiceAmounts({ currency: 'KWD', lines: [line('1', '1.0005')] }).total),
    ).toBe('1.001');
  });

  it('never taxes freight and defaults it to zero', () => {
    const withFreight = computeInvoiceAmounts({
      currency: 'USD',
      lines: [line('1', '10', '10')],
      freight: d('5'),
    });
    expect(fmt(withFreight.taxTotal)).toBe('1.00');
    expect(fmt(withFreight.total)).toBe('16.00');
    const without = computeInvoiceAmounts({ currency: 'USD', lines: [line('1', '10')] });
    expect(fmt(without.freight)).toBe('0.00');
  });

  it('keeps total = subtotal + tax + freight and the subtotal = sum of line nets, always', () => {
    const price = fc
      .tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 4 }))
      .map(([units, scale]) => new Decimal(units).div(10 ** scale));
    const quantity = fc.integer({ min: 1, max: 100_000 }).map((n) => new Decimal(n).div(10));
    const percent = fc.integer({ min: 0, max: 2500 }).map((n) => new Decimal(n).div(100));
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity, unitPrice: price, taxPercent: percent }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 100_000 }).map((n) => new Decimal(n).div(100)),
        (lines, freight) => {
          const amounts = computeInvoiceAmounts({ currency: 'USD', lines, freight });
          const nets = amounts.lines.reduce((sum, entry) => sum.plus(entry.net.amount), d('0'));
          const taxes = amounts.lines.reduce((sum, entry) => sum.plus(entry.tax.amount), d('0'));
          expect(amounts.subtotal.amount.equals(nets)).toBe(true);
          expect(amounts.taxTotal.amount.equals(taxes)).toBe(true);
          expect(amounts.total.amount.equals(nets.plus(taxes).plus(freight))).toBe(true);
          amounts.lines.forEach((entry, index) => {
            const exact = lines[index].quantity.times(lines[index].unitPrice);
            expect(entry.net.amount.decimalPlaces()).toBeLessThanOrEqual(2);
            expect(entry.net.amount.minus(exact).abs().lte(d('0.005'))).toBe(true);
            expect(entry.total.amount.equals(entry.net.amount.plus(entry.tax.amount))).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    [{ lines: [] }, DomainErrorCode.INVOICE_INVALID_INPUT, 'lines'],
    [{ lines: [line('0', '1')] }, DomainErrorCode.QUANTITY_NOT_POSITIVE, 'lines[0].quantity'],
    [{ lines: [line('-1', '1')] }, DomainErrorCode.QUANTITY_NOT_POSITIVE, 'lines[0].quantity'],
    [{ lines: [line('1', '-1')] }, DomainErrorCode.MONEY_NEGATIVE_AMOUNT, 'lines[0].unitPrice'],
    [{ lines: [line('1', '1', '100')] }, DomainErrorCode.TAX_INVALID_RATE, 'lines[0].taxPercent'],
    [{ lines: [line('1', '1', '-1')] }, DomainErrorCode.TAX_INVALID_RATE, 'lines[0].taxPercent'],
    [
      { lines: [line('1', '1')], freight: d('1.005') },
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      'freight',
    ],
    [
      { lines: [line('1', '1')], freight: d('-1') },
      DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
      'freight',
    ],
    [
      { lines: [{ quantity: d('NaN'), unitPrice: d('1'), taxPercent: d('0') }] },
      DomainErrorCode.QUANTITY_INVALID,
      'lines[0].quantity',
    ],
  ])('refuses %j', (input, code, field) => {
    const error = captureDomainError(() => computeInvoiceAmounts({ currency: 'USD', ...input }));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it('refuses an unknown currency', () => {
    const error = captureDomainError(() =>
      computeInvoiceAmounts({ currency: 'usd', lines: [line('1', '1')] }),
    );
    expect(error.code).toBe(DomainErrorCode.MONEY_UNKNOWN_CURRENCY);
  });
});

describe('taxOn and checkedTaxPercent', () => {
  it('taxes a rounded net once', () => {
    expect(fmt(taxOn({ amount: d('26.85'), currency: 'USD' }, d('13')))).toBe('3.49');
    expect(fmt(taxOn({ amount: d('0'), currency: 'USD' }, d('13')))).toBe('0.00');
  });

  it('accepts 0 up to below 100 and normalises negative zero', () => {
    expect(checkedTaxPercent(d('-0'), 'rate').isNeg()).toBe(false);
    expect(checkedTaxPercent(d('99.9999'), 'rate').toString()).toBe('99.9999');
    expect(captureDomainError(() => checkedTaxPercent(d('Infinity'), 'rate')).field).toBe('rate');
  });
});
