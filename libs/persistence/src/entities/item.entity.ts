import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import {
  CheckCurrency,
  CheckNonNegative,
  CheckPositive,
  CheckThat,
} from '../columns/check-constraints';
import { CurrencyColumn, DecimalColumn, FACTOR, MoneyColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { VersionedRecord } from './versioned-record.base';

@Entity({ name: 'items' })
@CheckCurrency('items')
@CheckNonNegative('items', 'standard_cost', 'list_price')
export class Item extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  sku!: string;

  @Column({ type: 'text' })
  description!: string;

  /** Unit of measure stock, allocations and shipments are counted in. */
  @Column({ type: 'text' })
  baseUom!: string;

  @MoneyColumn()
  standardCost!: DecimalString;

  @MoneyColumn()
  listPrice!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  @Column({ type: 'boolean', default: true })
  sellable!: boolean;

  @Index()
  @Column({ type: 'text', nullable: true })
  productGroup!: string | null;
}

/** Items that may replace an item when it is short; lower priority is tried first. */
@Entity({ name: 'item_substitutes' })
@Unique(['itemId', 'substituteItemId'])
@CheckThat('item_substitutes', 'not_self', 'substitute_item_id <> item_id')
@CheckPositive('item_substitutes', 'priority')
export class ItemSubstitute extends VersionedRecord {
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;

  @Index()
  @Column({ type: 'uuid' })
  substituteItemId!: string;

  @ManyToOne(() => Item, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'substitute_item_id' })
  substituteItem?: Item;

  @Column({ type: 'integer', default: 1 })
  priority!: number;
}

/** How many base units one `uom` holds, e.g. CASE -> 12 EA. */
@Entity({ name: 'item_uom_conversions' })
@Unique(['itemId', 'uom'])
@CheckPositive('item_uom_conversions', 'to_base')
export class ItemUomConversion extends VersionedRecord {
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;

  @Column({ type: 'text' })
  uom!: string;

  @DecimalColumn(FACTOR)
  toBase!: DecimalString;
}
