import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { parseRemittanceFile } from '../remittance-file.parser';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/x12', name), 'utf8');
const parse = (text: string) => parseRemittanceFile(text);

function rejection(text: string): RemittanceFileError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof RemittanceFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('X12 820 remittance advice', () => {
  it('004010 from Acme Hardware: CTX payment, RMR lines with discount, ADX and credit memo', () => {
    const file = parse(fixture('acme-hardware.820.004010.edi'));
    expect(file.format).toBe('x12_820');
    expect(file.formatVersion).toBe('004010');
    const [advice] = file.remittances;
    expect(advice).toMatchObject({
      kind: 'remittance-advice',
      sourceLocation: 'ST 0001',
      amount: '4418.00',
      currency: 'USD',
      valueDate: '2026-03-06',
      method: 'ach',
      paymentReference: '0000451234',
      transactionCode: 'C/ACH/CTX',
      payer: {
        name: 'ACME HARDWARE INC',
        account: { iban: null, number: '1234567890', bankId: '021000021' },
        identifiers: [
          { scheme: 'customer-number', value: 'C-10042' },
          { scheme: 'x12-ref-AP', value: 'C-10042' },
          { scheme: 'originating-company-id', value: '1234567890' },
        ],
        aliases: ['ACME TOOLS MIDWEST'],
      },
      receivingAccount: { number: '9988776655', bankId: '071000013' },
      freeText: ['REF IA V-7781'],
    });
    expect(
      advice.lines.map((line) => [
        line.reference,
        line.referenceKind,
        line.amountPaid,
        line.documentAmount,
        line.discountTaken,
        line.documentDate,
      ]),
    ).toEqual([
      ['INV-00001301', 'invoice', '1500.00', '1500.00', null, '2026-02-10'],
      ['INV-00001302', 'invoice', '1960.00', '2000.00', '40.00', '2026-02-12'],
      ['INV-00001303', 'invoice', '1000.00', '1100.00', null, null],
      ['CM-00000077', 'credit-note', '-42.00', null, null, null],
    ]);
    expect(advice.lines[1].otherReferences).toEqual([
      { scheme: 'purchase-order', value: 'PO-88120' },
    ]);
    expect(advice.lines[2]).toMatchObject({
      adjustments: [
        {
          amount: '100.00',
          reasonCode: '04',
          reasonCodeList: 'X12-426',
          description: 'IV INV-00001303',
        },
      ],
      freeText: '4 UNITS RECEIVED DAMAGED',
    });
    expect(file.controlTotals).toEqual([
      {
        scope: 'payment',
        name: 'BPR02 vs RMR04 + ADX01',
        location: 'segment 4',
        declared: '4418.00',
        computed: '4418.00',
      },
    ]);
    expect(file.identity).toMatchObject({
      senderId: 'ZZ:ACMEHWD',
      receiverId: 'ZZ:O2CDIST',
      fileId: '000004521',
      createdAt: '2026-03-05T16:12',
      documentIds: ['4521'],
      traceNumbers: ['0000451234'],
    });
  });

  it('005010 from Bolt & Nut: other delimiters on one line, two payments, an account-level adjustment', () => {
    const file = parse(fixture('bolt-nut.820.005010.edi'));
    expect(file.formatVersion).toBe('005010');
    expect(
      file.remittances.map((r) => [r.amount, r.currency, r.method, r.paymentReference]),
    ).toEqual([
      ['2750.00', 'USD', 'wire', 'FW20260306BN01'],
      ['750.75', 'CAD', 'check', 'CHK-004417'],
    ]);
    const [wire, check] = file.remittances;
    expect(wire.lines.map((line) => [line.reference, line.referenceKind, line.amountPaid])).toEqual(
      [
        ['COOP-2026-Q1', 'other', '-50.00'],
        ['INV-00001311', 'invoice', '1800.00'],
        ['1312', 'invoice', '1000.00'],
      ],
    );
    expect(wire.lines[0].adjustments).toEqual([
      {
        amount: '50.00',
        reasonCode: '16',
        reasonCodeList: 'X12-426',
        description: 'ZZ COOP-2026-Q1',
      },
    ]);
    expect(wire.lines[1].otherReferences).toEqual([{ scheme: 'entity', value: 'C-10077' }]);
    expect(wire.payer.identifiers[0]).toEqual({ scheme: 'duns', value: '079555123' });
    expect(check.lines[1]).toMatchObject({ discountTaken: '5.11', documentAmount: '255.86' });
    expect(file.identity.traceNumbers).toEqual(['FW20260306BN01', 'CHK-004417']);
  });

  it('reads several interchanges in one file', () => {
    const one = fixture('acme-hardware.820.004010.edi');
    const two = one
      .replace(/000004521/g, '000004522')
      .replace(/\*4521/g, '*4522')
      .replace('0000451234', '0000451235');
    const file = parse(`${one}${two}`);
    expect(file.remittances).toHaveLength(2);
    expect(file.identity.fileId).toBe('000004521+000004522');
  });

  it('skips a zero-amount advice (prenotification)', () => {
    const acme = fixture('acme-hardware.820.004010.edi');
    const envelope = acme.slice(0, acme.indexOf('ST*820'));
    const prenote = [
      'ST*820*0001',
      'BPR*P*0*C*ACH*CCP*01*021000021*DA*1234567890*1234567890**01*071000013*DA*9988776655*20260306',
      'TRN*1*PRENOTE-1*1234567890',
      'N1*PR*ACME HARDWARE INC*91*C-10042',
      'SE*5*0001',
      'GE*1*4521',
      'IEA*1*000004521',
    ].join('~\n');
    const file = parse(`${envelope}${prenote}~\n`);
    expect(file.remittances).toEqual([]);
    expect(file.skipped).toEqual([
      expect.objectContaining({ reason: 'no-payment', amount: '0.00', sourceLocation: 'ST 0001' }),
    ]);
  });
});

