import { Column, Entity } from 'typeorm';
import { type PostalAddress, VersionedRecord } from './versioned-record.base';

@Entity({ name: 'warehouses' })
export class Warehouse extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  address!: PostalAddress;

  /** Ship-to regions (customer_ship_tos.region) this warehouse ships to. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regionsServed!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
