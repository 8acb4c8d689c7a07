import { Column, Entity, Index } from 'typeorm';
import { CheckCurrency, CheckIn, CheckNonNegative, CheckThat } from '../columns/check-constraints';
import { CurrencyColumn, MoneyColumn, PercentColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { type PostalAddress, VersionedRecord } from './versioned-record.base';

export const CUSTOMER_STATUSES = ['active', 'credit_hold', 'blocked'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const PRICE_DEVIATION_ACTIONS = ['hold', 'correct'] as const;
export type PriceDeviationAction = (typeof PRICE_DEVIATION_ACTIONS)[number];

/** backorder the short remainder, cancel it at once, or hold the order for inventory review. */
export const SHORTAGE_POLICIES = ['backorder', 'cancel', 'review'] as const;
export type ShortagePolicy = (typeof SHORTAGE_POLICIES)[number];

const TABLE = 'customers';

@Entity({ name: TABLE })
@CheckIn(TABLE, 'status', CUSTOMER_STATUSES)
@CheckIn(TABLE, 'risk_tier', RISK_TIERS)
@CheckIn(TABLE, 'price_deviation_action', PRICE_DEVIATION_ACTIONS)
@CheckIn(TABLE, 'shortage_policy', SHORTAGE_POLICIES)
@CheckCurrency(TABLE)
@CheckNonNegative(TABLE, 'credit_limit', 'price_tolerance_percent', 'overdue_days_limit')
@CheckThat(TABLE, 'margin_floor_percent_range', 'margin_floor_percent BETWEEN -100 AND 100')
export class Customer extends VersionedRecord {
  @Column({ type: 'text', unique: true })
  customerNumber!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index()
  @Column({ type: 'text', default: 'active' })
  status!: CustomerStatus;

  @MoneyColumn({ default: '0' })
  creditLimit!: DecimalString;

  @CurrencyColumn()
  currency!: string;

  /** Terms code such as 'NET30', '2/10 NET30', 'NET30 EOM'; parsed by the domain library. */
  @Column({ type: 'text' })
  paymentTerms!: string;

  /** Usually an e-mail address; notified when an order of this account is held. */
  @Index()
  @Column({ type: 'text', nullable: true })
  accountManager!: string | null;

  @Column({ type: 'text', default: 'low' })
  riskTier!: RiskTier;

  @Column({ type: 'jsonb' })
  billTo!: PostalAddress;

  /** Replaces allow_backorders (true was backorder, false review); the API still shows it. */
  @Column({ type: 'text', default: 'backorder' })
  shortagePolicy!: ShortagePolicy;

  @Column({ type: 'boolean', default: false })
  allowSubstitutions!: boolean;

  /** A customer's requested price within this tolerance of the contract price is accepted. */
  @PercentColumn({ default: '0' })
  priceTolerancePercent!: DecimalString;

  @Column({ type: 'text', default: 'hold' })
  priceDeviationAction!: PriceDeviationAction;

  /** Invoices overdue longer than this put new orders on credit hold. */
  @Column({ type: 'integer', default: 30 })
  overdueDaysLimit!: number;

  /** Lines below this gross margin are flagged; null = no floor. */
  @PercentColumn({ nullable: true })
  marginFloorPercent!: DecimalString | null;

  /** Other names and bank accounts this customer pays under, for cash application. */
  @Index({ type: 'gin' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  externalAliases!: string[];
}