describe('X12 820: rejected files name the segment and element', () => {
  const acme = fixture('acme-hardware.820.004010.edi');
  const bolt = fixture('bolt-nut.820.005010.edi');

  it.each([
    [
      'a wrong transaction set segment count',
      fixture('acme-hardware.820.wrong-segment-count.edi'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { line: 25, segment: 25, record: 'SE', element: 'SE01' },
    ],
    [
      'SE02 differing from ST02',
      acme.replace('SE*23*0001', 'SE*23*0002'),
      RemittanceFileErrorCode.CONTROL_NUMBER_MISMATCH,
      { segment: 25, element: 'SE02' },
    ],
    [
      'a wrong transaction set count',
      acme.replace('GE*1*4521', 'GE*2*4521'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { segment: 26, element: 'GE01' },
    ],
    [
      'GE02 differing from GS06',
      acme.replace('GE*1*4521', 'GE*1*4520'),
      RemittanceFileErrorCode.CONTROL_NUMBER_MISMATCH,
      { segment: 26, element: 'GE02' },
    ],
    [
      'a wrong group count',
      acme.replace('IEA*1*000004521', 'IEA*2*000004521'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { segment: 27, element: 'IEA01' },
    ],
    [
      'IEA02 differing from ISA13',
      acme.replace('IEA*1*000004521', 'IEA*1*000004599'),
      RemittanceFileErrorCode.CONTROL_NUMBER_MISMATCH,
      { segment: 27, element: 'IEA02' },
    ],
    [
      'a payment that differs from its documents',
      acme.replace('BPR*C*4418*', 'BPR*C*4419*'),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      { line: 4, segment: 4, record: 'BPR', element: 'BPR02' },
    ],
    [
      'more decimals than the currency has',
      acme.replace('RMR*IV*INV-00001301*PI*1500*1500', 'RMR*IV*INV-00001301*PI*1500.001*1500'),
      RemittanceFileErrorCode.TOO_MANY_DECIMALS,
      { segment: 16, element: 'RMR04' },
    ],
    [
      'yen with decimals',
      bolt.replace('CUR|PR|CAD', 'CUR|PR|JPY'),
      RemittanceFileErrorCode.TOO_MANY_DECIMALS,
      { element: 'BPR02' },
    ],
    [
      'a negative payment',
      acme.replace('BPR*C*4418*', 'BPR*C*-4418*'),
      RemittanceFileErrorCode.NEGATIVE_AMOUNT,
      { element: 'BPR02' },
    ],
    [
      'a negative discount',
      acme.replace('*1960*2000*40', '*1960*2000*-40'),
      RemittanceFileErrorCode.NEGATIVE_AMOUNT,
      { element: 'RMR06' },
    ],
    [
      'an unknown currency',
      acme.replace('CUR*PR*USD', 'CUR*PR*USX'),
      RemittanceFileErrorCode.UNKNOWN_CURRENCY,
      { segment: 6, element: 'CUR02' },
    ],
    [
      'an amount that is not a number',
      acme.replace('RMR*IV*INV-00001301*PI*1500*1500', 'RMR*IV*INV-00001301*PI*15OO*1500'),
      RemittanceFileErrorCode.INVALID_VALUE,
      { element: 'RMR04' },
    ],
    [
      'an invalid date',
      acme.replace('DTM*003*20260210', 'DTM*003*20260230'),
      RemittanceFileErrorCode.INVALID_VALUE,
      { element: 'DTM02' },
    ],
    [
      'a transaction set that is not an 820',
      acme.replace('ST*820*0001', 'ST*810*0001'),
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      { element: 'ST01' },
    ],
    [
      'a functional group that is not a remittance advice',
      acme.replace('GS*RA*', 'GS*IN*'),
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      { element: 'GS01' },
    ],
    [
      'an 820 without BPR',
      acme.replace(/BPR\*[^~]*~\n/, '').replace('SE*23*0001', 'SE*22*0001'),
      RemittanceFileErrorCode.STRUCTURE,
      { record: 'TRN' },
    ],
    [
      'an RMR without its reference',
      acme.replace('RMR*IV*INV-00001301*', 'RMR*IV**'),
      RemittanceFileErrorCode.MISSING_ELEMENT,
      { element: 'RMR02' },
    ],
    [
      'a truncated interchange',
      acme.slice(0, acme.indexOf('GE*')),
      RemittanceFileErrorCode.MISSING_ELEMENT,
      { record: 'GE' },
    ],
    [
      'a truncated ISA',
      'ISA*00*    *00*',
      RemittanceFileErrorCode.MALFORMED,
      { line: 1, record: 'ISA' },
    ],
    [
      'a segment identifier that is not one',
      acme.replace('TRN*1*', 'tr n*1*'),
      RemittanceFileErrorCode.MALFORMED,
      { line: 5, segment: 5 },
    ],
  ])('rejects %s', (_name, text, code, location) => {
    const error = rejection(text);
    expect(error.code).toBe(code);
    expect(error.location).toMatchObject(location);
  });
});
