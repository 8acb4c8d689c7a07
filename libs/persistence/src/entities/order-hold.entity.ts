import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckIn, CheckNonNegative, CheckThat } from '../columns/check-constraints';
import { SalesOrder } from './sales-order.entity';
import { VersionedRecord } from './versioned-record.base';

export const HOLD_TYPES = ['credit', 'pricing', 'inventory', 'manual'] as const;
export type HoldType = (typeof HOLD_TYPES)[number];

export const HOLD_STATUSES = ['open', 'released', 'rejected'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

const TABLE = 'order_holds';

@Entity({ name: TABLE })
// At most one open hold of each type per order, even under concurrent validation.
@Index(['orderId', 'type'], { unique: true, where: "status = 'open'" })
@Index(['status', 'type', 'openedAt'])
@CheckIn(TABLE, 'type', HOLD_TYPES)
@CheckIn(TABLE, 'status', HOLD_STATUSES)
@CheckThat(TABLE, 'resolution', "(status = 'open') = (resolved_at IS NULL)")
@CheckNonNegative(TABLE, 'reminder_level')
export class OrderHold extends VersionedRecord {
  @Index()
  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'order_id' })
  order?: SalesOrder;

  @Column({ type: 'text' })
  type!: HoldType;

  @Column({ type: 'text', default: 'open' })
  status!: HoldStatus;

  /** Stable code such as 'CREDIT.LIMIT_EXCEEDED'. */
  @Column({ type: 'text' })
  reasonCode!: string;

  /** What the rule saw (exposure, limit, overdue balance, prices...). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionComment!: string | null;

  /** The last aging reminder sent for this hold (0: none), so a level is never sent twice. */
  @Column({ type: 'integer', default: 0 })
  reminderLevel!: number;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;
}
