import { invoiceNumberKeys } from './invoice-reference';
import { referenceLookupKeys } from './reference-lookup.keys';

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
