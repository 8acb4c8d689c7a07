import { readNarrative } from './bai2-narrative.reader';

describe('readNarrative', () => {
  it('reads an ACH company entry', () => {
    const narrative = readNarrative([
      'ORIG CO NAME:ACME HARDWARE ORIG ID:1234567890 DESC DATE:260305 CO ENTRY DESCR:PAYMENT SEC:CCD TRACE#:021000021234567 EED:260305 IND ID:C-10042 IND NAME:ACME HARDWARE INC',
    ]);
    expect(narrative).toMatchObject({
      payerName: 'ACME HARDWARE',
      identifiers: [
        { scheme: 'ach-company-id', value: '1234567890' },
        { scheme: 'ach-individual-id', value: 'C-10042' },
      ],
      aliases: ['ACME HARDWARE INC'],
      paymentReference: '021000021234567',
    });
  });

  it('reads a wire by order of, with its originator-to-beneficiary text', () => {
    expect(readNarrative(['B/O: DELTA PARTS INC OBI: INV 1305 RFB: DP-88231'])).toMatchObject({
      payerName: 'DELTA PARTS INC',
      remittanceText: ['INV 1305', 'DP-88231'],
    });
  });

  it('reads tagged continuation lines and quoted values', () => {
    const narrative = readNarrative([
      'Incoming Wire,From: HARBOR MARINE SUPPLY, Remittance Info: "INV-1 INV-2", Client Ref ID: 991',
      'DBNM: HARBOR MARINE SUPPLY LLC',
      'DACT: 4455667788',
      'DBIC: CITIUS33XXX',
    ]);
    expect(narrative).toMatchObject({
      payerName: 'HARBOR MARINE SUPPLY',
      payerAccount: '4455667788',
      payerBankId: 'CITIUS33XXX',
      paymentReference: '991',
      remittanceText: ['INV-1 INV-2'],
    });
  });

  it('reads X12 RMR segments of a CTX addendum', () => {
    expect(
      readNarrative(['RMR*IV*INV-00001303*PI*500.00\\RMR*CM*CM-7*PI*-25\\']).documents,
    ).toEqual([
      { kind: 'IV', reference: 'INV-00001303', amount: '500.00' },
      { kind: 'CM', reference: 'CM-7', amount: '-25' },
    ]);
  });

  it('keeps untagged text whole', () => {
    expect(readNarrative(['RETURNED CHEQUE', ' ']).remittanceText).toEqual(['RETURNED CHEQUE']);
    expect(readNarrative([])).toMatchObject({ payerName: null, remittanceText: [], documents: [] });
  });
});
