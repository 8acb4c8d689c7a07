import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckIn, CheckNonNegative, CheckThat } from '../columns/check-constraints';
import { DecimalColumn, MoneyColumn, SCORE } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Invoice } from './invoice.entity';
import { Payment, RemittanceLine } from './payment.entity';
import { VersionedRecord } from './versioned-record.base';
import { Task } from './work-queue.entity';

export const CASH_APPLICATION_STATUSES = ['applied', 'reversed'] as const;
export type CashApplicationStatus = (typeof CASH_APPLICATION_STATUSES)[number];

/** automatic: the engine, above its threshold; confirmed: a person accepted a suggestion as
 *  proposed; manual: a person chose the invoice or the amounts (an edit or a split). */
export const CASH_APPLICATION_ORIGINS = ['automatic', 'confirmed', 'manual'] as const;
export type CashApplicationOrigin = (typeof CASH_APPLICATION_ORIGINS)[number];

const TABLE = 'cash_applications';

/**
 * Part of a payment applied to an invoice. `amount` is cash taken from the payment; the
 * invoice is settled by amount + discount_amount + write_off_amount.
 */
@Entity({ name: TABLE })
@Index(['createdAt'])
@CheckIn(TABLE, 'status', CASH_APPLICATION_STATUSES)
@CheckIn(TABLE, 'origin', CASH_APPLICATION_ORIGINS)
// A discount or write-off may settle what is left of an invoice without any more cash.
@CheckNonNegative(TABLE, 'amount', 'discount_amount', 'write_off_amount')
@CheckThat(TABLE, 'settles_something', 'amount + discount_amount + write_off_amount > 0')
@CheckThat(TABLE, 'confidence_range', 'confidence BETWEEN 0 AND 1')
@CheckThat(TABLE, 'reversal', "(status = 'reversed') = (reversed_at IS NOT NULL)")
export class CashApplication extends VersionedRecord {
  @Index()
  @Column({ type: 'uuid' })
  paymentId!: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Index()
  @Column({ type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  /** The remittance line this application was matched from, if any. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  remittanceLineId!: string | null;

  @ManyToOne(() => RemittanceLine, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'remittance_line_id' })
  remittanceLine?: RemittanceLine | null;

  @MoneyColumn()
  amount!: DecimalString;

  @MoneyColumn({ default: '0' })
  discountAmount!: DecimalString;

  @MoneyColumn({ default: '0' })
  writeOffAmount!: DecimalString;

  /** Matching rule that proposed it (e.g. 'exact-invoice-number'), or 'manual'. */
  @Column({ type: 'text' })
  rule!: string;

  /** Match confidence 0..1; null for manual applications. */
  @DecimalColumn(SCORE, { nullable: true })
  confidence!: DecimalString | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  // Only ever a filter next to the payment, invoice or line it belongs to.
  @Column({ type: 'text', default: 'applied' })
  status!: CashApplicationStatus;

  @Column({ type: 'text' })
  appliedBy!: string;

  /** Indexed where set (reversals are few): aging for a past day finds the reversals since. */
  @Index({ where: 'reversed_at IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  reversedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reversedBy!: string | null;

  @Column({ type: 'text', default: 'automatic' })
  origin!: CashApplicationOrigin;

  /** How the cash settled the invoice: full, early-payment-discount, write-off, partial... */
  @Column({ type: 'text', nullable: true })
  settlement!: string | null;

  /** The cash-application task a person resolved with it, if any. */
  @Index({ where: 'task_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  taskId!: string | null;

  @ManyToOne(() => Task, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'task_id' })
  task?: Task | null;

  @Column({ type: 'text', nullable: true })
  reversalReason!: string | null;
}
