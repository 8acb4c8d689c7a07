import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

/**
 * Writes audit rows through the caller's EntityManager, so a row commits or rolls back with the
 * change it describes. The entity subscriber calls it for ORM writes; code that writes with raw
 * SQL (the guarded stock UPDATE, upserts) calls it itself, in the same transaction.
 */
@Injectable()
export class AuditTrail {
  /** False outside an audited write: callers skip building images nobody will store. */
  isRecording(): boolean {
    return currentAuditContext() !== undefined;
  }

  async record(manager: EntityManager, change: AuditedChange): Promise<void> {
    const context = currentAuditContext();
    if (!context) return;
    await manager.query(INSERT_AUDIT_ROW, [
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
    ]);
  }
}
