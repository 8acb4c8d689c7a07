import { Injectable } from '@nestjs/common';
import { type CurrencyCode, Decimal, formatAmount, moneyOf } from '@o2c/domain';
import { AuditTrail, auditImage, currentAuditContext } from '@o2c/governance';
import { INSERT_EVENTS_AND_OUTBOX } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';
import { queryRows } from '../ledger/query-rows';
import {
  REMITTANCE_FILE_OBJECT,
  REMITTANCE_FILE_PARKED,
  REMITTANCE_FILE_UNPARKED,
} from './remittance-file.events';
import { recordParkedFileException, type UnattendedCash } from './remittance-file.parked-exception';

/** Longest error text kept on the file: enough for a database message and its detail. */
const ERROR_TEXT_LIMIT = 2_000;

/** A failed attempt noted: bookkeeping like the lease, not a change of the file (no version). */
const RECORD_FAILURE = `
  UPDATE remittance_files SET last_resume_error = $2
   WHERE id = $1 AND status = 'received' AND parked_at IS NULL`;

/**
 * Parked once: a file processed meanwhile, or parked by another gateway, is left as it is and
 * answers no row, so the event, message and exception-queue entry below are written once per
 * parking.
 */
const PARK = `
  UPDATE remittance_files SET parked_at = now(), last_resume_error = $2,
                              version = version + 1, updated_at = now()
   WHERE id = $1 AND status = 'received' AND parked_at IS NULL
  RETURNING file_name AS "fileName", format, imported_by AS "importedBy",
            received_at AS "receivedAt", resume_attempts AS attempts, parked_at AS "parkedAt"`;

/**
 * A parked file given a new round of attempts: taken first by the next round (no lease), its
 * attempts counted again from 0. Its last error stays until an attempt fails again.
 */
const UNPARK = `
  WITH parked AS (
    SELECT id, parked_at, resume_attempts FROM remittance_files
     WHERE id = $1 AND status = 'received' AND parked_at IS NOT NULL
       FOR UPDATE)
  UPDATE remittance_files f SET parked_at = NULL, resume_attempts = 0,
                                application_heartbeat_at = NULL,
                                version = f.version + 1, updated_at = now()
    FROM parked p
   WHERE f.id = p.id
  RETURNING p.parked_at AS "parkedAt", p.resume_attempts AS attempts`;

/**
 * The file's cash nobody will see otherwise: its payments with cash neither applied, kept on
 * account, nor waiting in a live cash-application task (by currency). One probe of the task
 * index per payment.
 */
const UNATTENDED_CASH = `
  SELECT p.currency, count(*)::int AS payments, sum(p.unapplied - p.on_account)::text AS amount
    FROM payments p
   WHERE p.source_file_id = $1 AND p.status <> 'reversed' AND p.unapplied - p.on_account > 0
     AND (SELECT true FROM tasks t
           WHERE t.subject_type = 'payment' AND t.subject_id = p.id
             AND t.queue = 'cash-application' AND t.status IN ('open', 'claimed')
           LIMIT 1) IS NULL
   GROUP BY p.currency ORDER BY p.currency`;

interface ParkedRow {
  fileName: string;
  format: string;
  importedBy: string | null;
  receivedAt: Date;
  attempts: number;
  parkedAt: Date;
}

/** What unparking found: when the file was parked, after how many attempts. */
export interface UnparkedFile {
  parkedAt: Date;
  attempts: number;
}

/** What a failed attempt left on the file, as the error is kept and reported. */
export function resumeErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > ERROR_TEXT_LIMIT ? `${text.slice(0, ERROR_TEXT_LIMIT - 1)}…` : text;
}

/**
 * What becomes of a remittance file whose resumption failed: the error kept on the file for the
 * next attempt and for whoever reads the file, and once its attempts are spent the file parked,
 * with its process event, outbox message (`remittance_file.parked`) and exception-queue entry in
 * the same transaction. A person unparks it again (POST …/remittance-files/{id}/resume, or a
 * replay of the entry: see RemittanceFileUnparking).
 */
@Injectable()
export class RemittanceFileParking {
  constructor(private readonly audit: AuditTrail) {}

