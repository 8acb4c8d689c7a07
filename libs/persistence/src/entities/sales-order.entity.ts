import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Unique } from 'typeorm';
import {
  CheckCurrency,
  CheckIn,
  CheckNonNegative,
  CheckPositive,
  CheckThat,
} from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn, QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { CustomerShipTo } from './customer-ship-to.entity';
import { Customer } from './customer.entity';
import { Item } from './item.entity';
import { VersionedRecord } from './versioned-record.base';

export const ORDER_CHANNELS = ['portal', 'partner_api', 'edi', 'field_sales'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const ORDER_STATUSES = [
  'received',
  'validated',
  'on_hold',
  'approved',
  'allocated',
  'released',
  'partially_shipped',
  'shipped',
  'invoiced',
  'closed',
  'cancelled',
  'rejected',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ORDERS = 'sales_orders';

@Entity({ name: ORDERS })
@Index(['customerId', 'createdAt'])
@Index(['createdAt'])
// A PO number identifies one order per customer (duplicate submissions are rejected); a
// revision replaces its predecessor, which then no longer holds the number.
@Index(['customerId', 'externalPoNumber'], {
  unique: true,
  where: 'external_po_number IS NOT NULL AND replaced_by_order_id IS NULL',
})
@CheckIn(ORDERS, 'channel', ORDER_CHANNELS)
@CheckIn(ORDERS, 'status', ORDER_STATUSES)
@CheckCurrency(ORDERS)
@CheckNonNegative(ORDERS, 'subtotal', 'tax_total', 'freight', 'total')
@CheckThat(ORDERS, 'total_sum', 'total = subtotal + tax_total + freight')
@CheckPositive(ORDERS, 'revision')
export class SalesOrder extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  orderNumber!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  // Not indexed: a handful of channels, each a large share of the orders; lists filter it
  // while walking the created_at order.
  @Column({ type: 'text' })
  channel!: OrderChannel;

  @Column({ type: 'text', nullable: true })
  externalPoNumber!: string | null;

  /** Null only while a received order's ship-to is still unresolved. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  shipToId!: string | null;

  @ManyToOne(() => CustomerShipTo, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'ship_to_id' })
  shipTo?: CustomerShipTo | null;

  @Column({ type: 'date', nullable: true })
  requestedDate!: string | null;

  @Index()
  @Column({ type: 'text', default: 'received' })
  status!: OrderStatus;

  @CurrencyColumn()
  currency!: string;

  @MoneyColumn({ default: '0' })
  subtotal!: DecimalString;

  @MoneyColumn({ default: '0' })
  taxTotal!: DecimalString;

  @MoneyColumn({ default: '0' })
  freight!: DecimalString;

  @MoneyColumn({ default: '0' })
  total!: DecimalString;

  /**
   * No person had to act on the way from received to released: cleared by a hold, a change,
   * and by an end before release (rejected, cancelled).
   */
  @Column({ type: 'boolean', default: true })
  touchless!: boolean;

  /** Incremented by each accepted change request from the customer. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  /** Why the order was cancelled or rejected; null otherwise. */
  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  /** The order this one revises (same customer, submitted with `replacesOrderId`). Indexed
   *  only where set: most orders revise none, and lookups are by a given order. */
  @Index({ where: 'replaces_order_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  replacesOrderId!: string | null;

  @ManyToOne(() => SalesOrder, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'replaces_order_id' })
  replacesOrder?: SalesOrder | null;

  /**
   * The revision that replaced this order. Deferred: the predecessor is marked before its
   * revision is inserted, so the PO number is free for it within one transaction.
   */
  @Column({ type: 'uuid', nullable: true })
  replacedByOrderId!: string | null;

  @ManyToOne(() => SalesOrder, {
    onDelete: 'RESTRICT',
    nullable: true,
    deferrable: 'INITIALLY DEFERRED',
  })
  @JoinColumn({ name: 'replaced_by_order_id' })
  replacedByOrder?: SalesOrder | null;

  @OneToMany(() => SalesOrderLine, (line) => line.order)
  lines?: SalesOrderLine[];
}

export const PRICE_SOURCES = ['contract', 'list', 'corrected'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

export const ORDER_LINE_STATUSES = [
  'open',
  'accepted',
  'backordered',
  'substituted',
  'rejected',
  'changed',
  'cancelled',
  'partially_shipped',
  'shipped',
] as const;
export type OrderLineStatus = (typeof ORDER_LINE_STATUSES)[number];

const LINES = 'sales_order_lines';

/** `quantity` is in `uom`; `base_quantity` and the quantity_* counters are in the item's base unit. */
@Entity({ name: LINES })
@Unique(['orderId', 'lineNumber'])
@CheckIn(LINES, 'price_source', PRICE_SOURCES)
@CheckIn(LINES, 'status', ORDER_LINE_STATUSES)
@CheckPositive(LINES, 'line_number', 'quantity', 'base_quantity')
@CheckNonNegative(
  LINES,
  'requested_unit_price',
  'contract_unit_price',
  'unit_price',
  'line_total',
  'quantity_allocated',
  'quantity_shipped',
  'quantity_backordered',
  'quantity_rejected',
)
export class SalesOrderLine extends VersionedRecord {
  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => SalesOrder, (order) => order.lines, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'order_id' })
  order?: SalesOrder;

  @Column({ type: 'integer' })
  lineNumber!: number;

  @Index()
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;

  @Column({ type: 'text', nullable: true })
  customerItemNumber!: string | null;

  @QuantityColumn()
  quantity!: DecimalString;

  @Column({ type: 'text' })
  uom!: string;

  @QuantityColumn()
  baseQuantity!: DecimalString;

  /** The price the customer sent, if any; compared with the contract price. */
  @MoneyColumn({ nullable: true })
  requestedUnitPrice!: DecimalString | null;

  @MoneyColumn({ nullable: true })
  contractUnitPrice!: DecimalString | null;

  /** The price charged, per `uom`. */
  @MoneyColumn()
  unitPrice!: DecimalString;

  @Column({ type: 'text' })
  priceSource!: PriceSource;

  @MoneyColumn()
  lineTotal!: DecimalString;

  @Column({ type: 'text', default: 'open' })
  status!: OrderLineStatus;

  /** The ordered item this line's item replaced. Indexed only where set (few lines are
   *  substitutes; lookups are by a given item). */
  @Index({ where: 'substituted_for_item_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  substitutedForItemId!: string | null;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'substituted_for_item_id' })
  substitutedForItem?: Item | null;

  @QuantityColumn({ default: '0' })
  quantityAllocated!: DecimalString;

  @QuantityColumn({ default: '0' })
  quantityShipped!: DecimalString;

  @QuantityColumn({ default: '0' })
  quantityBackordered!: DecimalString;

  /** Not supplied: short and neither backordered nor substituted (X12 855 IC/IR). */
  @QuantityColumn({ default: '0' })
  quantityRejected!: DecimalString;
}
