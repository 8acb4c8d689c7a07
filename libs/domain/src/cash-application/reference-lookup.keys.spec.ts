import { invoiceNumberKeys } from './invoice-reference';
import { referenceLookupKeys, seriesNamedBy, uniquelyNamed } from './reference-lookup.keys';

describe('referenceLookupKeys', () => {
  it.each([
    ['INV-00001234', { prefix: 'INV', number: '1234', byNumber: true }],
    ['inv 1234', { prefix: 'INV', number: '1234', byNumber: true }],
    ['00001234', { prefix: '', number: '1234', byNumber: true }],
    ['Invoice No. 1234', { prefix: 'INVOICENO', number: '1234', byNumber: true }],
    ['CM-00000042', { prefix: 'CM', number: '42', byNumber: false }],
    ['PO 1234', { prefix: 'PO', number: '1234', byNumber: false }],
  ])('reads %s', (written, keys) => {
    expect(referenceLookupKeys(written)).toEqual(keys);
  });

  it.each(['', 'no number here', 'INV-0000I234', 'INV 12 A 34', 'A1B2', '1234567890123456789'])(
    'leaves %p to the engine',
    (written) => {
      expect(referenceLookupKeys(written)).toBeNull();
    },
  );

  it('agrees with the keys the engine indexes invoices by', () => {
    const invoice = invoiceNumberKeys('INV-00001234');
    const keys = referenceLookupKeys('inv 0001234');
    expect(`${keys?.prefix}${keys?.number}`).toBe(invoice.exact);
    expect(keys?.number).toBe(invoice.digits);
  });
});

describe('seriesNamedBy', () => {
  const series = ['INV', 'CM', 'Exp'];

  it('names the series the prefix spells, and every series when the reference is a number', () => {
    expect(seriesNamedBy({ prefix: 'CM', byNumber: false }, series)).toEqual([
      { series: 'CM', exact: true },
    ]);
    expect(seriesNamedBy({ prefix: 'EXP', byNumber: false }, series)).toEqual([
      { series: 'Exp', exact: true },
    ]);
    expect(seriesNamedBy({ prefix: 'INV', byNumber: true }, series)).toEqual([
      { series: 'INV', exact: true },
      { series: 'CM', exact: false },
      { series: 'Exp', exact: false },
    ]);
    expect(seriesNamedBy({ prefix: '', byNumber: true }, series)).toEqual([
      { series: 'INV', exact: false },
      { series: 'CM', exact: false },
      { series: 'Exp', exact: false },
    ]);
  });

  it('names no series for another document word', () => {
    expect(seriesNamedBy({ prefix: 'PO', byNumber: false }, series)).toEqual([]);
  });
});

describe('uniquelyNamed', () => {
  it('takes the invoice of the spelled series over the same number elsewhere', () => {
    const found = [
      { invoice: 'INV-1234', exact: true },
      { invoice: 'CM-1234', exact: false },
    ];
    expect(uniquelyNamed(found, true)).toBe('INV-1234');
  });

  it('takes the one invoice with the number when no series is spelled', () => {
    expect(uniquelyNamed([{ invoice: 'CM-1234', exact: false }], true)).toBe('CM-1234');
  });

  it('names none when the number is in several series, or only in series it does not spell', () => {
    const found = [
      { invoice: 'INV-1234', exact: false },
      { invoice: 'CM-1234', exact: false },
    ];
    expect(uniquelyNamed(found, true)).toBeUndefined();
    expect(uniquelyNamed([{ invoice: 'CM-1234', exact: false }], false)).toBeUndefined();
    expect(uniquelyNamed([], true)).toBeUndefined();
  });
});
