import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Unique } from 'typeorm';
import {
  CheckCurrency,
  CheckIn,
  CheckNonNegative,
  CheckPositive,
  CheckThat,
} from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Customer } from './customer.entity';
import { VersionedRecord } from './versioned-record.base';

export const REMITTANCE_FORMATS = ['camt054', 'camt053', 'bai2', 'x12_820'] as const;
export type RemittanceFormat = (typeof REMITTANCE_FORMATS)[number];

export const REMITTANCE_FILE_STATUSES = ['received', 'processed', 'rejected'] as const;
export type RemittanceFileStatus = (typeof REMITTANCE_FILE_STATUSES)[number];

const FILES = 'remittance_files';

/** A bank / remittance file; the content hash makes re-sending the same file a no-op. */
@Entity({ name: FILES })
@Index(['receivedAt'])
@CheckIn(FILES, 'format', REMITTANCE_FORMATS)
@CheckIn(FILES, 'status', REMITTANCE_FILE_STATUSES)
@CheckThat(FILES, 'content_sha256', "content_sha256 ~ '^[0-9a-f]{64}$'")
@CheckNonNegative(FILES, 'line_count')
export class RemittanceFile extends VersionedRecord {
  @Column({ type: 'text' })
  format!: RemittanceFormat;

  @Column({ type: 'text' })
  fileName!: string;

  /** Lower-case hex SHA-256 of the raw file. */
  @Column({ type: 'text', unique: true })
  contentSha256!: string;

  /** The bank's message / statement id, when the format has one. */
  @Index()
  @Column({ type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  /** The file's own control total, kept to reconcile against the parsed payments. */
  @MoneyColumn({ nullable: true })
  controlTotal!: DecimalString | null;

  @Column({ type: 'integer', nullable: true })
  lineCount!: number | null;

  @Column({ type: 'text', default: 'received' })
  status!: RemittanceFileStatus;
}

export const PAYMENT_METHODS = ['ach', 'wire', 'check', 'card', 'lockbox', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_SOURCES = ['api', ...REMITTANCE_FORMATS] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

export const PAYMENT_STATUSES = [
  'unapplied',
  'partially_applied',
  'applied',
  'on_account',
  'reversed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const PAYMENTS = 'payments';

/**
 * Money received. Apply cash with a guarded statement
 * (`SET amount_applied = amount_applied + $a, unapplied = unapplied - $a WHERE ... AND
 * unapplied >= $a`); the CHECKs refuse over-application whatever the code does.
 */
@Entity({ name: PAYMENTS })
@Index(['createdAt'])
@CheckIn(PAYMENTS, 'method', PAYMENT_METHODS)
@CheckIn(PAYMENTS, 'source', PAYMENT_SOURCES)
@CheckIn(PAYMENTS, 'status', PAYMENT_STATUSES)
@CheckCurrency(PAYMENTS)
@CheckPositive(PAYMENTS, 'amount')
@CheckNonNegative(PAYMENTS, 'amount_applied', 'unapplied')
@CheckThat(PAYMENTS, 'applied_within_amount', 'amount_applied <= amount')
@CheckThat(PAYMENTS, 'unapplied_sum', 'unapplied = amount - amount_applied')
export class Payment extends VersionedRecord {
  /** Null while the payer is unidentified. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer | null;

  @Column({ type: 'text', nullable: true })
  payerName!: string | null;

  @Column({ type: 'text', nullable: true })
  payerAccount!: string | null;

  @MoneyColumn()
  amount!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  @Column({ type: 'text' })
  method!: PaymentMethod;

  @Index()
  @Column({ type: 'date' })
  valueDate!: string;

  @Index()
  @Column({ type: 'text', nullable: true })
  bankReference!: string | null;

  @Column({ type: 'text' })
  source!: PaymentSource;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  sourceFileId!: string | null;

  @ManyToOne(() => RemittanceFile, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'source_file_id' })
  sourceFile?: RemittanceFile | null;

  @MoneyColumn({ default: '0' })
  amountApplied!: DecimalString;

  /** Always amount - amount_applied (CHECKed); kept as a column to filter and index on. */
  @MoneyColumn()
  unapplied!: DecimalString;

  @Index()
  @Column({ type: 'text', default: 'unapplied' })
  status!: PaymentStatus;

  @OneToMany(() => RemittanceLine, (line) => line.payment)
  remittanceLines?: RemittanceLine[];
}

const LINES = 'remittance_lines';

/** What the payer said a payment covers; amounts are signed (credit memos may be negative). */
@Entity({ name: LINES })
@Unique(['paymentId', 'lineNumber'])
@CheckPositive(LINES, 'line_number')
@CheckNonNegative(LINES, 'discount_taken')
export class RemittanceLine extends VersionedRecord {
  @Column({ type: 'uuid' })
  paymentId!: string;

  @ManyToOne(() => Payment, (payment) => payment.remittanceLines, {
    onDelete: 'CASCADE',
    nullable: false,
  })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Column({ type: 'integer' })
  lineNumber!: number;

  /** Invoice number as the payer wrote it; matching normalises it. */
  @Index()
  @Column({ type: 'text', nullable: true })
  invoiceReference!: string | null;

  @MoneyColumn()
  amount!: DecimalString;

  @MoneyColumn({ default: '0' })
  discountTaken!: DecimalString;

  /** Short payment / deduction amount with its reason (e.g. X12 CARC / ADJ codes). */
  @MoneyColumn({ default: '0' })
  adjustmentAmount!: DecimalString;

  @Column({ type: 'text', nullable: true })
  adjustmentReasonCode!: string | null;

  @Column({ type: 'text', nullable: true })
  freeText!: string | null;
}
