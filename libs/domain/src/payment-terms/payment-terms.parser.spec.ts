import { DomainErrorCode } from '../errors/domain-error';
import { parsePaymentTerms } from './payment-terms.parser';
import type { PaymentTerms } from './payment-terms.types';
import { captureDomainError } from '../testing/domain-error.capture';

/** Plain view of parsed terms, with the Decimal percent as a string, for toEqual. */
function plain(terms: PaymentTerms): Record<string, unknown> {
  if (terms.kind !== 'NET' && terms.kind !== 'EOM') return { ...terms };
  const discount =
    terms.discount === null
      ? null
      : { percent: terms.discount.percent.toString(), days: terms.discount.days };
  return { ...terms, discount };
}

describe('parsePaymentTerms', () => {
  it.each([
    ['NET30', { kind: 'NET', code: 'NET30', netDays: 30, discount: null }],
    ['NET0', { kind: 'NET', code: 'NET0', netDays: 0, discount: null }],
    ['NET 45', { kind: 'NET', code: 'NET45', netDays: 45, discount: null }],
    ['net60', { kind: 'NET', code: 'NET60', netDays: 60, discount: null }],
    ['NET365', { kind: 'NET', code: 'NET365', netDays: 365, discount: null }],
    [
      '2/10 NET30',
      { kind: 'NET', code: '2/10 NET30', netDays: 30, discount: { percent: '2', days: 10 } },
    ],
    [
      '2/10NET30',
      { kind: 'NET', code: '2/10 NET30', netDays: 30, discount: { percent: '2', days: 10 } },
    ],
    [
      '  2/10   net 30 ',
      { kind: 'NET', code: '2/10 NET30', netDays: 30, discount: { percent: '2', days: 10 } },
    ],
    [
      '1.5/15 NET45',
      { kind: 'NET', code: '1.5/15 NET45', netDays: 45, discount: { percent: '1.5', days: 15 } },
    ],
    [
      '1.50/15 NET45',
      { kind: 'NET', code: '1.5/15 NET45', netDays: 45, discount: { percent: '1.5', days: 15 } },
    ],
    [
      '0.75/10 NET10',
      { kind: 'NET', code: '0.75/10 NET10', netDays: 10, discount: { percent: '0.75', days: 10 } },
    ],
    ['EOM', { kind: 'EOM', code: 'EOM', netDays: 0, discount: null }],
    ['NET30 EOM', { kind: 'EOM', code: 'NET30 EOM', netDays: 30, discount: null }],
    ['NET30EOM', { kind: 'EOM', code: 'NET30 EOM', netDays: 30, discount: null }],
    ['NET0 EOM', { kind: 'EOM', code: 'EOM', netDays: 0, discount: null }],
    [
      '2/10 EOM',
      { kind: 'EOM', code: '2/10 EOM', netDays: 30, discount: { percent: '2', days: 10 } },
    ],
    [
      '2/10EOM',
      { kind: 'EOM', code: '2/10 EOM', netDays: 30, discount: { percent: '2', days: 10 } },
    ],
    [
      '2/10 NET30 EOM',
      { kind: 'EOM', code: '2/10 EOM', netDays: 30, discount: { percent: '2', days: 10 } },
    ],
    [
      '2/15 NET45 EOM',
      { kind: 'EOM', code: '2/15 NET45 EOM', netDays: 45, discount: { percent: '2', days: 15 } },
    ],
    ['DUE_ON_RECEIPT', { kind: 'DUE_ON_RECEIPT', code: 'DUE_ON_RECEIPT' }],
    ['due on receipt', { kind: 'DUE_ON_RECEIPT', code: 'DUE_ON_RECEIPT' }],
    ['CIA', { kind: 'CASH_IN_ADVANCE', code: 'CIA' }],
    ['cod', { kind: 'CASH_ON_DELIVERY', code: 'COD' }],
  ])('parses %p', (code, expected) => {
    expect(plain(parsePaymentTerms(code))).toEqual(expected);
  });

  it('round-trips every canonical code', () => {
    for (const code of [
      'NET30',
      '2/10 NET30',
      '1.5/15 NET45',
      'EOM',
      'NET30 EOM',
      '2/10 EOM',
      '2/15 NET45 EOM',
      'DUE_ON_RECEIPT',
      'CIA',
      'COD',
    ]) {
      expect(parsePaymentTerms(code).code).toBe(code);
      expect(plain(parsePaymentTerms(parsePaymentTerms(code).code))).toEqual(
        plain(parsePaymentTerms(code)),
      );
    }
  });

  it('returns frozen terms', () => {
    const terms = parsePaymentTerms('2/10 NET30');
    expect(Object.isFrozen(terms)).toBe(true);
    if (terms.kind === 'NET') expect(Object.isFrozen(terms.discount)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'NET',
    'NET-30',
    'NET30.5',
    'NET 3 0',
    'NET366',
    'NET1000',
    'N30',
    '30',
    'NETT30',
    '2/10',
    '2/10 NET',
    '/10 NET30',
    '2/ NET30',
    '2%/10 NET30',
    '0/10 NET30',
    '0.00/10 NET30',
    '100/10 NET30',
    '2.125/10 NET30',
    '2/40 NET30',
    '2/10 NET5',
    '2/31 EOM',
    '2/10 NET0 EOM',
    'EOM NET30',
    'EOMEOM',
    'CIA COD',
    'DUE',
    'NET30 NET30',
  ])('rejects %p', (code) => {
    expect(
      captureDomainError(() => parsePaymentTerms(code, 'customer.paymentTerms')),
    ).toMatchObject({
      code: DomainErrorCode.TERMS_INVALID,
      field: 'customer.paymentTerms',
    });
  });

  it.each([undefined, null, 30, {}])('rejects the non-string %p', (code) => {
    expect(captureDomainError(() => parsePaymentTerms(code))).toMatchObject({
      code: DomainErrorCode.TERMS_INVALID,
      field: 'paymentTerms',
    });
  });
});
