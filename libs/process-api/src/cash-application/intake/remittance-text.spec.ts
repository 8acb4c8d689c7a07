import { remittanceText } from './remittance-text';

describe('remittanceText', () => {
  it("takes the payer's own accounts and identifiers out of bank narratives", () => {
    expect(
      remittanceText(['ORIG CO NAME:ACME', 'DACT: 7788970713', 'IND ID:C-10042 INV 1301'], {
        accounts: ['7788970713'],
        identifiers: ['C-10042'],
      }),
    ).toEqual(['ORIG CO NAME:ACME', 'DACT:', 'IND ID: INV 1301']);
  });

  it('leaves text alone when the payer quoted nothing, and ignores one- and two-character values', () => {
    expect(remittanceText(['INV 1301'], {})).toEqual(['INV 1301']);
    expect(remittanceText(['INV 1301'], { identifiers: ['13'] })).toEqual(['INV 1301']);
  });
});
