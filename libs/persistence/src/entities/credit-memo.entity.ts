import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import {
  CheckCurrency,
  CheckIn,
  CheckNonNegative,
  CheckPositive,
  CheckThat,
} from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn, QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Customer } from './customer.entity';
import { Dispute } from './dispute.entity';
import { Invoice, InvoiceLine } from './invoice.entity';
import { VersionedRecord } from './versioned-record.base';

export const CREDIT_MEMO_REASONS = [
  'return',
  'price_correction',
  'short_ship',
  'dispute',
  'write_off',
] as const;
export type CreditMemoReason = (typeof CREDIT_MEMO_REASONS)[number];

export const CREDIT_MEMO_STATUSES = ['issued', 'void'] as const;
export type CreditMemoStatus = (typeof CREDIT_MEMO_STATUSES)[number];

const MEMOS = 'credit_memos';

@Entity({ name: MEMOS })
@Index(['customerId', 'createdAt'])
@CheckIn(MEMOS, 'reason', CREDIT_MEMO_REASONS)
@CheckIn(MEMOS, 'status', CREDIT_MEMO_STATUSES)
@CheckCurrency(MEMOS)
@CheckPositive(MEMOS, 'total')
export class CreditMemo extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  memoNumber!: string;

  @Index()
  @Column({ type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  /** The dispute this memo resolves, if any. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  disputeId!: string | null;

  @ManyToOne(() => Dispute, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'dispute_id' })
  dispute?: Dispute | null;

  @Column({ type: 'text' })
  reason!: CreditMemoReason;

  @Column({ type: 'text', default: 'issued' })
  status!: CreditMemoStatus;

  /** Aging for a past day adds back the memos issued since. */
  @Index()
  @Column({ type: 'date', default: () => 'CURRENT_DATE' })
  issueDate!: string;

  @MoneyColumn()
  total!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  /** The customer's or our reference: RMA, claim or dispute number, free text. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @OneToMany(() => CreditMemoLine, (line) => line.memo)
  lines?: CreditMemoLine[];
}

const LINES = 'credit_memo_lines';

/** `quantity` is null for pure price corrections and write-offs. */
@Entity({ name: LINES })
@CheckPositive(LINES, 'quantity', 'amount', 'line_number')
@CheckNonNegative(LINES, 'net', 'tax')
@CheckThat(LINES, 'amount_sum', 'amount = net + tax')
export class CreditMemoLine extends VersionedRecord {
  @Index()
  @Column({ type: 'uuid' })
  memoId!: string;

  @ManyToOne(() => CreditMemo, (memo) => memo.lines, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'memo_id' })
  memo?: CreditMemo;

  /** Position on the memo, in the order the lines were requested. */
  @Column({ type: 'integer', default: 1 })
  lineNumber!: number;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  invoiceLineId!: string | null;

  @ManyToOne(() => InvoiceLine, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'invoice_line_id' })
  invoiceLine?: InvoiceLine | null;

  @QuantityColumn({ nullable: true })
  quantity!: DecimalString | null;

  /** net + tax. */
  @MoneyColumn()
  amount!: DecimalString;

  @MoneyColumn({ default: '0' })
  net!: DecimalString;

  @MoneyColumn({ default: '0' })
  tax!: DecimalString;
}
