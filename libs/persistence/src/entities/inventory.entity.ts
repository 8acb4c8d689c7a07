import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CheckIn, CheckNonNegative, CheckThat } from '../columns/check-constraints';
import { CreatedAtColumn, QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Item } from './item.entity';
import { VersionedRecord } from './versioned-record.base';
import { Warehouse } from './warehouse.entity';

/**
 * Stock of one item in one warehouse, in the item's base unit. Allocate with one guarded
 * statement (`... SET allocated = allocated + $q WHERE ... AND on_hand - allocated >= $q`);
 * the CHECKs reject anything that would over-allocate even if that guard is forgotten.
 * The table has fillfactor 90 (migration LeanerOrderIndexes): those updates touch no indexed
 * column and stay on their page (HOT). No indexed column should be updated with them.
 */
@Entity({ name: 'inventory_balances' })
@Unique(['warehouseId', 'itemId'])
@CheckNonNegative('inventory_balances', 'on_hand', 'allocated')
@CheckThat('inventory_balances', 'allocated_within_on_hand', 'allocated <= on_hand')
export class InventoryBalance extends VersionedRecord {
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

  @QuantityColumn({ default: '0' })
  onHand!: DecimalString;

  @QuantityColumn({ default: '0' })
  allocated!: DecimalString;
}

export const INVENTORY_MOVEMENT_TYPES = [
  'receipt',
  'adjustment',
  'allocation',
  'release',
  'shipment',
] as const;
export type InventoryMovementType = (typeof INVENTORY_MOVEMENT_TYPES)[number];

/**
 * The stock ledger, append-only. `quantity` is in base units and positive; only adjustments
 * are signed. receipt/adjustment/shipment move on_hand, allocation/release move allocated.
 */
@Entity({ name: 'inventory_movements' })
@Index(['warehouseId', 'itemId', 'createdAt'])
@CheckIn('inventory_movements', 'type', INVENTORY_MOVEMENT_TYPES)
@CheckThat(
  'inventory_movements',
  'quantity_sign',
  "quantity > 0 OR (type = 'adjustment' AND quantity <> 0)",
)
export class InventoryMovement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

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

  @Column({ type: 'text' })
  type!: InventoryMovementType;

  @QuantityColumn()
  quantity!: DecimalString;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** What caused it, e.g. 'allocation:<uuid>' or a WMS receipt number. */
  @Index()
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Index()
  @CreatedAtColumn()
  createdAt!: Date;
}
