import { Injectable } from '@nestjs/common';
import { type AccountScope, AuditTrail, auditImage } from '@o2c/governance';
import type { ParsedRemittanceFile } from '@o2c/integration';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../ledger/query-rows';

export interface RemittanceFileRow {
  id: string;
  format: string;
  formatVersion: string | null;
  fileName: string;
  contentSha256: string;
  payloadSha256: string | null;
  identityKey: string | null;
  senderId: string | null;
  externalId: string | null;
  status: string;
  receivedAt: Date;
  importedBy: string | null;
  paymentCount: number;
  lineCount: number | null;
  totals: Record<string, unknown>[];
  importReport: Record<string, unknown>;
  applicationSummary: Record<string, unknown>;
  resumeAttempts: number;
  lastResumeError: string | null;
  parkedAt: Date | null;
}

/** A stopped file the resumer now holds, and which of its attempts this is (1 for the first). */
export interface ClaimedFile {
  id: string;
  attempt: number;
  /** What the attempt before reported, if it failed. */
  lastError: string | null;
}

/** An advice of the file for money recorded before it: joined to that payment, not recorded. */
export interface MatchedAdvice {
  /** Its remittance's place in the file (1 for the first). */
  position: number;
  sourceLocation: string;
  paymentId: string;
}

/** A file as its recording needs it. */
export interface FileRecording {
  format: string;
  fileName: string;
  content: Buffer | null;
  accountScope: AccountScope;
  receivedAt: Date;
  importReport: Record<string, unknown>;
  recordedAt: Date | null;
}

export interface DuplicateFile {
  id: string;
  receivedAt: Date;
  matchedOn: 'content' | 'identity' | 'payload';
}

export interface NewFile {
  id: string;
  fileName: string;
  parsed: ParsedRemittanceFile;
  /** The bytes as received, kept until the file is recorded whole (and after, for reference). */
  content: Buffer;
  /** Whose accounts the importer may post for: payers identified later see the same. */
  accountScope: AccountScope;
  importedBy: string;
  totals: Record<string, unknown>[];
  importReport: Record<string, unknown>;
}

const COLUMNS = `id, format, format_version AS "formatVersion", file_name AS "fileName",
  content_sha256 AS "contentSha256", payload_sha256 AS "payloadSha256",
  identity_key AS "identityKey", sender_id AS "senderId", external_id AS "externalId", status,
  received_at AS "receivedAt", imported_by AS "importedBy", payment_count AS "paymentCount",
  line_count AS "lineCount", totals, import_report AS "importReport",
  application_summary AS "applicationSummary", resume_attempts AS "resumeAttempts",
  last_resume_error AS "lastResumeError", parked_at AS "parkedAt"`;

/**
 * Claims the file's three keys at once. A second import of the same file (its bytes, its own
 * identity, or its payments in a new envelope) inserts nothing; one racing the first waits on
 * the unique indexes until the first commits, then inserts nothing either.
 */
const INSERT_FILE = `
  INSERT INTO remittance_files
    (id, format, format_version, file_name, content_sha256, payload_sha256, identity_key,
     sender_id, external_id, control_total, line_count, payment_count, skipped_count, totals,
     import_report, imported_by, status, application_heartbeat_at, content, account_scope)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16,
          'received', now(), $17, $18::uuid[])
  ON CONFLICT DO NOTHING
  RETURNING id`;

const FIND_DUPLICATE = `
  SELECT id, received_at AS "receivedAt",
         CASE WHEN content_sha256 = $1 THEN 'content'
              WHEN identity_key = $2 THEN 'identity' ELSE 'payload' END AS "matchedOn"
    FROM remittance_files
   WHERE content_sha256 = $1 OR identity_key = $2 OR payload_sha256 = $3
   ORDER BY received_at LIMIT 1`;

/** Only a file recorded whole: one whose recording stopped stays for the resumer. */
const MARK_PROCESSED = `
  UPDATE remittance_files SET status = 'processed', application_summary = $2::jsonb,
                              version = version + 1, updated_at = now()
   WHERE id = $1 AND recorded_at IS NOT NULL
  RETURNING id`;

