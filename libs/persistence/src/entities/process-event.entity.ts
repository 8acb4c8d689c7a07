import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An object an event touches besides its main object (OCEL 2.0 event-to-object relation). */
export interface RelatedObject {
  type: string;
  id: string;
  qualifier?: string;
}

/**
 * The process event log, append-only: one row per state transition or business activity,
 * written in the transaction that made the change. `sequence` orders events that share a
 * timestamp. Source of KPIs and of the OCEL 2.0 export.
 */
@Entity({ name: 'process_events' })
@Index(['objectType', 'objectId', 'occurredAt'])
@Index(['activity', 'occurredAt'])
@Index(['occurredAt'])
export class ProcessEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** bigint, as a string. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  sequence!: string;

  /** e.g. 'sales_order', 'invoice', 'payment'. */
  @Column({ type: 'text' })
  objectType!: string;

  @Column({ type: 'text' })
  objectId!: string;

  /** e.g. 'order.validated', 'hold.released'. */
  @Column({ type: 'text' })
  activity!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  /** Principal or system component that caused it. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  relatedObjects!: RelatedObject[];

  /** Not indexed: events are read by their object; a request's trail is found through the
   *  audit log, whose correlation id is indexed. */
  @Column({ type: 'text', nullable: true })
  correlationId!: string | null;
}
