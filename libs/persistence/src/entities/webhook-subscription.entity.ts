import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckIn, CheckThat } from '../columns/check-constraints';
import { Customer } from './customer.entity';
import { VersionedRecord } from './versioned-record.base';

export const WEBHOOK_SUBSCRIPTION_STATUSES = ['active', 'disabled'] as const;
export type WebhookSubscriptionStatus = (typeof WEBHOOK_SUBSCRIPTION_STATUSES)[number];

/** A partner's API client registered it (bound to one of its accounts), or internal staff. */
export const WEBHOOK_SUBSCRIBER_KINDS = ['partner', 'internal'] as const;
export type WebhookSubscriberKind = (typeof WEBHOOK_SUBSCRIBER_KINDS)[number];

/** One HMAC signing secret (`whsec_...`); the current one has no expiry, the previous one
 *  signs too until `expiresAt` (secret rotation). Times are ISO UTC. */
export interface WebhookSigningSecret {
  secret: string;
  createdAt: string;
  expiresAt: string | null;
}

const TABLE = 'webhook_subscriptions';

/**
 * An endpoint that receives signed webhooks for the event types it selects (`order.released`,
 * `order.*`, `*`). Partner subscriptions are bound to one customer account and only hear about
 * it; internal ones hear about every account unless bound to one. The signing secrets are kept
 * in clear (they key an HMAC): audit images redact them.
 */
@Entity({ name: TABLE })
@Index(['customerId', 'createdAt'])
@Index(['status'])
@CheckIn(TABLE, 'status', WEBHOOK_SUBSCRIPTION_STATUSES)
@CheckIn(TABLE, 'subscriber_kind', WEBHOOK_SUBSCRIBER_KINDS)
@CheckThat(TABLE, 'partner_bound', "subscriber_kind <> 'partner' OR customer_id IS NOT NULL")
@CheckThat(TABLE, 'event_types_present', 'cardinality(event_types) > 0')
export class WebhookSubscription extends VersionedRecord {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  url!: string;

  /** Event types and wildcards, normalized (no duplicates, none covered by another). */
  @Column({ type: 'text', array: true })
  eventTypes!: string[];

  @Column({ type: 'text' })
  subscriberKind!: WebhookSubscriberKind;

  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer | null;

  /** principalKey() of who registered it, e.g. 'partner_client:pc_1a2b'. */
  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'text', default: 'active' })
  status!: WebhookSubscriptionStatus;

  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ type: 'jsonb' })
  signingSecrets!: WebhookSigningSecret[];
}
