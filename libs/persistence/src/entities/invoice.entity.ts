import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import {
  CheckCurrency,
  CheckIn,
  CheckNonNegative,
  CheckPositive,
  CheckThat,
} from '../columns/check-constraints';
import {
  CreatedAtColumn,
  CurrencyColumn,
  MoneyColumn,
  PercentColumn,
  QuantityColumn,
  UpdatedAtColumn,
} from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Customer } from './customer.entity';
import { Item } from './item.entity';
import { SalesOrder, SalesOrderLine } from './sales-order.entity';
import { Shipment } from './shipment.entity';
import { VersionedRecord } from './versioned-record.base';

/**
 * Gap-free invoice numbering: take the next number with
 * `UPDATE invoice_number_series SET next_number = next_number + 1, version = version + 1,
 * updated_at = now() WHERE series = $1 RETURNING next_number - 1` inside the invoicing
 * transaction; the row lock serialises issuers and a rollback returns the number.
 */
@Entity({ name: 'invoice_number_series' })
@CheckPositive('invoice_number_series', 'next_number')
export class InvoiceNumberSeries {
  @PrimaryColumn({ type: 'text' })
  series!: string;

  /** bigint, as a string. */
  @Column({ type: 'bigint', default: 1 })
  nextNumber!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

export const INVOICE_STATUSES = [
  'issued',
  'partially_paid',
  'paid',
  'disputed',
  'written_off',
  'void',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const INVOICES = 'invoices';

/**
 * `amount_applied` is everything settled through cash applications (cash, discount taken and
 * small write-offs); `amount_credited` is the sum of credit memos. The CHECKs keep
 * open_balance = total - amount_applied - amount_credited and never negative.
 */
@Entity({ name: INVOICES })
@Unique(['series', 'invoiceNumber'])
// A customer's invoice list; open invoices are found through receivable_open_items instead.
@Index(['customerId'])
// The invoice list, newest first by (created_at, id) and paged by that keyset: read backwards
// from where the page starts, never a sort of every invoice. Settling never changes either.
@Index(['createdAt', 'id'])
// One live invoice per shipment: invoicing the same shipment event twice cannot bill twice.
@Index(['billedShipmentId'], { unique: true, where: 'billed_shipment_id IS NOT NULL' })
@CheckIn(INVOICES, 'status', INVOICE_STATUSES)
@CheckCurrency(INVOICES)
@CheckPositive(INVOICES, 'invoice_number')
@CheckNonNegative(
  INVOICES,
  'subtotal',
  'tax_total',
  'freight',
  'total',
  'amount_applied',
  'amount_credited',
  'open_balance',
  'shipped_to_invoiced_ms',
)
@CheckThat(INVOICES, 'total_sum', 'total = subtotal + tax_total + freight')
@CheckThat(INVOICES, 'open_balance_sum', 'open_balance = total - amount_applied - amount_credited')
@CheckThat(INVOICES, 'paid_is_settled', "status <> 'paid' OR open_balance = 0")
@CheckThat(INVOICES, 'due_after_issue', 'due_date >= issue_date')
@CheckThat(
  INVOICES,
  'discount_window',
  'discount_deadline IS NULL OR discount_deadline BETWEEN issue_date AND due_date',
)
@CheckThat(INVOICES, 'discount_percent_range', 'discount_percent BETWEEN 0 AND 100')
export class Invoice extends VersionedRecord {
  @Column({ type: 'text' })
  series!: string;

  @ManyToOne(() => InvoiceNumberSeries, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'series', referencedColumnName: 'series' })
  numberSeries?: InvoiceNumberSeries;

  /** bigint, as a string; unique within `series`. */
  @Column({ type: 'bigint' })
  invoiceNumber!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Index()
  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'order_id' })
  order?: SalesOrder;

  // Billing checks find the live invoice through billed_shipment_id; a replayed shipment event
  // names the invoice it issued, void or not, through this index. Settling never changes it.
  @Index()
  @Column({ type: 'uuid', nullable: true })
  shipmentId!: string | null;

  @ManyToOne(() => Shipment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'shipment_id' })
  shipment?: Shipment | null;

  /**
   * The shipment a live (not void) invoice bills, null otherwise: what the unique index holds.
   * Stored rather than a predicate of the index on `status`, so that settling an invoice, which
   * changes its status but never this value, leaves every index entry as it is (a HOT update).
   */
  @Column({
    type: 'uuid',
    nullable: true,
    generatedType: 'STORED',
    asExpression: "CASE WHEN status = 'void' THEN NULL ELSE shipment_id END",
    insert: false,
    update: false,
  })
  billedShipmentId!: string | null;

  @CurrencyColumn()
  currency!: string;

  @Index()
  @Column({ type: 'date' })
  issueDate!: string;

  @Column({ type: 'date' })
  dueDate!: string;

  /** Terms code copied from the customer at issue time. */
  @Column({ type: 'text' })
  paymentTerms!: string;

  @Column({ type: 'date', nullable: true })
  discountDeadline!: string | null;

  @PercentColumn({ default: '0' })
  discountPercent!: DecimalString;

  @MoneyColumn()
  subtotal!: DecimalString;

  @MoneyColumn({ default: '0' })
  taxTotal!: DecimalString;

  @MoneyColumn({ default: '0' })
  freight!: DecimalString;

  @MoneyColumn()
  total!: DecimalString;

  @MoneyColumn({ default: '0' })
  amountApplied!: DecimalString;

  @MoneyColumn({ default: '0' })
  amountCredited!: DecimalString;

  @MoneyColumn()
  openBalance!: DecimalString;

  // In no index: open invoices are listed in receivable_open_items, kept by triggers.
  @Column({ type: 'text', default: 'issued' })
  status!: InvoiceStatus;

  /** Shipment-to-invoice latency in milliseconds (bigint, as a string). */
  @Column({ type: 'bigint', nullable: true })
  shippedToInvoicedMs!: string | null;

  /** The tax rate region applied ('*' for the default rate), null when no rate matched. */
  @Column({ type: 'text', nullable: true })
  taxRegion!: string | null;

  @OneToMany(() => InvoiceLine, (line) => line.invoice)
  lines?: InvoiceLine[];
}

