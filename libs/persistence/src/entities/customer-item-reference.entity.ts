import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Customer } from './customer.entity';
import { Item } from './item.entity';
import { VersionedRecord } from './versioned-record.base';

/** A customer's own part number for one of our items. */
@Entity({ name: 'customer_item_references' })
@Unique(['customerId', 'customerItemNumber'])
export class CustomerItemReference extends VersionedRecord {
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ type: 'text' })
  customerItemNumber!: string;

  @Index()
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;
}
