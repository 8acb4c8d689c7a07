import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CursorKey, decodeCursor } from '@o2c/http';
import { DataSource } from 'typeorm';
import type { AuditImage } from './audit-image';

/** Query of listAuditLog in openapi/governance/audit-log.v1.yaml (validated by the gateway). */
export interface AuditLogFilter {
  objectType?: string;
  objectId?: string;
  principal?: string;
  operation?: string;
  correlationId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export interface AuditLogRow {
  id: string;
  /** With microseconds, for the cursor: rows of one transaction share the instant. */
  occurredAt: string;
  principal: string;
  principalType: string;
  operation: string;
  objectType: string;
  objectId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  before: AuditImage | null;
  after: AuditImage | null;
  correlationId: string | null;
}

export function auditLogKeyOf(row: AuditLogRow): CursorKey {
  return [row.occurredAt, row.id];
}

/** Reads of audit_log (rows are written by AuditTrail only). */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; fetches one extra row to know whether more follow. */
  findPage(filter: AuditLogFilter): Promise<AuditLogRow[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (filter.objectType) where((p) => `object_type = ${p}`, filter.objectType);
    if (filter.objectId) where((p) => `object_id = ${p}`, filter.objectId);
    if (filter.principal) where((p) => `principal = ${p}`, filter.principal);
    if (filter.operation) where((p) => `operation = ${p}`, filter.operation);
    if (filter.correlationId) where((p) => `correlation_id = ${p}`, filter.correlationId);
    if (filter.from) where((p) => `occurred_at >= ${p}::timestamptz`, filter.from);
    if (filter.to) where((p) => `occurred_at < ${p}::timestamptz`, filter.to);
    // (occurred_at, id) of the last row.
    const after = decodeCursor(filter.cursor, ['timestamp', 'uuid']);
    if (after) {
      parameters.push(...after);
      const at = parameters.length - 1;
      conditions.push(`(occurred_at, id) < ($${at}::timestamptz, $${at + 1}::uuid)`);
    }
    parameters.push(filter.limit + 1);
    return this.dataSource.query<AuditLogRow[]>(
      `SELECT id,
              to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
              principal, principal_type AS "principalType", operation,
              object_type AS "objectType", object_id AS "objectId",
              before_digest AS "beforeDigest", after_digest AS "afterDigest", before, after,
              correlation_id AS "correlationId"
         FROM audit_log
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY occurred_at DESC, id DESC
        LIMIT $${parameters.length}`,
      parameters,
    );
  }
}
