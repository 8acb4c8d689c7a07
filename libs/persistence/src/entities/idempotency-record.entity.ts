import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CheckIn, CheckThat } from '../columns/check-constraints';
import { CreatedAtColumn } from '../columns/column-types';

export const IDEMPOTENCY_STATUSES = ['in_progress', 'completed'] as const;
export type IdempotencyStatus = (typeof IDEMPOTENCY_STATUSES)[number];

const TABLE = 'idempotency_records';

/**
 * One row per (consumer, operation, Idempotency-Key). Claim with INSERT ... ON CONFLICT DO
 * NOTHING: a concurrent duplicate finds the row 'in_progress' (409); a replay with the same
 * request_hash gets the stored response; another hash is 422.
 */
@Entity({ name: TABLE })
@Unique(['consumerId', 'operationId', 'key'])
@Index(['expiresAt'])
@CheckIn(TABLE, 'status', IDEMPOTENCY_STATUSES)
@CheckThat(TABLE, 'completed_has_response', "status <> 'completed' OR response_status IS NOT NULL")
export class IdempotencyRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** principalKey() of the caller, or `ip:<address>` on operations without security. */
  @Column({ type: 'text' })
  consumerId!: string;

  /** Keys are scoped per operation: one key may serve createCustomer and createItem. */
  @Column({ type: 'text' })
  operationId!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  requestMethod!: string;

  @Column({ type: 'text' })
  requestPath!: string;

  /** sha256 of method, path and the canonical JSON body. */
  @Column({ type: 'text' })
  requestHash!: string;

  @Column({ type: 'text', default: 'in_progress' })
  status!: IdempotencyStatus;

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  /** The JSON text exactly as first sent (jsonb would reorder its keys on a replay). */
  @Column({ type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** When the in-flight request took the key; a stale lock can be taken over. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;
}
