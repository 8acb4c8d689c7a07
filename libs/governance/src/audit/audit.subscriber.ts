import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  RemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { auditImage } from './audit-image';
import { AuditTrail } from './audit-trail.service';
import { columnValues, fullImage, objectIdOf } from './record-image';

/**
 * Tables whose rows are not audited: the audit log itself (no recursion), and append-only
 * logs that are records of events in their own right (process events, outbox messages,
 * inbound event receipts) or a cache of responses (idempotency records).
 */
export const UNAUDITED_TABLES: ReadonlySet<string> = new Set([
  'audit_log',
  'process_events',
  'outbox_messages',
  'inbound_events',
  'idempotency_records',
]);

/**
 * Records every ORM insert, update and removal of an audited entity in audit_log, through the
 * event's own EntityManager: the row joins the transaction of the change. Writes by bulk
 * statements (QueryBuilder update/delete) name no rows; they are still recorded, with the
 * values written and no object id.
 */
@Injectable()
export class AuditSubscriber implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    dataSource.subscribers.push(this);
  }

  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    if (!this.audits(event.metadata)) return;
    const after = columnValues(event.metadata, event.entity) ?? {};
    await this.trail.record(event.manager, {
      objectType: event.metadata.tableName,
      objectId: objectIdOf(event.metadata, event.entity),
      before: null,
      after: fullImage(event.metadata, after),
    });
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    if (!this.audits(event.metadata)) return;
    const before = columnValues(event.metadata, event.databaseEntity);
    const written = columnValues(event.metadata, event.entity) ?? {};
    await this.trail.record(event.manager, {
      objectType: event.metadata.tableName,
      objectId: before ? objectIdOf(event.metadata, event.databaseEntity) : null,
      before: before ? fullImage(event.metadata, before) : null,
      // A partial save carries only some columns: the rest are as they were.
      after: before ? fullImage(event.metadata, { ...before, ...written }) : auditImage(written),
    });
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    if (!this.audits(event.metadata)) return;
    const before = columnValues(event.metadata, event.databaseEntity ?? event.entity);
    // TypeORM clears the ids of removed entities before this event; the loaded row keeps them.
    const entityId: unknown = event.entityId;
    const objectId =
      objectIdOf(event.metadata, event.databaseEntity) ??
      (typeof entityId === 'string' || typeof entityId === 'number' ? String(entityId) : null);
    await this.trail.record(event.manager, {
      objectType: event.metadata.tableName,
      objectId,
      before: before ? fullImage(event.metadata, before) : null,
      after: null,
    });
  }

  /** Pending audit rows join the transaction's last statement before COMMIT. */
  beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    return this.trail.flush(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.trail.discard(event.queryRunner);
  }

  private audits(metadata: EntityMetadata): boolean {
    return this.trail.isRecording() && !UNAUDITED_TABLES.has(metadata.tableName);
  }
}
