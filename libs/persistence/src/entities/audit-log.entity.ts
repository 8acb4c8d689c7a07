import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every write: who, what, when, before/after (with digests), correlation id. Append-only. */
@Entity({ name: 'audit_log' })
@Index(['objectType', 'objectId', 'occurredAt'])
@Index(['principal', 'occurredAt'])
@Index(['occurredAt'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  principal!: string;

  /** e.g. 'customer_user', 'sales_rep', 'partner_client', 'internal', 'system'. */
  @Column({ type: 'text' })
  principalType!: string;

  /** operationId or use-case name. */
  @Column({ type: 'text' })
  operation!: string;

  @Column({ type: 'text' })
  objectType!: string;

  @Column({ type: 'text', nullable: true })
  objectId!: string | null;

  @Column({ type: 'text', nullable: true })
  beforeDigest!: string | null;

  @Column({ type: 'text', nullable: true })
  afterDigest!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Index()
  @Column({ type: 'text', nullable: true })
  correlationId!: string | null;
}
