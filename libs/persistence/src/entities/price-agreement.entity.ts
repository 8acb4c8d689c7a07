import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Unique } from 'typeorm';
import {
  CheckCurrency,
  CheckNonNegative,
  CheckPositive,
  CheckThat,
} from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn, QuantityColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Customer } from './customer.entity';
import { Item } from './item.entity';
import { VersionedRecord } from './versioned-record.base';

/** A customer's contract price for an item over a date range (valid_to inclusive, open-ended when null). */
@Entity({ name: 'price_agreements' })
@Index(['customerId', 'itemId', 'validFrom'])
@CheckCurrency('price_agreements')
@CheckNonNegative('price_agreements', 'contract_price')
@CheckThat('price_agreements', 'validity', 'valid_to IS NULL OR valid_to >= valid_from')
export class PriceAgreement extends VersionedRecord {
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;

  @Index()
  @Column({ type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'item_id' })
  item?: Item;

  @CurrencyColumn()
  currency!: string;

  @MoneyColumn()
  contractPrice!: DecimalString;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @OneToMany(() => PriceAgreementBreak, (priceBreak) => priceBreak.agreement)
  breaks?: PriceAgreementBreak[];
}

/** Quantity break: from `min_quantity` (in base units) the unit price is `unit_price`. */
@Entity({ name: 'price_agreement_breaks' })
@Unique(['agreementId', 'minQuantity'])
@CheckPositive('price_agreement_breaks', 'min_quantity')
@CheckNonNegative('price_agreement_breaks', 'unit_price')
export class PriceAgreementBreak extends VersionedRecord {
  @Column({ type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => PriceAgreement, (agreement) => agreement.breaks, {
    onDelete: 'CASCADE',
    nullable: false,
  })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: PriceAgreement;

  @QuantityColumn()
  minQuantity!: DecimalString;

  @MoneyColumn()
  unitPrice!: DecimalString;
}
