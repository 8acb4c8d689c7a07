import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { parseRemittanceFile } from '../remittance-file.parser';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/bai2', name), 'utf8');
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

describe('BAI2 files', () => {
  it('Maple Bank (CAD, signed summaries, value-dated funds, 88 continuing the fields)', () => {
    const file = parse(fixture('maple-bank.cad.bai2'));
    expect(file.format).toBe('bai2');
    expect(
      file.remittances.map((r) => [r.amount, r.currency, r.method, r.valueDate, r.transactionCode]),
    ).toEqual([
      ['1180.50', 'CAD', 'check', '2026-03-06', '175'],
      ['1000.00', 'CAD', 'ach', '2026-03-05', '142'],
      ['160.00', 'CAD', 'wire', '2026-03-05', '195'],
    ]);
    const [check, ach, wire] = file.remittances;
    expect(check).toMatchObject({
      bankReference: 'MB0305-001',
      paymentReference: 'CHQ 20441',
      freeText: ['CHQ 20441', 'KOOTENAY TOOL RENTALS INV 1261'],
      receivingAccount: { number: '4021557788', bankId: 'MAPLECA' },
    });
    expect(ach.payer).toEqual({
      name: 'PRAIRIE MILLWORKS',
      account: null,
      identifiers: [
        { scheme: 'ach-company-id', value: '8123456789' },
        { scheme: 'ach-individual-id', value: 'C-20077' },
      ],
      aliases: ['PRAIRIE MILLWORKS LTD'],
    });
    expect(wire.payer.name).toBe('LAKESHORE MARINE SUPPLY');
    expect(wire.freeText).toEqual(['FT26064001', 'INVOICE 1263']);
    expect(file.identity).toMatchObject({
      senderId: 'MAPLECA',
      receiverId: 'ODIS01',
      fileId: '0306A',
      createdAt: '2026-03-06T06:15',
    });
  });

  it('First National lockbox file: two groups, 88 continuations, S and D availability, CTX addenda', () => {
    const file = parse(fixture('first-national.lockbox.bai2'));
    expect(file.remittances.map((r) => [r.amount, r.currency, r.method])).toEqual([
      ['10000.00', 'USD', 'lockbox'],
      ['915.00', 'USD', 'ach'],
      ['7600.00', 'USD', 'wire'],
      ['875.00', 'CAD', 'ach'],
    ]);
    const [lockbox, ctx, wire] = file.remittances;
    expect(lockbox.freeText).toEqual([
      'CHK 55012',
      'LOCKBOX 77 REMITTER GRANITE STATE TOOL CO INV 1301 1302',
    ]);
    expect(ctx.lines.map((line) => [line.reference, line.amountPaid])).toEqual([
      ['INV-00001303', '500.00'],
      ['INV-00001304', '415.00'],
    ]);
    expect(ctx).toMatchObject({
      paymentReference: '021000021234567',
      payer: { name: 'ACME HARDWARE', aliases: ['ACME HARDWARE INC'] },
    });
    expect(wire).toMatchObject({
      payer: { name: 'DELTA PARTS INC' },
      freeText: ['INV 1305', 'DP-88231'],
    });
    expect(file.skipped.map((entry) => [entry.reason, entry.amount, entry.description])).toEqual([
      ['debit', '250.00', 'Type code 475: a debit'],
      ['debit', '18000.00', 'Type code 699: a debit'],
      ['not-a-customer-receipt', '1500.00', 'Type code 275: a zero-balance account sweep'],
    ]);
    expect(
      file.controlTotals.filter((control) => control.name.includes('control total')),
    ).toHaveLength(3 + 2 + 1);
  });

  it('Gulf Bank: records one per line without "/", tagged continuation lines', () => {
    const file = parse(fixture('gulf-bank.newline.bai2'));
    const [wire, ach] = file.remittances;
    expect(wire).toMatchObject({
      amount: '12500.00',
      paymentReference: '20260306000991',
      payer: {
        name: 'HARBOR MARINE SUPPLY',
        account: { iban: null, number: '4455667788', bankId: '026009593' },
      },
      freeText: ['20260306000991', 'INV-00001311 INV-00001312'],
    });
    expect(ach).toMatchObject({ amount: '2950.00', payer: { name: 'HILLVIEW SUPPLY' } });
    expect(ach.freeText).toEqual(['HVS-0306', '00001313']);
  });

  it('Harbor Bank: several records on one line', () => {
    const file = parse(fixture('harbor-bank.packed.bai2'));
    expect(file.remittances.map((r) => [r.amount, r.freeText])).toEqual([
      ['400.00', ['ACH PPD PAYMENT BOLT NUT SUPPLY INV 1321']],
      ['242.50', ['ACH PPD PAYMENT BOLT NUT SUPPLY INV 1322']],
    ]);
    expect(
      file.controlTotals.map((control) => `${control.scope}: ${control.name} ${control.declared}`),
    ).toEqual([
      'file: account control total 228500',
      'file: account record count 4',
      'file: group control total 228500',
      'file: group record count 6',
      'file: file control total 228500',
      'file: file record count 8',
    ]);
  });
});

