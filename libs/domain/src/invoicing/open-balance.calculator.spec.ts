import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { formatAmount, moneyOf } from '../money/money';
import { captureDomainError } from '../testing/domain-error.capture';
import { openBalance } from './open-balance.calculator';

const usd = (value: string) => moneyOf(new Decimal(value), 'USD');

describe('openBalance', () => {
  it('is total - applied - credited', () => {
    expect(formatAmount(openBalance(usd('415.22'), usd('100'), usd('15.22')))).toBe('300.00');
    expect(formatAmount(openBalance(usd('415.22'), usd('400'), usd('15.22')))).toBe('0.00');
  });

  it('refuses more cash and credit than the total', () => {
    const error = captureDomainError(() => openBalance(usd('10'), usd('5'), usd('5.01')));
    expect(error.code).toBe(DomainErrorCode.INVOICE_NEGATIVE_OPEN_BALANCE);
  });

  it('refuses mixed currencies', () => {
    const error = captureDomainError(() =>
      openBalance(usd('10'), moneyOf(new Decimal(1), 'EUR'), usd('0')),
    );
    expect(error.code).toBe(DomainErrorCode.MONEY_CURRENCY_MISMATCH);
  });
});
