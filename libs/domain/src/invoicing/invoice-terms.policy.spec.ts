import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import { invoiceTerms } from './invoice-terms.policy';

describe('invoiceTerms', () => {
  it.each([
    ['NET30', '2031-03-05', '2031-04-04', null, '0', null, 30],
    ['2/10 net30', '2031-03-05', '2031-04-04', '2031-03-15', '2', 10, 30],
    ['1.5/15 NET45', '2031-12-20', '2032-02-03', '2032-01-04', '1.5', 15, 45],
    ['NET30 EOM', '2031-02-10', '2031-03-30', null, '0', null, 48],
    ['2/10 EOM', '2031-02-10', '2031-03-30', '2031-03-10', '2', 10, 48],
    ['DUE_ON_RECEIPT', '2031-02-10', '2031-02-10', null, '0', null, 0],
    ['COD', '2031-02-10', '2031-02-10', null, '0', null, 0],
  ])('%s issued %s', (code, issued, due, deadline, percent, discountDays, netDays) => {
    const terms = invoiceTerms(code, issued);
    expect(terms.dueDate).toBe(due);
    expect(terms.discountDeadline).toBe(deadline);
    expect(terms.discountPercent.toString()).toBe(percent);
    expect(terms.discountDays).toBe(discountDays);
    expect(terms.netDays).toBe(netDays);
  });

  it('stores the canonical code', () => {
    expect(invoiceTerms('2/10net30', '2031-01-01').paymentTerms).toBe('2/10 NET30');
  });

  it('refuses unknown terms and dates', () => {
    expect(captureDomainError(() => invoiceTerms('NET', '2031-01-01')).code).toBe(
      DomainErrorCode.TERMS_INVALID,
    );
    expect(captureDomainError(() => invoiceTerms('NET30', '2031-02-30')).code).toBe(
      DomainErrorCode.DATE_INVALID,
    );
  });
});
