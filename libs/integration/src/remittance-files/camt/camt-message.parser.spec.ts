import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemittanceFileError, RemittanceFileErrorCode } from '../remittance-file.error';
import { parseRemittanceFile } from '../remittance-file.parser';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/camt', name), 'utf8');
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

describe('camt.054 notifications', () => {
  it('.02 (Northern Bank): an itemised SEPA batch becomes one remittance per transaction', () => {
    const file = parse(fixture('northern-bank.camt054.001.02.xml'));
    expect(file.format).toBe('camt054');
    expect(file.formatVersion).toBe('001.02');
    expect(file.remittances.map((r) => [r.amount, r.currency, r.method, r.payer.name])).toEqual([
      ['2940.00', 'EUR', 'ach', 'Acme Hardware GmbH'],
      ['1960.00', 'EUR', 'ach', 'Bolt & Nut Supply SARL'],
    ]);
    const [acme, bolt] = file.remittances;
    expect(acme).toMatchObject({
      kind: 'bank-credit',
      sourceLocation: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]',
      valueDate: '2026-03-05',
      bookingDate: '2026-03-05',
      bankReference: 'NBK20260305CR0001-1',
      paymentReference: 'ACME-PMT-7781',
      transactionCode: 'PMNT/RCDT/ESCT',
      receivingAccount: { iban: 'DE44500105175407324931', number: null, bankId: 'NBKADEFFXXX' },
      payer: {
        account: { iban: 'DE89370400440532013000', number: null, bankId: 'COBADEFFXXX' },
        identifiers: [{ scheme: 'customer-number', value: 'C-10042' }],
        aliases: ['Acme Tools Midwest'],
      },
    });
    expect(acme.lines).toEqual([
      {
        lineNumber: 1,
        reference: 'INV-00001201',
        referenceKind: 'invoice',
        amountPaid: '2940.00',
        documentAmount: '3000.00',
        discountTaken: '60.00',
        adjustments: [],
        documentDate: '2026-02-27',
        otherReferences: [],
        freeText: null,
      },
    ]);
    expect(bolt.bankReference).toBe('NBK20260305CR0001'); // the entry's, none of its own
    expect(bolt.lines[0]).toMatchObject({
      reference: 'INV-00001202',
      amountPaid: '1960.00',
      adjustments: [
        {
          amount: '40.00',
          reasonCode: '04',
          reasonCodeList: null,
          description: '2 cartons damaged',
        },
      ],
    });
    expect(bolt.freeText).toEqual(['Your ref PO 5566']);
    expect(file.skipped).toEqual([
      expect.objectContaining({ reason: 'debit', amount: '12.50', currency: 'EUR' }),
    ]);
  });

  it('.02: checks every control figure it declares', () => {
    const file = parse(fixture('northern-bank.camt054.001.02.xml'));
    expect(file.controlTotals.map((control) => `${control.scope} ${control.name}`)).toEqual([
      'file TtlNtries count',
      'file TtlNtries sum',
      'file TtlCdtNtries count',
      'file TtlCdtNtries sum',
      'file TtlDbtNtries count',
      'file TtlDbtNtries sum',
      'file net entries',
      'payment batch transaction count',
      'payment batch total',
      'payment entry total',
    ]);
    expect(file.controlTotals.every((control) => control.declared === control.computed)).toBe(true);
  });

  it('.04 (Alpine Bank): discount list, creditor reference, pending entry skipped', () => {
    const file = parse(fixture('alpine-bank.camt054.001.04.xml'));
    expect(file.formatVersion).toBe('001.04');
    const [payment] = file.remittances;
    expect(payment).toMatchObject({
      amount: '1250.50',
      currency: 'CHF',
      method: 'wire',
      paymentReference: 'ZWA-20260306-1', // EndToEndId NOTPROVIDED is no reference
      payer: {
        name: 'Zürcher Werkzeug AG',
        identifiers: [{ scheme: 'tax-id', value: 'CHE-123.456.789' }],
        account: { iban: 'CH5604835012345678009', bankId: 'CRESCHZZ80A' },
      },
    });
    expect(payment.lines[0]).toMatchObject({
      reference: '1203',
      amountPaid: '1250.50',
      documentAmount: '1276.00',
      discountTaken: '25.50',
      otherReferences: [{ scheme: 'creditor-reference', value: 'RF18539007547034' }],
    });
    expect(file.skipped).toEqual([
      expect.objectContaining({ reason: 'not-booked', description: 'Status PDNG, not booked' }),
    ]);
  });

  it('.08 (Pacific Commerce Bank): party and status shapes of .08, several documents, reversal', () => {
    const file = parse(fixture('pacific-bank.camt054.001.08.xml'));
    expect(file.formatVersion).toBe('001.08');
    const [keystone, delta] = file.remittances;
    expect(
      keystone.lines.map((line) => [line.reference, line.amountPaid, line.documentDate]),
    ).toEqual([
      ['INV-00001211', '1000.00', '2026-02-05'],
      ['INV-00001212', '2000.00', null],
      ['INV-00001213', '500.00', null],
    ]);
    expect(keystone.payer).toEqual({
      name: 'Keystone Industrial Supply Inc',
      account: { iban: null, number: '000123456789', bankId: '021000021' },
      identifiers: [{ scheme: 'duns', value: '079123456' }],
      aliases: [],
    });
    expect(keystone.method).toBe('ach');
    expect(delta).toMatchObject({
      amount: '1234.56',
      method: 'wire',
      payer: { name: 'Delta Parts Inc', aliases: ['Delta Parts Holding'] },
      freeText: ['PAYMENT INV-00001243 THANK YOU'],
    });
    expect(file.skipped.map((entry) => entry.reason)).toEqual(['debit', 'reversal']);
    expect(file.identity).toMatchObject({
      fileId: 'PCB2026030600042',
      senderId: 'PCBKUS6LXXX',
      receiverId: 'O2C DISTRIBUTION LLC',
      documentIds: ['PCB2026030600042-1'],
      traceNumbers: ['PCB-ACH-0306-000318', 'PCB-WIR-0306-000077', 'PCB-RVS-0306-000002'],
    });
  });
});

