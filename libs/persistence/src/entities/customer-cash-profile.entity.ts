import { Column, Entity, JoinColumn, OneToOne } from 'typeorm';
import { CheckNonNegative, CheckThat } from '../columns/check-constraints';
import { MoneyColumn, PercentColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Customer } from './customer.entity';
import { VersionedRecord } from './versioned-record.base';

const TABLE = 'customer_cash_profiles';

/**
 * How cash application treats one customer's payments: the small differences its account may
 * absorb as write-offs (both limits apply, the smaller wins; in the customer's currency) and
 * the days after a discount deadline a payment still earns the discount (mail float). A
 * customer without a row gets no write-offs and no grace days.
 */
@Entity({ name: TABLE })
@CheckNonNegative(TABLE, 'write_off_absolute', 'discount_grace_days')
@CheckThat(TABLE, 'write_off_percent_range', 'write_off_percent BETWEEN 0 AND 100')
@CheckThat(TABLE, 'discount_grace_days_limit', 'discount_grace_days <= 60')
export class CustomerCashProfile extends VersionedRecord {
  @Column({ type: 'uuid', unique: true })
  customerId!: string;

  @OneToOne(() => Customer, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @MoneyColumn({ default: '0' })
  writeOffAbsolute!: DecimalString;

  @PercentColumn({ default: '0' })
  writeOffPercent!: DecimalString;

  @Column({ type: 'integer', default: 0 })
  discountGraceDays!: number;
}
