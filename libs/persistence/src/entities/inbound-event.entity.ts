import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CheckIn } from '../columns/check-constraints';

export const INBOUND_EVENT_STATUSES = ['received', 'processed', 'ignored', 'failed'] as const;
export type InboundEventStatus = (typeof INBOUND_EVENT_STATUSES)[number];

/**
 * Inbox for events from WMS, carriers and banks: inserting (source, external_event_id) with
 * ON CONFLICT DO NOTHING de-duplicates re-deliveries; `occurred_at` lets handlers ignore an
 * event older than what they already applied.
 */
@Entity({ name: 'inbound_events' })
@Unique(['source', 'externalEventId'])
@Index(['status', 'receivedAt'])
@CheckIn('inbound_events', 'status', INBOUND_EVENT_STATUSES)
export class InboundEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Sender, e.g. 'wms:dc-east' or 'carrier:ups'. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  externalEventId!: string;

  @Column({ type: 'text' })
  eventType!: string;

  /** When it happened at the source. */
  @Column({ type: 'timestamptz', nullable: true })
  occurredAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'received' })
  status!: InboundEventStatus;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
