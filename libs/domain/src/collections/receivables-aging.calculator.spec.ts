import { Decimal } from '../decimal/decimal';
import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { type AgingItem, type AgingRow, ageReceivables } from './receivables-aging.calculator';

const item = (
  customerId: string,
  dueDate: string,
  balance: string,
  currency = 'USD',
): AgingItem => ({
  customerId,
  currency: currency as 'USD',
  dueDate,
  openBalance: new Decimal(balance),
});

const view = (row: AgingRow) => ({
  customerId: row.customerId,
  currency: row.currency,
  buckets: Object.fromEntries(Object.entries(row.buckets).map(([k, v]) => [k, v.toFixed(2)])),
  total: row.total.toFixed(2),
  overdue: row.overdue.toFixed(2),
  oldestOverdueDays: row.oldestOverdueDays,
  itemCount: row.itemCount,
});

describe('ageReceivables', () => {
  const asOf = '2026-06-30';

  it.each([
    ['2026-07-15', 'current'],
    ['2026-06-30', 'current'], // due today is not late
    ['2026-06-29', '1-30'],
    ['2026-05-31', '1-30'], // 30 days
    ['2026-05-30', '31-60'], // 31 days
    ['2026-05-01', '31-60'], // 60 days
    ['2026-04-30', '61-90'], // 61 days
    ['2026-04-01', '61-90'], // 90 days
    ['2026-03-31', '>90'], // 91 days
  ])('due %s -> %s', (dueDate, bucket) => {
    const [row] = ageReceivables([item('c1', dueDate, '100.00')], asOf).byCustomer;
    expect(row.buckets[bucket as keyof AgingRow['buckets']].toFixed(2)).toBe('100.00');
    expect(row.total.toFixed(2)).toBe('100.00');
  });

  it('per customer and in total, per currency, never adding currencies together', () => {
    const report = ageReceivables(
      [
        item('c2', '2026-07-10', '500.00'),
        item('c1', '2026-06-01', '250.00'),
        item('c1', '2026-03-01', '1000.00'),
        item('c1', '2026-06-20', '-40.00'), // an unapplied credit ages too
        item('c2', '2026-05-15', '300.00', 'EUR'),
        item('c3', '2026-05-15', '0.00'),
      ],
      asOf,
    );
    expect(report.byCustomer.map(view)).toEqual([
      {
        customerId: 'c1',
        currency: 'USD',
        buckets: {
          current: '0.00',
          '1-30': '210.00',
          '31-60': '0.00',
          '61-90': '0.00',
          '>90': '1000.00',
        },
        total: '1210.00',
        overdue: '1210.00',
        oldestOverdueDays: 121,
        itemCount: 3,
      },
      {
        customerId: 'c2',
        currency: 'EUR',
        buckets: {
          current: '0.00',
          '1-30': '0.00',
          '31-60': '300.00',
          '61-90': '0.00',
          '>90': '0.00',
        },
        total: '300.00',
        overdue: '300.00',
        oldestOverdueDays: 46,
        itemCount: 1,
      },
      {
        customerId: 'c2',
        currency: 'USD',
        buckets: {
          current: '500.00',
          '1-30': '0.00',
          '31-60': '0.00',
          '61-90': '0.00',
          '>90': '0.00',
        },
        total: '500.00',
        overdue: '0.00',
        oldestOverdueDays: 0,
        itemCount: 1,
      },
    ]);
    expect(report.totals.map(view)).toEqual([
      expect.objectContaining({ customerId: null, currency: 'EUR', total: '300.00' }),
      expect.objectContaining({
        customerId: null,
        currency: 'USD',
        total: '1710.00',
        overdue: '1210.00',
        oldestOverdueDays: 121,
        itemCount: 4,
      }),
    ]);
  });

  it('is empty for no items', () => {
    expect(ageReceivables([], asOf)).toEqual({ asOf, byCustomer: [], totals: [] });
  });

  it('names the bad input', () => {
    expect(captureDomainError(() => ageReceivables([], '2026-02-30'))).toMatchObject({
      field: 'asOf',
    });
    expect(
      captureDomainError(() => ageReceivables([item('c', '2026-13-01', '1')], asOf)),
    ).toMatchObject({ code: DomainErrorCode.DATE_INVALID, field: 'items[0].dueDate' });
    expect(
      captureDomainError(() => ageReceivables([item('c', '2026-01-01', '1', 'ABC')], asOf)),
    ).toMatchObject({ code: DomainErrorCode.MONEY_UNKNOWN_CURRENCY, field: 'items[0].currency' });
  });
});
