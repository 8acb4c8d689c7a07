import fc from 'fast-check';
import {
  compactReference,
  invoiceNumberKeys,
  readReference,
  referencesInText,
  scannedKeys,
} from './invoice-reference';

describe('invoiceNumberKeys', () => {
  it.each([
    ['INV-00001234', 'INV1234', '1234'],
    ['inv 0000 1234', 'INV1234', '1234'],
    ['EU-2026-000017', 'EU2026000017', '2026000017'],
    ['00000000', '0', '0'],
    ['A12B034', 'A12B34', null],
  ])('%p -> exact %p, digits %p', (number, exact, digits) => {
    expect(invoiceNumberKeys(number)).toEqual({ exact, digits });
  });
});

describe('invoiceNumberKeys agrees with its definition', () => {
  it('exact = compacted without leading zeros; digits = the number after a letter prefix', () => {
    const text = fc.string({
      unit: fc.constantFrom('0', '1', '7', 'a', 'B', '-', ' ', '/'),
      maxLength: 14,
    });
    fc.assert(
      fc.property(text, (number) => {
        const compact = compactReference(number);
        const parts = /^([A-Z]*)(\d+)$/.exec(compact);
        const strip = (digits: string) => digits.replace(/^0+(?=\d)/, '');
        expect(invoiceNumberKeys(number)).toEqual({
          exact: compact.replace(/(^|[A-Z])0+(?=\d)/g, '$1'),
          digits: parts === null ? null : strip(parts[2]),
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('invoiceNumberKeys of the usual shape', () => {
  it('are the keys the character scan gives', () => {
    const number = fc
      .tuple(
        fc.string({ unit: fc.constantFrom('A', 'B', 'I', 'N', 'V', 'Z'), maxLength: 4 }),
        fc.string({ unit: fc.constantFrom('-', ' ', '/', '#', 'é'), maxLength: 2 }),
        fc.string({ unit: fc.constantFrom('0', '0', '1', '7', '9'), maxLength: 10 }),
        fc.string({ unit: fc.constantFrom('', '', '', 'a', '-', '1', 'B'), maxLength: 1 }),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(number, (written) => {
        expect(invoiceNumberKeys(written)).toEqual(scannedKeys(written));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compactReference', () => {
  it('keeps letters and digits only, upper case', () => {
    expect(compactReference(' inv-0000/12.34 ')).toBe('INV00001234');
  });
});

describe('readReference', () => {
  it.each([
    ['INV-00001234', 'INV1234', '1234', null],
    ['1234', '1234', '1234', null],
    ['Invoice 1234', 'INVOICE1234', '1234', null],
    ['INVOICE NO. 00001234', 'INVOICENO1234', '1234', null],
    ['#1234', '1234', '1234', null],
    // A number after another word is not one of our invoice numbers.
    ['PO 1234', 'PO1234', null, null],
    ['ORDER-1234', 'ORDER1234', null, null],
    // OCR look-alikes are repaired into a separate, fuzzy key.
    ['INV-0000I234', 'INV0I234', null, '1234'],
    ['INV-O0001234', 'INVO1234', null, '1234'],
    ['1NV-00001234', '1NV1234', null, '1234'],
    ['LNV-00001234', 'LNV1234', null, '1234'],
    ['INV00B1234', 'INV0B1234', null, '81234'],
  ])('%p -> exact %p, digits %p, ocr %p', (written, exact, digits, ocrDigits) => {
    expect(readReference(written)).toEqual({ written, exact, digits, ocrDigits });
  });

  it.each(['', '   ', '---', 'THANK YOU'])('finds nothing in %p', (written) => {
    expect(readReference(written)).toBeNull();
  });

  it('does not repair a word with too few real digits', () => {
    expect(readReference('SOLD')?.ocrDigits ?? null).toBeNull();
    expect(readReference('INV-OOIS')).toBeNull();
  });
});

describe('referencesInText', () => {
  it.each([
    ['Pmt inv 1234/1235, INV-00001236 and 12.50', ['INV 1234', '1235', 'INV-00001236']],
    ['Invoice No. 1001 + 1002 & 1003', ['INVOICE NO. 1001', '1002', '1003']],
    ['INVOICES: 4455; 4456', ['INVOICES: 4455', '4456']],
    ['paid 2026-03-01 as agreed 08/18/23', []],
    ['ACH CREDIT 1,250.00 REF 0000I777', ['0000I777']],
    ['OUR REF PO-99881 INV 77', ['PO-99881']],
    ['', []],
  ])('%p -> %p', (text, expected) => {
    expect(referencesInText(text)).toEqual(expected);
  });

  it('stops after 50 candidates, whatever the text length', () => {
    const text = Array.from({ length: 500 }, (_, index) => String(10_000 + index)).join(' ');
    expect(referencesInText(text)).toHaveLength(50);
  });
});