describe('camt.053 statements and camt.052 reports', () => {
  it('.02 (Northern Bank): unstructured text, a credit with no remittance, charges skipped', () => {
    const file = parse(fixture('northern-bank.camt053.001.02.xml'));
    expect(file.format).toBe('camt053');
    expect(
      file.remittances.map((r) => [r.amount, r.payer.name, r.freeText, r.lines.length]),
    ).toEqual([
      ['3000.00', 'Nordic Fasteners Oy', ['Invoice 1221 and 1222'], 0],
      ['2000.00', 'Baltic Bearings UAB', [], 0],
    ]);
    expect(file.controlTotals.map((control) => control.name)).toEqual([
      'TtlNtries count',
      'TtlNtries sum',
      'net entries',
    ]);
  });

  it('.04 (Alpine Bank): two statements in two currencies', () => {
    const file = parse(fixture('alpine-bank.camt053.001.04.xml'));
    expect(file.identity.documentIds).toEqual(['ALP053-20260306-CHF', 'ALP053-20260306-EUR']);
    expect(file.remittances.map((r) => [r.amount, r.currency, r.lines[0]?.reference])).toEqual([
      ['640.00', 'CHF', 'INV 0000-1231'],
      ['980.00', 'EUR', 'INV-00001232'],
    ]);
    expect(file.remittances[1].lines[0].discountTaken).toBe('20.00');
  });

  it('.08 (Pacific Commerce Bank): a check deposit with its narrative', () => {
    const file = parse(fixture('pacific-bank.camt053.001.08.xml'));
    expect(file.remittances).toEqual([
      expect.objectContaining({
        amount: '750.00',
        method: 'check',
        valueDate: '2026-03-07',
        freeText: ['CHECK 10443 FROM RIVERSIDE MACHINE WORKS INV 1241'],
      }),
    ]);
    expect(file.skipped[0].reason).toBe('not-booked');
  });

  it('camt.052.001.08 (Pacific Commerce Bank intraday): booking date-time read as its date', () => {
    const file = parse(fixture('pacific-bank.camt052.001.08.xml'));
    expect(file.format).toBe('camt052');
    expect(file.remittances[0]).toMatchObject({
      amount: '415.00',
      bookingDate: '2026-03-06',
      freeText: ['INV00001251'],
      payer: { name: 'SUMMIT HVAC SERVICES' },
    });
  });
});