  async recordFailure(manager: EntityManager, fileId: string, error: string): Promise<void> {
    await manager.query(RECORD_FAILURE, [fileId, error]);
  }

  /** True when this call parked the file; false when it was processed or parked meanwhile. */
  async park(
    manager: EntityManager,
    fileId: string,
    error: string,
    actor: CashActor,
  ): Promise<boolean> {
    const [row] = await queryRows<ParkedRow>(manager, PARK, [fileId, error]);
    if (row === undefined) return false;
    const parkedAt = new Date(row.parkedAt).toISOString();
    await this.audit.record(manager, {
      objectType: 'remittance_files',
      objectId: fileId,
      before: auditImage({ id: fileId, status: 'received', parkedAt: null }),
      after: auditImage({
        id: fileId,
        status: 'received',
        parkedAt,
        resumeAttempts: row.attempts,
        lastResumeError: error,
      }),
    });
    const unattended = await this.unattended(manager, fileId);
    const correlationId = currentAuditContext()?.correlationId ?? null;
    const reason = `resumption failed ${row.attempts} times`;
    const data = {
      fileId,
      fileName: row.fileName,
      format: row.format,
      importedBy: row.importedBy,
      receivedAt: new Date(row.receivedAt).toISOString(),
      attempts: row.attempts,
      lastError: error,
      parkedAt,
      unattended,
    };
    const event = {
      objectType: REMITTANCE_FILE_OBJECT,
      objectId: fileId,
      activity: REMITTANCE_FILE_PARKED,
      actor: actor.principal,
      reason,
      data,
      relatedObjects: [],
      correlationId,
    };
    const message = {
      aggregateType: REMITTANCE_FILE_OBJECT,
      aggregateId: fileId,
      eventType: REMITTANCE_FILE_PARKED,
      payload: {
        eventType: REMITTANCE_FILE_PARKED,
        ...data,
        occurredAt: parkedAt,
        actor: actor.principal,
        reason,
      },
      headers: correlationId === null ? {} : { correlationId },
    };
    await manager.query(INSERT_EVENTS_AND_OUTBOX, [
      JSON.stringify([event]),
      JSON.stringify([message]),
    ]);
    await recordParkedFileException(manager, {
      fileId,
      fileName: row.fileName,
      format: row.format,
      attempts: row.attempts,
      parkedAt,
      lastError: error,
      unattended,
    });
    return true;
  }

  private async unattended(manager: EntityManager, fileId: string): Promise<UnattendedCash> {
    const rows = await manager.query<{ currency: string; payments: number; amount: string }[]>(
      UNATTENDED_CASH,
      [fileId],
    );
    return {
      payments: rows.reduce((sum, row) => sum + row.payments, 0),
      amounts: rows.map((row) => ({
        amount: formatAmount(moneyOf(new Decimal(row.amount), row.currency as CurrencyCode)),
        currency: row.currency,
      })),
    };
  }

  /**
   * A person gives a parked file a new round of attempts; audited, and logged in the process
   * event log as `remittance_file.unparked`. Undefined when the file is not parked.
   */
  async unpark(
    manager: EntityManager,
    fileId: string,
    actor: CashActor,
  ): Promise<UnparkedFile | undefined> {
    const [row] = await queryRows<UnparkedFile>(manager, UNPARK, [fileId]);
    if (row === undefined) return undefined;
    const parkedAt = new Date(row.parkedAt).toISOString();
    await this.audit.record(manager, {
      objectType: 'remittance_files',
      objectId: fileId,
      before: auditImage({ id: fileId, parkedAt, resumeAttempts: row.attempts }),
      after: auditImage({ id: fileId, parkedAt: null, resumeAttempts: 0 }),
    });
    const event = {
      objectType: REMITTANCE_FILE_OBJECT,
      objectId: fileId,
      activity: REMITTANCE_FILE_UNPARKED,
      actor: actor.principal,
      reason: 'resumption asked for again',
      data: { fileId, parkedAt, attempts: row.attempts },
      relatedObjects: [],
      correlationId: currentAuditContext()?.correlationId ?? null,
    };
    await manager.query(INSERT_EVENTS_AND_OUTBOX, [JSON.stringify([event]), '[]']);
    return row;
  }
}