describe('BAI2: rejected files name the line, record and field', () => {
  const maple = fixture('maple-bank.cad.bai2');
  const harbor = fixture('harbor-bank.packed.bai2');

  it.each([
    [
      'a file that does not start with a file header',
      fixture('bad-first-record.bai2'),
      RemittanceFileErrorCode.MALFORMED,
      { line: 1 },
    ],
    [
      'a wrong group control total',
      fixture('harbor-bank.wrong-group-total.bai2'),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      { line: 3, record: '98', element: 'field 2 (group control total)' },
    ],
    [
      'a wrong account control total',
      maple.replace('49,+000001702150,7/', '49,+000001702151,7/'),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      { line: 9, record: '49', element: 'field 2 (account control total)' },
    ],
    [
      'a wrong account record count',
      maple.replace('49,+000001702150,7/', '49,+000001702150,6/'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { line: 9, record: '49', element: 'field 3 (number of records)' },
    ],
    [
      'a wrong number of accounts',
      maple.replace('98,+000001702150,1,9/', '98,+000001702150,2,9/'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { line: 10, record: '98', element: 'field 3 (number of accounts)' },
    ],
    [
      'a wrong number of groups',
      maple.replace('99,+000001702150,1,11/', '99,+000001702150,3,11/'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { line: 11, record: '99', element: 'field 3 (number of groups)' },
    ],
    [
      'a wrong file record count',
      maple.replace('99,+000001702150,1,11/', '99,+000001702150,1,12/'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      { line: 11, record: '99', element: 'field 4 (number of records)' },
    ],
    [
      'a missing file trailer',
      maple.replace('99,+000001702150,1,11/\n', ''),
      RemittanceFileErrorCode.MISSING_ELEMENT,
      { record: '99' },
    ],
    [
      'records after the file trailer',
      `${maple}02,ODIS01,MAPLECA,1,260305,2359,CAD,2/\n`,
      RemittanceFileErrorCode.STRUCTURE,
      { line: 12, record: '02' },
    ],
    [
      'an account without its trailer',
      maple.replace('49,+000001702150,7/\n', ''),
      RemittanceFileErrorCode.STRUCTURE,
      { line: 9, record: '98' },
    ],
    [
      'a version other than 2',
      maple.replace('0306A,80,1,2/', '0306A,80,1,1/'),
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      { line: 1, record: '01', element: 'field 9 (version number)' },
    ],
    [
      'a negative detail amount',
      harbor.replace('16,142,40000,Z', '16,142,-40000,Z'),
      RemittanceFileErrorCode.NEGATIVE_AMOUNT,
      { line: 2, record: '16', element: 'field 3 (amount)' },
    ],
    [
      'an amount with a decimal point',
      harbor.replace('16,142,40000,Z', '16,142,400.00,Z'),
      RemittanceFileErrorCode.INVALID_VALUE,
      { line: 2, record: '16', element: 'field 3 (amount)' },
    ],
    [
      'an unknown currency',
      maple.replace('03,4021557788,CAD,', '03,4021557788,CAX,'),
      RemittanceFileErrorCode.UNKNOWN_CURRENCY,
      { line: 3, record: '03', element: 'field 3 (currency code)' },
    ],
    [
      'an invalid date',
      maple.replace('V,260306,', 'V,260231,'),
      RemittanceFileErrorCode.INVALID_VALUE,
      { line: 5, record: '16', element: 'field 5 (value date)' },
    ],
    [
      'an unknown funds type',
      harbor.replace('16,142,40000,Z', '16,142,40000,Q'),
      RemittanceFileErrorCode.INVALID_VALUE,
      { line: 2, record: '16', element: 'field 4 (funds type)' },
    ],
    [
      'a continuation with nothing to continue',
      `88,ORPHAN/\n${maple}`,
      RemittanceFileErrorCode.STRUCTURE,
      { line: 1, record: '88' },
    ],
    [
      'a record broken over two lines without an 88',
      maple.replace('KOOTENAY TOOL RENTALS', 'KOOTENAY TOOL\nRENTALS'),
      RemittanceFileErrorCode.MALFORMED,
      { line: 6 },
    ],
  ])('rejects %s', (_name, text, code, location) => {
    const error = rejection(text);
    expect(error.code).toBe(code);
    expect(error.location).toMatchObject(location);
  });
});