/** Every payment of the file is recorded: what is left is applying their cash. */
const MARK_RECORDED = `
  UPDATE remittance_files SET recorded_at = now() WHERE id = $1 AND recorded_at IS NULL`;

/**
 * What finishing a stopped recording needs: the bytes, how they were read, for whom. Locked:
 * a second finisher waits, then sees the advices the first joined and the payments it recorded.
 */
const RECORDING = `
  SELECT format, file_name AS "fileName", content, account_scope AS "accountScope",
         received_at AS "receivedAt", import_report AS "importReport",
         recorded_at AS "recordedAt"
    FROM remittance_files WHERE id = $1 FOR UPDATE`;

/** Advices matched to earlier payments when a stopped recording was finished, added to the
 *  import report's list (which the resumer's re-application reads). */
const ADD_MATCHED = `
  UPDATE remittance_files
     SET import_report = jsonb_set(import_report, '{matchedExisting}',
                                   COALESCE(import_report -> 'matchedExisting', '[]') || $2::jsonb)
   WHERE id = $1`;

/** Where in the file the payments recorded so far stand (their remittance's position). */
const RECORDED_POSITIONS = `
  SELECT source_position AS position FROM payments WHERE source_file_id = $1`;

/** The lease renewed: not a change of the file (no version, no audit row). */
const HEARTBEAT = `
  UPDATE remittance_files SET application_heartbeat_at = now()
   WHERE id = $1 AND status = 'received'`;

/**
 * One file whose application stopped (its lease older than $1 seconds, or never taken), leased
 * to the caller in the same statement, its attempt counted. SKIP LOCKED: a gateway claiming at
 * the same moment takes another file or none, never this one; the outer WHERE checks again
 * what the inner one chose. A parked file is never taken.
 */
const CLAIM_STOPPED = `
  UPDATE remittance_files SET application_heartbeat_at = now(),
                              resume_attempts = resume_attempts + 1
   WHERE id = (
           SELECT id FROM remittance_files
            WHERE status = 'received' AND parked_at IS NULL
              AND (application_heartbeat_at IS NULL
                   OR application_heartbeat_at < now() - make_interval(secs => $1))
            ORDER BY application_heartbeat_at NULLS FIRST, received_at
            LIMIT 1 FOR UPDATE SKIP LOCKED)
     AND status = 'received' AND parked_at IS NULL
     AND (application_heartbeat_at IS NULL
          OR application_heartbeat_at < now() - make_interval(secs => $1))
  RETURNING id, resume_attempts AS attempt, last_resume_error AS "lastError"`;

/** The file's own payments, in the file's order, as the batches need them. */
const FILE_PAYMENTS = `
  SELECT id, customer_id AS "customerId" FROM payments
   WHERE source_file_id = $1 ORDER BY source_position`;

/**
 * Payments recorded before the file that its advices explained (importReport.matchedExisting)
 * and whose cash still waits: the import ran them again with their new lines.
 */
const MATCHED_IN_REVIEW = `
  SELECT DISTINCT p.id FROM remittance_files f
   CROSS JOIN LATERAL jsonb_array_elements(COALESCE(f.import_report -> 'matchedExisting', '[]'))
     AS m(entry)
    JOIN payments p ON p.id = (m.entry ->> 'paymentId')::uuid
   WHERE f.id = $1 AND p.unapplied > p.on_account AND p.status <> 'reversed'`;

@Injectable()
export class RemittanceFileRepository {
  constructor(private readonly audit: AuditTrail) {}

