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
import { CreatedAtColumn, UpdatedAtColumn } from '../columns/column-types';
import { WebhookSubscription } from './webhook-subscription.entity';

/** pending: waiting for its next attempt (or in flight, leased by a dispatcher); delivered;
 *  dead: its retry window ran out (an exception-queue entry exists); cancelled: its
 *  subscription was disabled before it got through. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const DELIVERIES = 'webhook_deliveries';

/**
 * One message for one subscription: written by the outbox relay's webhook sink in the relay's
 * transaction (or by a test ping), sent by the webhook dispatcher with `message_id` as the
 * webhook-id on every attempt, replays included, so the receiver can de-duplicate.
 */
@Entity({ name: DELIVERIES })
@Unique(['subscriptionId', 'messageId'])
@Index(['messageId'])
@Index(['subscriptionId', 'createdAt'])
// The integration failure rate counts deliveries by period.
@Index(['createdAt'])
// The dispatcher's scan: pending deliveries by due time.
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: "status = 'pending'" })
@CheckIn(DELIVERIES, 'status', WEBHOOK_DELIVERY_STATUSES)
@CheckNonNegative(DELIVERIES, 'attempts')
@CheckThat(DELIVERIES, 'delivered_at', "(status = 'delivered') = (delivered_at IS NOT NULL)")
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscription;

  /** The outbox message id (or a ping's own id): the webhook-id header. */
  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  eventType!: string;

  /** The event's data, sent as `data` of the body. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** When the event happened: the body's `timestamp`. */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When its retry window opened: queued, or re-queued by a replay. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  queuedAt!: Date;

  /** Due time of the next attempt; while in flight, the end of the dispatcher's lease. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** The dispatcher lease that may record this attempt's outcome. */
  @Column({ type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  lastErrorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

export const WEBHOOK_ATTEMPT_OUTCOMES = ['delivered', 'failed'] as const;
export type WebhookAttemptOutcome = (typeof WEBHOOK_ATTEMPT_OUTCOMES)[number];

const ATTEMPTS = 'webhook_delivery_attempts';

/** The delivery log: one row per HTTP attempt, append-only. */
@Entity({ name: ATTEMPTS })
@Index(['deliveryId', 'attemptNumber'])
@CheckIn(ATTEMPTS, 'outcome', WEBHOOK_ATTEMPT_OUTCOMES)
@CheckNonNegative(ATTEMPTS, 'duration_ms')
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDelivery;

  @Column({ type: 'integer' })
  attemptNumber!: number;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'text' })
  outcome!: WebhookAttemptOutcome;

  @Column({ type: 'integer', nullable: true })
  statusCode!: number | null;

  /** e.g. 'HTTP_500', 'TIMEOUT', 'CONNECTION_REFUSED', 'ADDRESS_NOT_ALLOWED'. */
  @Column({ type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The first bytes of the response body. */
  @Column({ type: 'text', nullable: true })
  responseExcerpt!: string | null;

  /** Sent as the circuit breaker's half-open probe. */
  @Column({ type: 'boolean', default: false })
  probe!: boolean;
}
