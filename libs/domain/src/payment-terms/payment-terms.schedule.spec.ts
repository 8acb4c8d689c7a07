import { DomainErrorCode } from '../errors/domain-error';
import { parsePaymentTerms } from './payment-terms.parser';
import { discountDeadline, discountTerms, dueDate } from './payment-terms.schedule';
import { captureDomainError } from '../testing/domain-error.capture';

const due = (code: string, invoiceDate: string) => dueDate(parsePaymentTerms(code), invoiceDate);
const deadline = (code: string, invoiceDate: string) =>
  discountDeadline(parsePaymentTerms(code), invoiceDate);

describe('dueDate', () => {
  it.each([
    ['NET30', '2026-01-15', '2026-02-14'],
    ['NET30', '2026-01-31', '2026-03-02'],
    ['NET30', '2028-01-31', '2028-03-01'],
    ['NET30', '2026-12-15', '2027-01-14'],
    ['NET10', '2026-12-25', '2027-01-04'],
    ['NET60', '2028-01-01', '2028-03-01'],
    ['NET1', '2028-02-28', '2028-02-29'],
    ['NET0', '2026-03-31', '2026-03-31'],
    ['2/10 NET30', '2026-01-15', '2026-02-14'],
    ['1.5/15 NET45', '2026-11-20', '2027-01-04'],
    ['EOM', '2026-01-15', '2026-01-31'],
    ['EOM', '2026-01-31', '2026-01-31'],
    ['EOM', '2026-02-01', '2026-02-28'],
    ['EOM', '2028-02-01', '2028-02-29'],
    ['EOM', '2026-12-01', '2026-12-31'],
    ['NET30 EOM', '2026-01-15', '2026-03-02'],
    ['NET30 EOM', '2028-01-15', '2028-03-01'],
    ['NET30 EOM', '2026-11-03', '2026-12-30'],
    ['NET30 EOM', '2026-12-03', '2027-01-30'],
    ['NET15 EOM', '2026-12-31', '2027-01-15'],
    ['2/10 EOM', '2026-01-15', '2026-03-02'],
    ['2/10 EOM', '2026-12-10', '2027-01-30'],
    ['2/15 NET45 EOM', '2026-04-02', '2026-06-14'],
    ['DUE_ON_RECEIPT', '2026-05-05', '2026-05-05'],
    ['CIA', '2026-05-05', '2026-05-05'],
    ['COD', '2028-02-29', '2028-02-29'],
  ])('%s invoiced %s is due %s', (code, invoiceDate, expected) => {
    expect(due(code, invoiceDate)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '15/01/2026', ''])(
    'rejects the invoice date %p',
    (invoiceDate) => {
      for (const code of ['NET30', 'EOM', 'COD']) {
        expect(captureDomainError(() => due(code, invoiceDate))).toMatchObject({
          code: DomainErrorCode.DATE_INVALID,
          field: 'invoiceDate',
        });
      }
    },
  );
});

describe('discountDeadline', () => {
  it.each([
    ['2/10 NET30', '2026-01-15', '2026-01-25'],
    ['2/10 NET30', '2026-01-25', '2026-02-04'],
    ['2/10 NET30', '2026-02-19', '2026-03-01'],
    ['2/10 NET30', '2028-02-19', '2028-02-29'],
    ['2/10 NET30', '2026-12-28', '2027-01-07'],
    ['1.5/15 NET45', '2026-06-16', '2026-07-01'],
    ['2/10 EOM', '2026-01-15', '2026-02-10'],
    ['2/10 EOM', '2026-12-01', '2027-01-10'],
    ['2/10 EOM', '2028-02-29', '2028-03-10'],
    ['2/0 NET30', '2026-01-15', '2026-01-15'],
  ])('%s invoiced %s: discount until %s', (code, invoiceDate, expected) => {
    expect(deadline(code, invoiceDate)).toBe(expected);
  });

  it.each(['NET30', 'NET0', 'EOM', 'NET30 EOM', 'DUE_ON_RECEIPT', 'CIA', 'COD'])(
    '%s has no discount',
    (code) => {
      expect(deadline(code, '2026-01-15')).toBeNull();
      expect(discountTerms(parsePaymentTerms(code))).toBeNull();
    },
  );

  it('validates the invoice date even without a discount', () => {
    expect(captureDomainError(() => deadline('COD', '2026-02-30'))).toMatchObject({
      code: DomainErrorCode.DATE_INVALID,
    });
  });

  it('exposes the discount of NET and EOM terms', () => {
    expect(discountTerms(parsePaymentTerms('1.5/15 NET45'))?.percent.toString()).toBe('1.5');
    expect(discountTerms(parsePaymentTerms('2/10 EOM'))?.days).toBe(10);
  });
});