  /** The new file's id, or undefined when the file was imported before. */
  async claim(manager: EntityManager, file: NewFile): Promise<string | undefined> {
    const { parsed } = file;
    const lines = parsed.remittances.reduce((sum, remittance) => sum + remittance.lines.length, 0);
    const single = file.totals.length === 1 ? (file.totals[0]?.amount as string) : null;
    const values = [
      file.id,
      parsed.format,
      parsed.formatVersion,
      file.fileName,
      parsed.contentSha256,
      // A file without payments has nothing to hash: it must not block the next empty one.
      parsed.remittances.length > 0 ? parsed.payloadSha256 : null,
      parsed.identity.key,
      parsed.identity.senderId,
      parsed.identity.fileId,
      single,
      lines,
      parsed.remittances.length,
      parsed.skipped.length,
      JSON.stringify(file.totals),
      JSON.stringify(file.importReport),
      file.importedBy,
      file.content,
      file.accountScope === 'all' ? null : [...file.accountScope],
    ];
    const rows = await manager.query<{ id: string }[]>(INSERT_FILE, values);
    if (rows.length === 0) return undefined;
    await this.audit.record(manager, {
      objectType: 'remittance_files',
      objectId: file.id,
      before: null,
      after: auditImage({
        id: file.id,
        format: parsed.format,
        fileName: file.fileName,
        contentSha256: parsed.contentSha256,
        identityKey: parsed.identity.key,
        paymentCount: parsed.remittances.length,
        lineCount: lines,
        status: 'received',
      }),
    });
    return file.id;
  }

  async duplicateOf(
    manager: EntityManager,
    parsed: ParsedRemittanceFile,
  ): Promise<DuplicateFile | undefined> {
    const [row] = await manager.query<DuplicateFile[]>(FIND_DUPLICATE, [
      parsed.contentSha256,
      parsed.identity.key,
      parsed.remittances.length > 0 ? parsed.payloadSha256 : null,
    ]);
    return row;
  }

  /** True when the file is now processed (false: its recording is not finished). */
  async markProcessed(
    manager: EntityManager,
    id: string,
    summary: Record<string, unknown>,
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(manager, MARK_PROCESSED, [
      id,
      JSON.stringify(summary),
    ]);
    return rows.length > 0;
  }

  async markRecorded(manager: EntityManager, id: string): Promise<void> {
    await manager.query(MARK_RECORDED, [id]);
  }

  async recording(manager: EntityManager, id: string): Promise<FileRecording | undefined> {
    const [row] = await manager.query<
      (Omit<FileRecording, 'accountScope'> & { accountScope: string[] | null })[]
    >(RECORDING, [id]);
    if (row === undefined) return undefined;
    return { ...row, accountScope: row.accountScope ?? 'all' };
  }

  async addMatchedAdvices(
    manager: EntityManager,
    id: string,
    advices: readonly MatchedAdvice[],
  ): Promise<void> {
    if (advices.length === 0) return;
    await manager.query(ADD_MATCHED, [id, JSON.stringify(advices)]);
  }

  /** Positions in the file of the remittances already recorded as payments. */
  async recordedPositions(manager: EntityManager, id: string): Promise<Set<number>> {
    const rows = await manager.query<{ position: number | null }[]>(RECORDED_POSITIONS, [id]);
    return new Set(rows.flatMap((row) => (row.position === null ? [] : [row.position])));
  }

  /** Renews the file's lease while its payments are recorded and their cash applied. */
  async heartbeat(manager: EntityManager, id: string): Promise<void> {
    await manager.query(HEARTBEAT, [id]);
  }

  /** A `received` file whose lease ran out, now leased to the caller; undefined when none. */
  async claimStopped(
    manager: EntityManager,
    leaseSeconds: number,
  ): Promise<ClaimedFile | undefined> {
    const [row] = await queryRows<ClaimedFile>(manager, CLAIM_STOPPED, [leaseSeconds]);
    return row;
  }

  async payments(
    manager: EntityManager,
    id: string,
  ): Promise<{ id: string; customerId: string | null }[]> {
    return manager.query<{ id: string; customerId: string | null }[]>(FILE_PAYMENTS, [id]);
  }

  async matchedInReview(manager: EntityManager, id: string): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(MATCHED_IN_REVIEW, [id]);
    return rows.map((row) => row.id);
  }

  async find(manager: EntityManager, id: string): Promise<RemittanceFileRow | undefined> {
    const [row] = await manager.query<RemittanceFileRow[]>(
      `SELECT ${COLUMNS} FROM remittance_files WHERE id = $1`,
      [id],
    );
    return row;
  }
}
