import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { CheckIn, CheckNonNegative, CheckPositive, CheckThat } from '../columns/check-constraints';
import { MoneyColumn, QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Allocation } from './allocation.entity';
import { SalesOrder, SalesOrderLine } from './sales-order.entity';
import { VersionedRecord } from './versioned-record.base';
import { Warehouse } from './warehouse.entity';

export const SHIPMENT_STATUSES = [
  'picked',
  'packed',
  'shipped',
  'in_transit',
  'delivered',
  'exception',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

@Entity({ name: 'shipments' })
@Index(['createdAt'])
// The sender's shipment id names one shipment per warehouse (two WMS may number alike).
@Index(['warehouseId', 'externalShipmentId'], {
  unique: true,
  where: 'external_shipment_id IS NOT NULL',
})
@CheckIn('shipments', 'status', SHIPMENT_STATUSES)
@CheckThat(
  'shipments',
  'delivered_after_shipped',
  'delivered_at IS NULL OR shipped_at IS NULL OR delivered_at >= shipped_at',
)
@CheckNonNegative('shipments', 'freight')
export class Shipment extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  shipmentNumber!: string;

  @Index()
  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => SalesOrder, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'order_id' })
  order?: SalesOrder;

  @Index()
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  /** The warehouse system's own id of the shipment (its shipment or ASN number). */
  @Column({ type: 'text', nullable: true })
  externalShipmentId!: string | null;

  /** The carrier's SCAC (e.g. 'UPSN'); carrier clients see only the shipments they carry. */
  @Column({ type: 'text', nullable: true })
  carrier!: string | null;

  /** The carrier's service, e.g. 'GROUND', 'NEXT_DAY_AIR'. */
  @Column({ type: 'text', nullable: true })
  serviceLevel!: string | null;

  @Index()
  @Column({ type: 'text', nullable: true })
  trackingNumber!: string | null;

  @Index()
  @Column({ type: 'text', default: 'picked' })
  status!: ShipmentStatus;

  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  shippedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** Time of the newest applied WMS / carrier event; older events arriving late are not reapplied. */
  @Column({ type: 'timestamptz', nullable: true })
  lastEventAt!: Date | null;

  /** Freight to bill with this shipment, in the order's currency; null: none billed. */
  @MoneyColumn({ nullable: true })
  freight!: DecimalString | null;

  @OneToMany(() => ShipmentLine, (line) => line.shipment)
  lines?: ShipmentLine[];
}

@Entity({ name: 'shipment_lines' })
@CheckPositive('shipment_lines', 'quantity')
export class ShipmentLine extends VersionedRecord {
  @Index()
  @Column({ type: 'uuid' })
  shipmentId!: string;

  @ManyToOne(() => Shipment, (shipment) => shipment.lines, {
    onDelete: 'CASCADE',
    nullable: false,
  })
  @JoinColumn({ name: 'shipment_id' })
  shipment?: Shipment;

  @Index()
  @Column({ type: 'uuid' })
  orderLineId!: string;

  @ManyToOne(() => SalesOrderLine, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'order_line_id' })
  orderLine?: SalesOrderLine;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  allocationId!: string | null;

  @ManyToOne(() => Allocation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'allocation_id' })
  allocation?: Allocation | null;

  /** Base units shipped. */
  @QuantityColumn()
  quantity!: DecimalString;

  @Column({ type: 'text', nullable: true })
  lot!: string | null;

  @Column({ type: 'text', nullable: true })
  serial!: string | null;

  /** The carton or pallet it travels in (SSCC-18 or the warehouse's label); null when loose. */
  @Column({ type: 'text', nullable: true })
  packageId!: string | null;
}
