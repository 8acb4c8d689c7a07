import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CheckIn, CheckNonNegative } from '../columns/check-constraints';
import { UpdatedAtColumn } from '../columns/column-types';
import { WebhookSubscription } from './webhook-subscription.entity';

export const WEBHOOK_CIRCUIT_STATUSES = ['closed', 'open', 'half_open'] as const;
export type WebhookCircuitStatus = (typeof WEBHOOK_CIRCUIT_STATUSES)[number];

const TABLE = 'webhook_circuits';

/**
 * The circuit breaker of one subscription's endpoint (rules in the domain library), kept apart
 * from the subscription so that delivery outcomes never bump its version (its ETag).
 */
@Entity({ name: TABLE })
@CheckIn(TABLE, 'status', WEBHOOK_CIRCUIT_STATUSES)
@CheckNonNegative(TABLE, 'consecutive_failures')
export class WebhookCircuit {
  @PrimaryColumn({ type: 'uuid' })
  subscriptionId!: string;

  @OneToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscription;

  @Column({ type: 'text', default: 'closed' })
  status!: WebhookCircuitStatus;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  /** Open: when a probe may go; half-open: until when the probe in flight holds it. */
  @Column({ type: 'timestamptz', nullable: true })
  probeAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailureAt!: Date | null;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
