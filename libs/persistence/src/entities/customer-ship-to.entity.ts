import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Customer } from './customer.entity';
import { type PostalAddress, VersionedRecord } from './versioned-record.base';

@Entity({ name: 'customer_ship_tos' })
@Unique(['customerId', 'code'])
export class CustomerShipTo extends VersionedRecord {
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  address!: PostalAddress;

  /** Sales region such as 'US-WEST'; matched against warehouses.regions_served. */
  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