const LINES = 'invoice_lines';

@Entity({ name: LINES })
@Unique(['invoiceId', 'lineNumber'])
@CheckPositive(LINES, 'line_number', 'quantity')
@CheckNonNegative(
  LINES,
  'unit_price',
  'line_net',
  'tax',
  'line_total',
  'tax_rate_percent',
  'quantity_credited',
  'net_credited',
  'tax_credited',
)
@CheckThat(LINES, 'total_sum', 'line_total = line_net + tax')
// What credit memos took from the line never exceeds what was invoiced on it.
@CheckThat(LINES, 'quantity_credited_limit', 'quantity_credited <= quantity')
@CheckThat(LINES, 'net_credited_limit', 'net_credited <= line_net')
@CheckThat(LINES, 'tax_credited_limit', 'tax_credited <= tax')
export class InvoiceLine extends VersionedRecord {
  @Column({ type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, (invoice) => invoice.lines, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Column({ type: 'integer' })
  lineNumber!: number;

  @Index()
  @Column({ type: 'uuid' })
  orderLineId!: string;

  @ManyToOne(() => SalesOrderLine, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'order_line_id' })
  orderLine?: SalesOrderLine;

  @Index()
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;

  /** In the order line's unit of measure. */
  @QuantityColumn()
  quantity!: DecimalString;

  @MoneyColumn()
  unitPrice!: DecimalString;

  @MoneyColumn()
  lineNet!: DecimalString;

  @MoneyColumn({ default: '0' })
  tax!: DecimalString;

  @MoneyColumn()
  lineTotal!: DecimalString;

  /** The tax rate the line was taxed at, in percent. */
  @PercentColumn({ default: '0' })
  taxRatePercent!: DecimalString;

  /** Taken by credit memos for returns and short-ship claims, in the line's unit. */
  @QuantityColumn({ default: '0' })
  quantityCredited!: DecimalString;

  @MoneyColumn({ default: '0' })
  netCredited!: DecimalString;

  @MoneyColumn({ default: '0' })
  taxCredited!: DecimalString;
}
