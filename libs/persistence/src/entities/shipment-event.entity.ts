import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CheckIn, CheckThat } from '../columns/check-constraints';
import { InboundEvent } from './inbound-event.entity';
import { Shipment, SHIPMENT_STATUSES, type ShipmentStatus } from './shipment.entity';
import { VersionedRecord } from './versioned-record.base';

/** Warehouse events (picked, packed, shipped) and carrier events share the shipment's statuses. */
export const SHIPMENT_EVENT_TYPES = SHIPMENT_STATUSES;
export type ShipmentEventType = ShipmentStatus;

/**
 * applied: it moved the shipment; parked: it waits for an earlier event (a carrier scan before
 * the warehouse confirmed the shipment); stale: older than what the shipment already shows,
 * kept as history without changing it.
 */
export const SHIPMENT_EVENT_STATUSES = ['applied', 'parked', 'stale'] as const;
export type ShipmentEventStatus = (typeof SHIPMENT_EVENT_STATUSES)[number];

const TABLE = 'shipment_events';

/**
 * The history of a shipment as its senders reported it, one row per accepted inbound event
 * (the inbox row de-duplicates re-deliveries; this row keeps what it did and the answer the
 * sender got, which a re-delivery gets again).
 */
@Entity({ name: TABLE })
@Index(['shipmentId', 'occurredAt'])
@Index(['carrier', 'trackingNumber'], { where: "status = 'parked'" })
@CheckIn(TABLE, 'type', SHIPMENT_EVENT_TYPES)
@CheckIn(TABLE, 'status', SHIPMENT_EVENT_STATUSES)
@CheckThat(TABLE, 'shipment_known', "status = 'parked' OR shipment_id IS NOT NULL")
@CheckThat(TABLE, 'applied_time', "(status = 'applied') = (applied_at IS NOT NULL)")
export class ShipmentEvent extends VersionedRecord {
  @Column({ type: 'uuid', unique: true })
  inboundEventId!: string;

  /** The sender's id of the event (unique per sender in inbound_events). */
  @Column({ type: 'text' })
  externalEventId!: string;

  @ManyToOne(() => InboundEvent, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'inbound_event_id' })
  inboundEvent?: InboundEvent;

  /** Null while a parked event names a shipment that is not known yet. */
  @Column({ type: 'uuid', nullable: true })
  shipmentId!: string | null;

  @ManyToOne(() => Shipment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'shipment_id' })
  shipment?: Shipment | null;

  @Column({ type: 'text' })
  type!: ShipmentEventType;

  /** When it happened at the source. */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  /** The sender, as in inbound_events.source ('wms:<client>', 'carrier:<client>'). */
  @Column({ type: 'text' })
  source!: string;

  /** Carrier SCAC and tracking number a parked carrier event waits for. */
  @Column({ type: 'text', nullable: true })
  carrier!: string | null;

  @Column({ type: 'text', nullable: true })
  trackingNumber!: string | null;

  @Index()
  @Column({ type: 'text' })
  status!: ShipmentEventStatus;

  /** What the event reported besides its type: location, exception, signature, lines... */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;

  /** The answer the sender received; a re-delivery of the same event gets it again. */
  @Column({ type: 'jsonb' })
  outcome!: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;
}
