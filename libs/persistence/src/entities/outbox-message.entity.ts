import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CheckIn, CheckNonNegative } from '../columns/check-constraints';
import { CreatedAtColumn } from '../columns/column-types';

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Transactional outbox: written with the state change, relayed by the worker with
 * `SELECT ... WHERE status IN ('pending', 'failed') AND available_at <= now()
 * ORDER BY sequence FOR UPDATE SKIP LOCKED`. `id` is the stable message id consumers
 * de-duplicate on; 'dead' messages form the exception queue and can be replayed.
 */
@Entity({ name: 'outbox_messages' })
@Index(['status', 'availableAt'])
// The relay's scans, over undelivered rows only: the oldest first, and per aggregate whether an
// earlier message is still undelivered. Nothing reads delivered messages by aggregate, so the
// aggregate is indexed for undelivered rows only.
@Index(['sequence'], { where: "status IN ('pending', 'failed')" })
@Index(['aggregateType', 'aggregateId', 'sequence'], {
  where: "status IN ('pending', 'failed')",
})
@CheckIn('outbox_messages', 'status', OUTBOX_STATUSES)
@CheckNonNegative('outbox_messages', 'attempts')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** bigint, as a string: relay order. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  sequence!: string;

  @Column({ type: 'text' })
  aggregateType!: string;

  @Column({ type: 'text' })
  aggregateId!: string;

  /** e.g. 'order.shipped'. */
  @Column({ type: 'text' })
  eventType!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** e.g. correlation id, traceparent. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @CreatedAtColumn()
  createdAt!: Date;

  /** Not before: pushed forward by retry backoff. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
