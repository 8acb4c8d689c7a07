import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { daysSalesOutstanding } from './days-sales-outstanding.calculator';

const dso = (receivables: string, creditSales: string, periodDays: number) =>
  daysSalesOutstanding({
    receivables: new Decimal(receivables),
    creditSales: new Decimal(creditSales),
    periodDays,
  })?.toString() ?? null;

describe('daysSalesOutstanding = receivables / credit sales x days', () => {
  it.each([
    ['500000', '1500000', 90, '30'],
    ['1250000', '3000000', 91, '37.9'], // 37.916..
    ['100', '300', 30, '10'],
    ['0', '1000', 30, '0'],
    ['-200', '1000', 30, '-6'], // unapplied cash beyond open invoices
    ['1', '3', 1, '0.3'],
    ['2', '3', 1, '0.7'], // 0.666.. half up
  ])('%s / %s x %d -> %s', (receivables, sales, days, expected) => {
    expect(dso(receivables, sales, days)).toBe(expected);
  });

  it('is undefined (null) without credit sales', () => {
    expect(dso('1000', '0', 30)).toBeNull();
  });

  it.each([
    [() => dso('1', '-1', 30), 'creditSales'],
    [() => dso('1', '1', 0), 'periodDays'],
    [() => dso('1', '1', 1.5), 'periodDays'],
  ])('rejects bad input naming %s', (action, field) => {
    expect(captureDomainError(action)).toMatchObject({
      code: DomainErrorCode.COLLECTIONS_INVALID_INPUT,
      field,
    });
  });
});