describe('camt: rejected files name the element that failed', () => {
  const notification = fixture('northern-bank.camt054.001.02.xml');
  const pacific = fixture('pacific-bank.camt054.001.08.xml');

  it.each([
    [
      'a statement message without a statement',
      fixture('missing-statement.camt053.001.02.xml'),
      RemittanceFileErrorCode.MISSING_ELEMENT,
      { path: '/Document/BkToCstmrStmt[1]/Stmt', line: 3 },
    ],
    [
      'XML that is not well-formed',
      notification.replace('</Sts>', '</Status>'),
      RemittanceFileErrorCode.MALFORMED,
      { line: 44 },
    ],
    [
      'a DOCTYPE',
      notification.replace('<Document', '<!DOCTYPE x [<!ENTITY a "b">]>\n<Document'),
      RemittanceFileErrorCode.MALFORMED,
      { line: 2 },
    ],
    [
      'an unsupported version',
      notification.replace('camt.054.001.02', 'camt.054.001.01'),
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      { path: '/Document' },
    ],
    [
      'another ISO 20022 message',
      notification.replace('camt.054.001.02', 'pain.001.001.03'),
      RemittanceFileErrorCode.UNSUPPORTED_VERSION,
      { path: '/Document' },
    ],
    [
      'an unknown currency',
      notification.replace('<Amt Ccy="EUR">4900.00</Amt>', '<Amt Ccy="EUX">4900.00</Amt>'),
      RemittanceFileErrorCode.UNKNOWN_CURRENCY,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/Amt[1]' },
    ],
    [
      'more decimals than the currency has',
      notification.replace('<Amt Ccy="EUR">12.50</Amt>', '<Amt Ccy="EUR">12.505</Amt>'),
      RemittanceFileErrorCode.TOO_MANY_DECIMALS,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[2]/Amt[1]' },
    ],
    [
      'a negative amount',
      notification.replace('<Amt Ccy="EUR">12.50</Amt>', '<Amt Ccy="EUR">-12.50</Amt>'),
      RemittanceFileErrorCode.NEGATIVE_AMOUNT,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[2]/Amt[1]' },
    ],
    [
      'a wrong entry count',
      notification.replace('<NbOfNtries>2</NbOfNtries>', '<NbOfNtries>3</NbOfNtries>'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      {
        path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/TxsSummry[1]/TtlNtries[1]/NbOfNtries[1]',
      },
    ],
    [
      'a wrong control sum',
      notification.replace('<Sum>4912.50</Sum>', '<Sum>4912.40</Sum>'),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/TxsSummry[1]/TtlNtries[1]/Sum[1]' },
    ],
    [
      'a wrong net amount',
      pacific.replace('<Amt>4809.56</Amt>', '<Amt>4859.56</Amt>'),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      {
        path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/TxsSummry[1]/TtlNtries[1]/TtlNetNtry[1]/Amt[1]',
      },
    ],
    [
      'a batch count that differs from its transactions',
      notification.replace('<NbOfTxs>2</NbOfTxs>', '<NbOfTxs>3</NbOfTxs>'),
      RemittanceFileErrorCode.COUNT_MISMATCH,
      {
        path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/NtryDtls[1]/Btch[1]/NbOfTxs[1]',
      },
    ],
    [
      'a batch total that differs from its transactions',
      notification.replace(
        '<TtlAmt Ccy="EUR">4900.00</TtlAmt>',
        '<TtlAmt Ccy="EUR">4901.00</TtlAmt>',
      ),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      {
        path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/NtryDtls[1]/Btch[1]/TtlAmt[1]',
      },
    ],
    [
      'an entry that differs from its itemised transactions',
      notification
        .replace('<Amt Ccy="EUR">1960.00</Amt>', '<Amt Ccy="EUR">1950.00</Amt>')
        .replace('<TtlAmt Ccy="EUR">4900.00</TtlAmt>', '<TtlAmt Ccy="EUR">4890.00</TtlAmt>'),
      RemittanceFileErrorCode.CONTROL_TOTAL_MISMATCH,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/Amt[1]' },
    ],
    [
      'an invalid date',
      notification.replace('<Dt>2026-03-05</Dt>', '<Dt>2026-02-30</Dt>'),
      RemittanceFileErrorCode.INVALID_VALUE,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[1]/BookgDt[1]/Dt[1]' },
    ],
    [
      'a credit/debit indicator that is neither',
      notification.replace(
        '<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>',
        '<CdtDbtInd>DEBIT</CdtDbtInd>\n        <Sts>',
      ),
      RemittanceFileErrorCode.INVALID_VALUE,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[2]/CdtDbtInd[1]' },
    ],
    [
      'an entry without an amount',
      notification.replace('<Amt Ccy="EUR">12.50</Amt>', ''),
      RemittanceFileErrorCode.MISSING_ELEMENT,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/Ntfctn[1]/Ntry[2]/Amt' },
    ],
    [
      'a group header without a message id',
      notification.replace('<MsgId>NBK-054-20260305-0001</MsgId>', ''),
      RemittanceFileErrorCode.MISSING_ELEMENT,
      { path: '/Document/BkToCstmrDbtCdtNtfctn[1]/GrpHdr[1]/MsgId' },
    ],
  ])('rejects %s', (_name, text, code, location) => {
    const error = rejection(text);
    expect(error.code).toBe(code);
    expect(error.location).toMatchObject(location);
    expect(error.message).toContain(error.pointer);
  });

  it('reads "8.850" EUR: the value has two decimals, as ISO 4217 asks', () => {
    const text = notification.replace('<Amt Ccy="EUR">12.50</Amt>', '<Amt Ccy="EUR">12.500</Amt>');
    expect(parse(text).skipped[0].amount).toBe('12.50');
  });

  it('reads namespace-prefixed documents', () => {
    const prefixed = fixture('pacific-bank.camt052.001.08.xml')
      .replace('<Document xmlns="', '<ns2:Document xmlns:ns2="')
      .replace('</Document>', '</ns2:Document>');
    expect(parse(prefixed).remittances).toHaveLength(1);
  });
});
