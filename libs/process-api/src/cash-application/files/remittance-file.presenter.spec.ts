import { presentRemittanceFile } from './remittance-file.presenter';
import type { RemittanceFileRow } from './remittance-file.repository';

const PARKED_AT = new Date('2026-11-27T10:15:00.000Z');

function fileRow(overrides: Partial<RemittanceFileRow> = {}): RemittanceFileRow {
  return {
    id: 'f1',
    format: 'bai2',
    formatVersion: '2',
    fileName: 'lockbox.bai',
    contentSha256: 'a'.repeat(64),
    payloadSha256: 'b'.repeat(64),
    identityKey: 'k',
    senderId: 's',
    externalId: 'e',
    status: 'received',
    receivedAt: new Date('2026-11-27T09:00:00.000Z'),
    importedBy: 'client:acme',
    paymentCount: 4,
    lineCount: 4,
    totals: [],
    importReport: {},
    applicationSummary: {},
    resumeAttempts: 0,
    lastResumeError: null,
    parkedAt: null,
    ...overrides,
  };
}

describe('presentRemittanceFile', () => {
  it('shows a file never resumed as such', () => {
    expect(presentRemittanceFile(fileRow(), { internal: true }).resumption).toEqual({
      attempts: 0,
      parked: false,
      parkedAt: null,
      lastError: null,
    });
  });

  it('shows staff a parked file with its attempts and the last error', () => {
    const parked = fileRow({
      resumeAttempts: 5,
      lastResumeError: 'application stopped',
      parkedAt: PARKED_AT,
    });
    expect(presentRemittanceFile(parked, { internal: true }).resumption).toEqual({
      attempts: 5,
      parked: true,
      parkedAt: '2026-11-27T10:15:00.000Z',
      lastError: 'application stopped',
    });
  });

  it('keeps the error text from an account-bound caller, who still sees that the file is parked', () => {
    const parked = fileRow({
      resumeAttempts: 5,
      lastResumeError: 'duplicate key value violates unique constraint',
      parkedAt: PARKED_AT,
    });
    const resumption = presentRemittanceFile(parked, { internal: false }).resumption;
    expect(resumption).toEqual({
      attempts: 5,
      parked: true,
      parkedAt: '2026-11-27T10:15:00.000Z',
    });
    expect('lastError' in resumption).toBe(false);
  });
});
