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
import { Invoice } from './invoice.entity';
import { VersionedRecord } from './versioned-record.base';

export const REMITTANCE_FORMATS = ['camt054', 'camt053', 'camt052', 'bai2', 'x12_820'] as const;
export type RemittanceFormat = (typeof REMITTANCE_FORMATS)[number];

export const REMITTANCE_FILE_STATUSES = ['received', 'processed', 'rejected'] as const;
export type RemittanceFileStatus = (typeof REMITTANCE_FILE_STATUSES)[number];

const FILES = 'remittance_files';

/**
 * A bank / remittance file. Three unique keys refuse a second import of the same file, even
 * when two imports race: the raw bytes' hash, the file's own identity (format, sender, file id,
 * creation time, statement ids) and the hash of the payments it carries (the same payments
 * re-sent in a new envelope).
 */
@Entity({ name: FILES })
@Index(['receivedAt'])
// The resumer's claim looks only at files still being applied (a handful), never the history.
@Index(['applicationHeartbeatAt'], { where: "status = 'received'" })
@CheckIn(FILES, 'format', REMITTANCE_FORMATS)
@CheckIn(FILES, 'status', REMITTANCE_FILE_STATUSES)
@CheckThat(FILES, 'content_sha256', "content_sha256 ~ '^[0-9a-f]{64}$'")
@CheckThat(FILES, 'payload_sha256', "payload_sha256 ~ '^[0-9a-f]{64}$'")
@CheckNonNegative(FILES, 'line_count', 'payment_count', 'skipped_count', 'resume_attempts')
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

  /** camt '001.08', BAI2 '2', X12 '004010'. */
  @Column({ type: 'text', nullable: true })
  formatVersion!: string | null;

  /** The parser's identity key: equal keys mean the same file, whatever its bytes. */
  @Column({ type: 'text', nullable: true, unique: true })
  identityKey!: string | null;

  /** SHA-256 of the payments read, as canonical JSON. */
  @Column({ type: 'text', nullable: true, unique: true })
  payloadSha256!: string | null;

  @Column({ type: 'text', nullable: true })
  senderId!: string | null;

  @Column({ type: 'integer', default: 0 })
  paymentCount!: number;

  /** Entries that are not payments received (debits, reversals, pending): reported, not posted. */
  @Column({ type: 'integer', default: 0 })
  skippedCount!: number;

  /** Per currency: payments and their sum, e.g. [{ currency: 'USD', payments: 3, amount: '120.00' }]. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  totals!: Record<string, unknown>[];

  /** The principal key of whoever imported it. */
  @Column({ type: 'text', nullable: true })
  importedBy!: string | null;

  /** What the import found besides payments: control totals checked, skipped entries, advices
   *  matched to payments already recorded. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  importReport!: Record<string, unknown>;

  /** What cash application made of its payments (counts and amounts by outcome and rule). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  applicationSummary!: Record<string, unknown>;

  /**
   * The lease on the file's cash application: set when applying starts and after every batch.
   * A `received` file whose heartbeat is old (or missing) was left part-way and is resumed.
   */
  @Column({ type: 'timestamptz', nullable: true })
  applicationHeartbeatAt!: Date | null;

  /**
   * The file as received. Its payments are recorded a slice at a time (each slice's cash is
   * applied while the next is recorded); a recording that stopped is finished from these bytes.
   */
  @Column({ type: 'bytea', nullable: true })
  content!: Buffer | null;

  /** When the last of its payments was recorded; null while they are being recorded. */
  @Column({ type: 'timestamptz', nullable: true })
  recordedAt!: Date | null;

  /**
   * The accounts whoever imported the file could post payments for (null: every account), so
   * that payers identified when a stopped recording is finished are those the import could see.
   */
  @Column({ type: 'uuid', array: true, nullable: true })
  accountScope!: string[] | null;

  /** Times the resumer claimed the file, whatever came of each attempt. */
  @Column({ type: 'integer', default: 0 })
  resumeAttempts!: number;

  /** What the last failed resumption attempt reported; null until one fails. */
  @Column({ type: 'text', nullable: true })
  lastResumeError!: string | null;

  /**
   * When the resumer gave up on the file after REMITTANCE_RESUME_MAX_ATTEMPTS failed attempts.
   * The file stays `received` and is not claimed again: someone has to look at it.
   */
  @Column({ type: 'timestamptz', nullable: true })
  parkedAt!: Date | null;
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
// One payment per remittance of a file: a recording finished twice cannot post its money twice.
@Index(['sourceFileId', 'sourcePosition'], {
  unique: true,
  where: 'source_file_id IS NOT NULL',
})
@CheckIn(PAYMENTS, 'method', PAYMENT_METHODS)
@CheckIn(PAYMENTS, 'source', PAYMENT_SOURCES)
@CheckIn(PAYMENTS, 'status', PAYMENT_STATUSES)
@CheckCurrency(PAYMENTS)
@CheckPositive(PAYMENTS, 'amount')
@CheckNonNegative(PAYMENTS, 'amount_applied', 'unapplied', 'on_account')
@CheckThat(PAYMENTS, 'applied_within_amount', 'amount_applied <= amount')
@CheckThat(PAYMENTS, 'unapplied_sum', 'unapplied = amount - amount_applied')
@CheckThat(PAYMENTS, 'on_account_within_unapplied', 'on_account <= unapplied')
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

  // Read per customer (through customer_id), never across all payments by date.
  @Column({ type: 'date' })
  valueDate!: string;

  @Column({ type: 'text', nullable: true })
  bankReference!: string | null;

  @Column({ type: 'text' })
  source!: PaymentSource;

  // Found through (source_file_id, source_position).
  @Column({ type: 'uuid', nullable: true })
  sourceFileId!: string | null;

  /** Position (1-based) of the payment in its source file: files list their payments in order. */
  @Column({ type: 'integer', nullable: true })
  sourcePosition!: number | null;

  @ManyToOne(() => RemittanceFile, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'source_file_id' })
  sourceFile?: RemittanceFile | null;

  @MoneyColumn({ default: '0' })
  amountApplied!: DecimalString;

  /** Always amount - amount_applied (CHECKed); kept as a column to filter and index on. */
  @MoneyColumn()
  unapplied!: DecimalString;

  // Not indexed: applying cash changes only unindexed columns, so the update stays on the
  // payment's page (HOT: the table keeps half of each page free) without new index entries.
  @Column({ type: 'text', default: 'unapplied' })
  status!: PaymentStatus;

  /**
   * The part of `unapplied` kept on purpose as credit on the customer's account (an
   * overpayment); the rest of `unapplied` waits for cash application.
   */
  @MoneyColumn({ default: '0' })
  onAccount!: DecimalString;

  /** The payer's end-to-end reference or trace number (camt EndToEndId, X12 TRN02). */
  @Index()
  @Column({ type: 'text', nullable: true })
  paymentReference!: string | null;

  /** What the payment says about its payer: names, accounts, identifiers, aliases. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payerEvidence!: Record<string, unknown>;

  /** How the payer was identified ({ rule, confidence, reason }); null while unidentified. */
  @Column({ type: 'jsonb', nullable: true })
  identification!: Record<string, unknown> | null;

  /** Unstructured remittance text (bank narrative, advice text). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  freeText!: string[];

  /** Invoice references the free text seems to name ('INV 1234', '00001235'), as read at intake. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  textReferences!: string[];

  /** Where in its source file the payment was read, e.g. 'line 14' or 'Ntry[2]/TxDtls[1]'. */
  @Column({ type: 'text', nullable: true })
  sourceLocation!: string | null;

  @OneToMany(() => RemittanceLine, (line) => line.payment)
  remittanceLines?: RemittanceLine[];
}

