import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckCurrency, CheckIn, CheckPositive } from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn } from '../columns/column-types';
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
  'resolved_credit_memo',
  'rejected_rebilled',
  'written_off',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

const TABLE = 'disputes';

/** A contested amount on an invoice; `payment_id` is set when it came from a short payment. */
@Entity({ name: TABLE })
@Index(['customerId', 'status'])
@Index(['status', 'slaDueAt'])
@Index(['createdAt'])
@CheckIn(TABLE, 'category', DISPUTE_CATEGORIES)
@CheckIn(TABLE, 'status', DISPUTE_STATUSES)
@CheckCurrency(TABLE)
@CheckPositive(TABLE, 'amount')
export class Dispute extends VersionedRecord {
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
}
