import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
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

const RUNS = 'dunning_runs';

/** One dunning run as of a day: what it looked at and what it sent. */
@Entity({ name: RUNS })
@Index(['asOf'])
@Index(['createdAt'])
@CheckNonNegative(
  RUNS,
  'invoices_examined',
  'notices_issued',
  'tasks_opened',
  'tasks_updated',
  'tasks_closed',
)
export class DunningRun extends VersionedRecord {
  @Column({ type: 'date' })
  asOf!: string;

  /** The principal key of whoever started it, or the scheduler. */
  @Column({ type: 'text' })
  requestedBy!: string;

  @Column({ type: 'integer', default: 0 })
  invoicesExamined!: number;

  @Column({ type: 'integer', default: 0 })
  noticesIssued!: number;

  @Column({ type: 'integer', default: 0 })
  tasksOpened!: number;

  @Column({ type: 'integer', default: 0 })
  tasksUpdated!: number;

  @Column({ type: 'integer', default: 0 })
  tasksClosed!: number;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

const NOTICES = 'dunning_notices';

/**
 * A dunning notice sent for an invoice at one level of the ladder. Unique per invoice and
 * level: a notice is never sent twice, however many runs overlap (the losing insert does
 * nothing and publishes nothing).
 */
@Entity({ name: NOTICES })
@Unique(['invoiceId', 'level'])
@Index(['customerId', 'createdAt'])
@CheckPositive(NOTICES, 'level', 'amount')
@CheckNonNegative(NOTICES, 'days_overdue')
@CheckCurrency(NOTICES)
export class DunningNotice extends VersionedRecord {
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

  @Index()
  @Column({ type: 'uuid' })
  runId!: string;

  @ManyToOne(() => DunningRun, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'run_id' })
  run?: DunningRun;

  @Column({ type: 'integer' })
  level!: number;

  @Column({ type: 'text' })
  levelName!: string;

  @Column({ type: 'integer' })
  daysOverdue!: number;

  /** The open balance the notice asks for. */
  @MoneyColumn()
  amount!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'date' })
  asOf!: string;

  @Column({ type: 'text' })
  message!: string;
}

export const PAYMENT_PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PaymentPromiseStatus = (typeof PAYMENT_PROMISE_STATUSES)[number];

const PROMISES = 'payment_promises';

/**
 * A customer's promise to pay by a date, recorded by a collector. Past its date it is kept
 * when the customer's payments since it was made reach the amount, else broken; broken
 * promises raise the customer's collection risk.
 */
@Entity({ name: PROMISES })
@Index(['customerId', 'status'])
@Index(['status', 'promisedDate'])
@CheckIn(PROMISES, 'status', PAYMENT_PROMISE_STATUSES)
@CheckPositive(PROMISES, 'amount')
@CheckCurrency(PROMISES)
@CheckThat(PROMISES, 'settled_at', "(status = 'open') = (settled_at IS NULL)")
export class PaymentPromise extends VersionedRecord {
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @MoneyColumn()
  amount!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  @Column({ type: 'date' })
  promisedDate!: string;

  @Column({ type: 'text', default: 'open' })
  status!: PaymentPromiseStatus;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** What the customer had paid towards it when it was settled. */
  @MoneyColumn({ nullable: true })
  amountPaid!: DecimalString | null;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
