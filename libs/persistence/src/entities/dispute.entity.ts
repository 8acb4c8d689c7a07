import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CheckCurrency, CheckIn, CheckPositive, CheckThat } from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn, QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Customer } from './customer.entity';
import { Invoice, InvoiceLine } from './invoice.entity';
import { Payment } from './payment.entity';
import { VersionedRecord } from './versioned-record.base';

export const DISPUTE_CATEGORIES = [
  'pricing',
  'shortage',
  'damage',
  'returns',
  'promotion',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

export const DISPUTE_STATUSES = [
  'open',
  'under_review',
  'resolved_with_credit_memo',
  'rejected_and_rebilled',
  'written_off',
  /** The short payment that opened the deduction was unapplied (cash reversal). */
  'withdrawn',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A short payment (deduction), the customer (portal, partner API), or staff. */
export const DISPUTE_SOURCES = ['deduction', 'customer', 'internal'] as const;
export type DisputeSource = (typeof DISPUTE_SOURCES)[number];

const TABLE = 'disputes';

/**
 * A contested amount on an invoice; `payment_id` is set when it came from a short payment.
 * Its history is the process event log (object type 'dispute'); its task sits in the 'dispute'
 * work queue while it is live.
 */
@Entity({ name: TABLE })
@Index(['customerId', 'status'])
@Index(['status', 'slaDueAt'])
@Index(['createdAt'])
@CheckIn(TABLE, 'category', DISPUTE_CATEGORIES)
@CheckIn(TABLE, 'status', DISPUTE_STATUSES)
@CheckIn(TABLE, 'source', DISPUTE_SOURCES)
@CheckCurrency(TABLE)
@CheckPositive(TABLE, 'amount', 'dispute_number')
@CheckThat(
  TABLE,
  'closed_is_resolved',
  "status IN ('open', 'under_review') OR resolved_at IS NOT NULL",
)
export class Dispute extends VersionedRecord {
  /** Printed as DSP-00000042; bigint, as a string. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  disputeNumber!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Index()
  @Column({ type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  invoiceLineId!: string | null;

  @ManyToOne(() => InvoiceLine, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'invoice_line_id' })
  invoiceLine?: InvoiceLine | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  paymentId!: string | null;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment | null;

  @Column({ type: 'text' })
  category!: DisputeCategory;

  @MoneyColumn()
  amount!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  @Column({ type: 'text', default: 'open' })
  status!: DisputeStatus;

  @Index()
  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  slaDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  resolutionComment!: string | null;

  @Column({ type: 'text', default: 'internal' })
  source!: DisputeSource;

  /** The principal key of whoever raised it, or the process that opened it. */
  @Column({ type: 'text' })
  raisedBy!: string;

  /** What the raiser or the cash-application engine saw (remittance line, reason text...). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  resolvedBy!: string | null;
}

const LINES = 'dispute_lines';

/** The invoice lines a dispute contests, with the quantity or amount contested on each. */
@Entity({ name: LINES })
@Unique(['disputeId', 'invoiceLineId'])
@CheckPositive(LINES, 'quantity', 'amount')
export class DisputeLine extends VersionedRecord {
  @Column({ type: 'uuid' })
  disputeId!: string;

  @ManyToOne(() => Dispute, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'dispute_id' })
  dispute?: Dispute;

  @Index()
  @Column({ type: 'uuid' })
  invoiceLineId!: string;

  @ManyToOne(() => InvoiceLine, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'invoice_line_id' })
  invoiceLine?: InvoiceLine;

  @QuantityColumn({ nullable: true })
  quantity!: DecimalString | null;

  @MoneyColumn({ nullable: true })
  amount!: DecimalString | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
