import { Injectable } from '@nestjs/common';
import { AuditTrail, auditImage } from '@o2c/governance';
import type { ParsedRemittanceFile } from '@o2c/integration';
import type { EntityManager } from 'typeorm';

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
  importedBy: string;
  totals: Record<string, unknown>[];
  importReport: Record<string, unknown>;
}

const COLUMNS = `id, format, format_version AS "formatVersion", file_name AS "fileName",
  content_sha256 AS "contentSha256", payload_sha256 AS "payloadSha256",
  identity_key AS "identityKey", sender_id AS "senderId", external_id AS "externalId", status,
  received_at AS "receivedAt", imported_by AS "importedBy", payment_count AS "paymentCount",
  line_count AS "lineCount", totals, import_report AS "importReport",
  application_summary AS "applicationSummary"`;

/**
 * Claims the file's three keys at once. A second import of the same file (its bytes, its own
 * identity, or its payments in a new envelope) inserts nothing; one racing the first waits on
 * the unique indexes until the first commits, then inserts nothing either.
 */
const INSERT_FILE = `
  INSERT INTO remittance_files
    (id, format, format_version, file_name, content_sha256, payload_sha256, identity_key,
     sender_id, external_id, control_total, line_count, payment_count, skipped_count, totals,
     import_report, imported_by, status)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16,
          'received')
  ON CONFLICT DO NOTHING
  RETURNING id`;

const FIND_DUPLICATE = `
  SELECT id, received_at AS "receivedAt",
         CASE WHEN content_sha256 = $1 THEN 'content'
              WHEN identity_key = $2 THEN 'identity' ELSE 'payload' END AS "matchedOn"
    FROM remittance_files
   WHERE content_sha256 = $1 OR identity_key = $2 OR payload_sha256 = $3
   ORDER BY received_at LIMIT 1`;

const MARK_PROCESSED = `
  UPDATE remittance_files SET status = 'processed', application_summary = $2::jsonb,
                              version = version + 1, updated_at = now()
   WHERE id = $1`;

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

  async markProcessed(
    manager: EntityManager,
    id: string,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(MARK_PROCESSED, [id, JSON.stringify(summary)]);
  }

  async find(manager: EntityManager, id: string): Promise<RemittanceFileRow | undefined> {
    const [row] = await manager.query<RemittanceFileRow[]>(
      `SELECT ${COLUMNS} FROM remittance_files WHERE id = $1`,
      [id],
    );
    return row;
  }
}
