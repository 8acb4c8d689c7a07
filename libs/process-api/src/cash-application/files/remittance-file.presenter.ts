import { presentMoney } from '@o2c/http';
import type { RemittanceFileRow } from './remittance-file.repository';

export interface RemittanceFileView {
  id: string;
  format: string;
  formatVersion: string | null;
  fileName: string;
  contentSha256: string;
  payloadSha256: string | null;
  identity: { key: string | null; senderId: string | null; fileId: string | null };
  status: string;
  receivedAt: string;
  importedBy: string | null;
  paymentCount: number;
  lineCount: number;
  totals: Record<string, unknown>[];
  controlTotals: unknown[];
  paymentControls: unknown[];
  skipped: unknown[];
  matchedExisting: unknown[];
  application: Record<string, unknown>;
  resumption: ResumptionView;
}

/** The gateway's attempts at finishing an import that stopped part-way. */
export interface ResumptionView {
  attempts: number;
  parked: boolean;
  parkedAt: string | null;
  /** Internal staff only: a database or engine message is no business of a partner's system. */
  lastError?: string | null;
}

/** Who reads the file: internal staff see what the failed attempts reported. */
export interface RemittanceFileAudience {
  internal: boolean;
}

const EMPTY_TALLY = { count: 0, amounts: [] };

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function presentRemittanceFile(
  file: RemittanceFileRow,
  audience: RemittanceFileAudience,
): RemittanceFileView {
  const report = file.importReport;
  const summary = file.applicationSummary;
  return {
    id: file.id,
    format: file.format,
    formatVersion: file.formatVersion,
    fileName: file.fileName,
    contentSha256: file.contentSha256,
    payloadSha256: file.payloadSha256,
    identity: { key: file.identityKey, senderId: file.senderId, fileId: file.externalId },
    status: file.status,
    receivedAt: new Date(file.receivedAt).toISOString(),
    importedBy: file.importedBy,
    paymentCount: file.paymentCount,
    lineCount: file.lineCount ?? 0,
    totals: file.totals,
    controlTotals: list(report.controlTotals),
    // A file imported before payments' figures were counted lists them all in controlTotals.
    paymentControls: list(report.paymentControls),
    skipped: list(report.skipped).map((entry) => {
      const skipped = entry as { amount: string; currency: string } & Record<string, unknown>;
      return {
        sourceLocation: skipped.sourceLocation,
        amount: presentMoney(skipped.amount, skipped.currency),
        reason: skipped.reason,
        description: skipped.description,
      };
    }),
    matchedExisting: list(report.matchedExisting),
    application: {
      payments: summary.payments ?? 0,
      applied: summary.applied ?? EMPTY_TALLY,
      byRule: summary.byRule ?? {},
      onAccount: summary.onAccount ?? EMPTY_TALLY,
      inReview: summary.inReview ?? EMPTY_TALLY,
      unidentified: summary.unidentified ?? EMPTY_TALLY,
      deductions: summary.deductions ?? EMPTY_TALLY,
      elapsedMs: summary.elapsedMs ?? 0,
    },
    resumption: presentResumption(file, audience),
  };
}

function presentResumption(
  file: RemittanceFileRow,
  audience: RemittanceFileAudience,
): ResumptionView {
  const parkedAt = file.parkedAt === null ? null : new Date(file.parkedAt).toISOString();
  const view: ResumptionView = {
    attempts: file.resumeAttempts,
    parked: parkedAt !== null,
    parkedAt,
  };
  if (audience.internal) view.lastError = file.lastResumeError;
  return view;
}
