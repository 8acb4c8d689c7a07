import { Injectable } from '@nestjs/common';
import {
  preparedStatement,
  queryPrepared,
  type StatementBatch,
  timeOrderedId,
} from '@o2c/persistence';
import type { EntityManager, QueryRunner } from 'typeorm';
import { currentAuditContext } from './audit-context';
import { type AuditImage, type CanonicalImage, canonicalImage } from './audit-image';

/** One changed record: before is null for a creation, after is null for a removal. */
export interface AuditedChange {
  /** The table the record lives in, e.g. 'customers', 'inventory_balances'. */
  objectType: string;
  /** Its primary key; null when a bulk statement changed rows it cannot name. */
  objectId: string | null;
  before: AuditImage | null;
  after: AuditImage | null;
}

/** A change whose images are canonical JSON with their digests already. */
export interface CanonicalChange {
  objectType: string;
  objectId: string | null;
  before: CanonicalImage | null;
  after: CanonicalImage | null;
}

const INSERT_AUDIT_ROW = `INSERT INTO audit_log
  (principal, principal_type, operation, object_type, object_id,
   before_digest, after_digest, before, after, correlation_id, id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`;

/** Rows as one JSON document ([[principal, ..., before, after, correlationId, id], ...]): the
 *  images travel as the JSON they are, not as escaped text inside arrays. Ids are time-ordered
 *  (timeOrderedId): the log's key index grows at its right edge. */
const INSERT_AUDIT_ROWS = preparedStatement(
  'insert-audit-rows',
  `INSERT INTO audit_log
  (principal, principal_type, operation, object_type, object_id,
   before_digest, after_digest, before, after, correlation_id, id)
  SELECT r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6,
         NULLIF(r->7, 'null'::jsonb), NULLIF(r->8, 'null'::jsonb), r->>9, (r->>10)::uuid
    FROM jsonb_array_elements($1::jsonb) AS r`,
);

/** An audit row waiting for its transaction's commit: one element of INSERT_AUDIT_ROWS. */
type PendingRow = string;

/**
 * Writes audit rows through the caller's EntityManager, so a row commits or rolls back with the
 * change it describes. The entity subscriber calls it for ORM writes; code that writes with raw
 * SQL (the guarded stock UPDATE, upserts) calls it itself, in the same transaction.
 */
@Injectable()
export class AuditTrail {
  /** Rows of open transactions, written in one statement just before each commits (an order
   *  intake audits ~20 rows: one round trip instead of twenty). */
  private readonly pending = new WeakMap<QueryRunner, PendingRow[]>();

  /** False outside an audited write: callers skip building images nobody will store. */
  isRecording(): boolean {
    return currentAuditContext() !== undefined;
  }

  async record(manager: EntityManager, change: AuditedChange): Promise<void> {
    if (!this.isRecording()) return;
    await this.recordCanonical(manager, {
      objectType: change.objectType,
      objectId: change.objectId,
      before: change.before === null ? null : canonicalImage(change.before),
      after: change.after === null ? null : canonicalImage(change.after),
    });
  }

  /** record() for images already in their canonical form (see RecordImageWriter). */
  async recordCanonical(manager: EntityManager, change: CanonicalChange): Promise<void> {
    const context = currentAuditContext();
    if (!context) return;
    const { before, after } = change;
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const text = (value: string | null) => JSON.stringify(value);
      const row = `[${text(context.principal)},${text(context.principalType)},${text(context.operation)},${text(change.objectType)},${text(change.objectId)},${text(before?.digest ?? null)},${text(after?.digest ?? null)},${before?.json ?? 'null'},${after?.json ?? 'null'},${text(context.correlationId)},"${timeOrderedId()}"]`;
      const rows = this.pending.get(runner) ?? [];
      rows.push(row);
      this.pending.set(runner, rows);
      return;
    }
    await manager.query(INSERT_AUDIT_ROW, [
      context.principal,
      context.principalType,
      context.operation,
      change.objectType,
      change.objectId,
      before?.digest ?? null,
      after?.digest ?? null,
      before?.json ?? null,
      after?.json ?? null,
      context.correlationId,
      timeOrderedId(),
    ]);
  }

  /** Writes the transaction's pending rows; called before it commits (AuditSubscriber). */
  async flush(runner: QueryRunner): Promise<void> {
    const rows = this.pending.get(runner);
    if (!rows || rows.length === 0) return;
    this.pending.delete(runner);
    await queryPrepared(runner.manager, INSERT_AUDIT_ROWS, [`[${rows.join(',')}]`]);
  }

  /** Moves the transaction's pending rows into `batch` (sent by the caller before COMMIT),
   *  so they travel with the caller's last writes. */
  addPendingTo(batch: StatementBatch, runner: QueryRunner | undefined): void {
    const rows = runner && this.pending.get(runner);
    if (!runner || !rows || rows.length === 0) return;
    this.pending.delete(runner);
    batch.add({ text: INSERT_AUDIT_ROWS.text, values: [`[${rows.join(',')}]`] });
  }

  /** A rolled-back transaction leaves no audit rows. */
  discard(runner: QueryRunner): void {
    this.pending.delete(runner);
  }

  /** How many rows the transaction holds so far: where a savepoint begins (see discardSince). */
  pendingMark(runner: QueryRunner | undefined): number {
    return (runner && this.pending.get(runner)?.length) ?? 0;
  }

  /**
   * Work rolled back to a savepoint leaves no audit rows: the rows recorded since `mark` go,
   * the ones recorded before it stay for the commit.
   */
  discardSince(runner: QueryRunner | undefined, mark: number): void {
    const rows = runner && this.pending.get(runner);
    if (rows) rows.length = Math.min(rows.length, mark);
  }
}
