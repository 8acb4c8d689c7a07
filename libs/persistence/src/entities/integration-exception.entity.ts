import { Column, Entity, Index } from 'typeorm';
import { CheckIn, CheckNonNegative } from '../columns/check-constraints';
import { VersionedRecord } from './versioned-record.base';

/** Where an exception came from: an outbound delivery, an inbound event, or any other integration. */
export const INTEGRATION_EXCEPTION_KINDS = [
  'outbound_delivery',
  'inbound_event',
  'integration_error',
] as const;
export type IntegrationExceptionKind = (typeof INTEGRATION_EXCEPTION_KINDS)[number];

export const INTEGRATION_EXCEPTION_STATUSES = [
  'open',
  'replayed',
  'discarded',
  'resolved',
] as const;
export type IntegrationExceptionStatus = (typeof INTEGRATION_EXCEPTION_STATUSES)[number];

const TABLE = 'integration_exceptions';

/**
 * The one exception queue: outbound messages that exhausted their retries, inbound events that
 * failed validation and other integration errors, each with its error detail and the payload, so
 * a person can inspect, replay or discard it (every action audited). Written in its own
 * transaction, after the failing one rolled back.
 */
@Entity({ name: TABLE })
@Index(['status', 'createdAt'])
@Index(['kind', 'status'])
@Index(['partner', 'status'])
@CheckIn(TABLE, 'kind', INTEGRATION_EXCEPTION_KINDS)
@CheckIn(TABLE, 'status', INTEGRATION_EXCEPTION_STATUSES)
@CheckNonNegative(TABLE, 'replay_count')
export class IntegrationException extends VersionedRecord {
  @Column({ type: 'text' })
  kind!: IntegrationExceptionKind;

  /** e.g. 'wms:dc-east', 'carrier:ups', 'webhook:<subscription id>', 'nats'. */
  @Column({ type: 'text' })
  source!: string;

  /** The partner or client concerned (API client id or customer id), when known. */
  @Column({ type: 'text', nullable: true })
  partner!: string | null;

  /** e.g. 'shipment.shipped', 'invoice.issued'. */
  @Column({ type: 'text' })
  eventType!: string;

  /** The id the failing message carries: outbox message id, sender's event id... */
  @Index()
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  /** Stable machine-readable error, e.g. 'ORDER_NOT_FOUND', 'HTTP_500', 'TIMEOUT'. */
  @Column({ type: 'text' })
  errorCode!: string;

  @Column({ type: 'text' })
  errorDetail!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'open' })
  status!: IntegrationExceptionStatus;

  @Column({ type: 'integer', default: 0 })
  replayCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionReason!: string | null;
}
