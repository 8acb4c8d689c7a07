import { Column, Entity, Index } from 'typeorm';
import { CheckThat } from '../columns/check-constraints';
import { PercentColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { VersionedRecord } from './versioned-record.base';

const TAX_RATES = 'tax_rates';

/**
 * Sales tax rates by ship-to region ('*' = any region without its own), applied to invoices by
 * the rule in libs/domain/src/invoicing/tax-rate.policy.ts. Policy data, changed through
 * /process/v1/tax-rates; an issued invoice keeps the rate it was issued with.
 */
@Entity({ name: TAX_RATES })
@Index(['region', 'validFrom'])
@CheckThat(TAX_RATES, 'rate_percent_range', 'rate_percent >= 0 AND rate_percent < 100')
@CheckThat(TAX_RATES, 'valid_range', 'valid_to IS NULL OR valid_to >= valid_from')
export class TaxRate extends VersionedRecord {
  @Column({ type: 'text' })
  region!: string;

  @PercentColumn()
  ratePercent!: DecimalString;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
