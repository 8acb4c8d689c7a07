import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import type { CurrencyCode } from '../money/currency.table';
import { formatAmount, type Money, moneyOf } from '../money/money';
import { earlyPaymentDiscount } from './early-payment-discount.policy';
import { parsePaymentTerms } from './payment-terms.parser';
import { captureDomainError } from '../testing/domain-error.capture';

const m = (amount: string, currency: CurrencyCode = 'USD'): Money =>
  moneyOf(new Decimal(amount), currency);
const discount = (code: string, total: Money, invoiceDate: string, paymentDate: string) =>
  earlyPaymentDiscount(parsePaymentTerms(code), total, invoiceDate, paymentDate);

describe('earlyPaymentDiscount', () => {
  it.each([
    ['2/10 NET30', '1000.00', '2026-01-15', '2026-01-20', '20.00'],
    ['2/10 NET30', '1000.00', '2026-01-15', '2026-01-25', '20.00'], // last day counts
    ['2/10 NET30', '1000.00', '2026-01-15', '2026-01-26', '0.00'],
    ['2/10 NET30', '1000.00', '2026-01-15', '2026-01-15', '20.00'],
    ['2/10 NET30', '1000.00', '2026-01-15', '2026-01-10', '20.00'], // paid before invoicing
    ['2/10 NET30', '1000.00', '2028-02-19', '2028-02-29', '20.00'], // deadline on leap day
    ['2/10 NET30', '1000.00', '2028-02-19', '2028-03-01', '0.00'],
    ['2/10 NET30', '1000.00', '2026-12-28', '2027-01-07', '20.00'], // across the year end
    ['2/10 NET30', '1000.00', '2026-12-28', '2027-01-08', '0.00'],
    ['1.5/15 NET45', '1234.57', '2026-03-01', '2026-03-16', '18.52'], // 18.51855 rounds up
    ['1.5/15 NET45', '0.33', '2026-03-01', '2026-03-02', '0.00'], // 0.00495 rounds down
    ['1.5/15 NET45', '0.34', '2026-03-01', '2026-03-02', '0.01'], // 0.0051 rounds up
    ['2/10 NET30', '0.25', '2026-03-01', '2026-03-02', '0.01'], // exactly 0.005: half away from zero
    ['2/10 EOM', '500.00', '2026-01-15', '2026-02-10', '10.00'],
    ['2/10 EOM', '500.00', '2026-01-15', '2026-02-11', '0.00'],
    ['2/10 EOM', '500.00', '2026-12-20', '2027-01-10', '10.00'],
    ['NET30', '1000.00', '2026-01-15', '2026-01-16', '0.00'],
    ['EOM', '1000.00', '2026-01-15', '2026-01-16', '0.00'],
    ['COD', '1000.00', '2026-01-15', '2026-01-15', '0.00'],
    ['2/10 NET30', '0.00', '2026-01-15', '2026-01-16', '0.00'],
  ])('%s on %s invoiced %s, paid %s -> %s', (code, total, invoiceDate, paymentDate, expected) => {
    expect(formatAmount(discount(code, m(total), invoiceDate, paymentDate))).toBe(expected);
  });

  it('rounds to the currency of the invoice', () => {
    const jpy = discount('1.5/15 NET45', m('12345', 'JPY'), '2026-01-01', '2026-01-02');
    expect(jpy.currency).toBe('JPY');
    expect(jpy.amount.toString()).toBe('185'); // 185.175
    const kwd = discount('2/10 NET30', m('10.125', 'KWD'), '2026-01-01', '2026-01-02');
    expect(kwd.amount.toString()).toBe('0.203'); // 0.2025
    expect(discount('NET30', m('1', 'EUR'), '2026-01-01', '2026-01-02').currency).toBe('EUR');
  });

  it('rejects a negative invoice total', () => {
    expect(
      captureDomainError(() => discount('2/10 NET30', m('-1.00'), '2026-01-01', '2026-01-02')),
    ).toMatchObject({
      code: DomainErrorCode.MONEY_NEGATIVE_AMOUNT,
      field: 'invoiceTotal',
    });
  });

  it('rejects invalid dates naming the field', () => {
    expect(
      captureDomainError(() => discount('2/10 NET30', m('1'), '2026-02-30', '2026-03-01')),
    ).toMatchObject({ code: DomainErrorCode.DATE_INVALID, field: 'invoiceDate' });
    expect(
      captureDomainError(() => discount('2/10 NET30', m('1'), '2026-02-01', '2026-02-29')),
    ).toMatchObject({ code: DomainErrorCode.DATE_INVALID, field: 'paymentDate' });
    expect(
      captureDomainError(() => discount('NET30', m('1'), '2026-02-01', 'tomorrow')),
    ).toMatchObject({ field: 'paymentDate' });
  });
});
