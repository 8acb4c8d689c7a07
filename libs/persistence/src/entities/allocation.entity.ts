import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckIn, CheckPositive } from '../columns/check-constraints';
import { QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Item } from './item.entity';
import { SalesOrderLine } from './sales-order.entity';
import { VersionedRecord } from './versioned-record.base';
import { Warehouse } from './warehouse.entity';

export const ALLOCATION_STATUSES = ['allocated', 'released', 'shipped', 'cancelled'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

/** Stock reserved for an order line in one warehouse, in the item's base unit. */
@Entity({ name: 'allocations' })
@Index(['warehouseId', 'itemId'])
@CheckIn('allocations', 'status', ALLOCATION_STATUSES)
@CheckPositive('allocations', 'quantity')
export class Allocation extends VersionedRecord {
  @Index()
  @Column({ type: 'uuid' })
  orderLineId!: string;

  @ManyToOne(() => SalesOrderLine, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'order_line_id' })
  orderLine?: SalesOrderLine;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @Index()
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;

  @QuantityColumn()
  quantity!: DecimalString;

  /** Not indexed: allocations are read by their order lines (selective), the status only
   *  filters those; a handful of values would make a poor index. */
  @Column({ type: 'text', default: 'allocated' })
  status!: AllocationStatus;
}