const LINES = 'remittance_lines';

export const REMITTANCE_REFERENCE_KINDS = [
  'invoice',
  'credit-note',
  'debit-note',
  'purchase-order',
  'creditor-reference',
  'other',
] as const;
export type RemittanceReferenceKind = (typeof REMITTANCE_REFERENCE_KINDS)[number];

/**
 * What the payer said a payment covers; amounts are signed (credit memos may be negative). The
 * reference's normalised keys
 * (`reference_prefix`, `reference_number`) let set-based SQL find the invoice it names.
 */
@Entity({ name: LINES })
@Unique(['paymentId', 'lineNumber'])
@CheckPositive(LINES, 'line_number')
@CheckNonNegative(LINES, 'discount_taken', 'adjustment_amount')
@CheckIn(LINES, 'reference_kind', REMITTANCE_REFERENCE_KINDS)
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
  @Column({ type: 'text', nullable: true })
  invoiceReference!: string | null;

  /** Zero when the payer named the document without an amount (see `amountStated`). */
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

  /** False when the payer named the document without saying how much of the payment is for it. */
  @Column({ type: 'boolean', default: true })
  amountStated!: boolean;

  @Column({ type: 'text', default: 'invoice' })
  referenceKind!: RemittanceReferenceKind;

  /** The document's amount as the payer knows it (X12 RMR05, camt DuePyblAmt). */
  @MoneyColumn({ nullable: true })
  documentAmount!: DecimalString | null;

  /** The invoice the payer named by id (structured remittance through the API). */
  @Index({ where: 'invoice_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  invoiceId!: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice | null;

  /** Letters before the number of the reference as read ('INV' of 'inv-0001234'); '' for none. */
  @Column({ type: 'text', nullable: true })
  referencePrefix!: string | null;

  /** The number of the reference as read, without leading zeros (bigint, as a string). */
  @Column({ type: 'bigint', nullable: true })
  referenceNumber!: string | null;

  /** True when the prefix is a word for "invoice" (or none): the number alone may name it. */
  @Column({ type: 'boolean', default: false })
  referenceByNumber!: boolean;
}
