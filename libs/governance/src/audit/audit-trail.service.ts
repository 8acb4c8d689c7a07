import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';
import { currentAuditContext } from './audit-context';
import { auditDigest, type AuditImage } from './audit-image';

/** One changed record: before is null for a creation, after is null for a removal. */
export interface AuditedChange {
  /** The table the record lives in, e.g. 'customers', 'inventory_balances'. */
  objectType: string;
  /** Its primary key; null when a bulk statement changed rows it cannot name. */
  objectId: string | null;
  before: AuditImage | null;
  after: AuditImage | null;
}

const INSERT_AUDIT_ROW = `INSERT INTO audit_log
  (principal, principal_type, operation, object_type, object_id,
   before_digest, after_digest, before, after, correlation_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`;

const INSERT_AUDIT_ROWS = `INSERT INTO audit_log
  (principal, principal_type, operation, object_type, object_id,
   before_digest, after_digest, before, after, correlation_id)
  SELECT principal, principal_type, operation, object_type, object_id,
         before_digest, after_digest, before::jsonb, after::jsonb, correlation_id
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
              $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
    AS row(principal, principal_type, operation, object_type, object_id,
           before_digest, after_digest, before, after, correlation_id)`;

type AuditRow = (string | null)[];

/**
 * Writes audit rows through the caller's EntityManager, so a row commits or rolls back with the
 * change it describes. The entity subscriber calls it for ORM writes; code that writes with raw
 * SQL (the guarded stock UPDATE, upserts) calls it itself, in the same transaction.
 */
@Injectable()
export class AuditTrail {
  /** Rows of open transactions, written in one statement just before each commits (an order
   *  intake audits ~20 rows: one round trip instead of twenty). */
  private readonly pending = new WeakMap<QueryRunner, AuditRow[]>();

  /** False outside an audited write: callers skip building images nobody will store. */
  isRecording(): boolean {
    return currentAuditContext() !== undefined;
  }

  async record(manager: EntityManager, change: AuditedChange): Promise<void> {
    const context = currentAuditContext();
    if (!context) return;
    const row: AuditRow = [
      context.principal,
      context.principalType,
      context.operation,
      change.objectType,
      change.objectId,
      auditDigest(change.before),
      auditDigest(change.after),
      change.before === null ? null : JSON.stringify(change.before),
      change.after === null ? null : JSON.stringify(change.after),
      context.correlationId,
    ];
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const rows = this.pending.get(runner) ?? [];
      rows.push(row);
      this.pending.set(runner, rows);
      return;
    }
    await manager.query(INSERT_AUDIT_ROW, row);
  }

  /** Writes the transaction's pending rows; called before it commits (AuditSubscriber). */
  async flush(runner: QueryRunner): Promise<void> {
    const rows = this.pending.get(runner);
    if (!rows || rows.length === 0) return;
    this.pending.delete(runner);
    await runner.query(
      INSERT_AUDIT_ROWS,
      rows[0]?.map((_, column) => rows.map((row) => row[column] ?? null)),
    );
  }

  /** A rolled-back transaction leaves no audit rows. */
  discard(runner: QueryRunner): void {
    this.pending.delete(runner);
  }
}
