import { Injectable } from '@nestjs/common';
import type { PublishedEventType } from '@o2c/domain';
import type { RelatedObject } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface ProcessEventRow {
  objectId: string;
  activity: string;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
  relatedObjects: RelatedObject[];
  correlationId: string | null;
}

export interface OutboxRow {
  aggregateId: string;
  eventType: PublishedEventType;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
}

/** An event as written: its sequence and time are the database's. */
export interface WrittenEventRow {
  sequence: string;
  objectId: string;
  activity: string;
  occurredAt: Date;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
}

/** Events and messages in one statement, each table in the order given: the bigserial
 *  sequence then orders events that share a timestamp. Returns the events as written, in
 *  sequence order (numeric, as OrderDetailReader lists them). */
const INSERT_EVENTS_AND_OUTBOX = `
  WITH events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
    SELECT 'order', e.doc->>'objectId', e.doc->>'activity', e.doc->>'actor', e.doc->>'reason',
           e.doc->'data', e.doc->'relatedObjects', e.doc->>'correlationId'
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
     ORDER BY e.n
    RETURNING sequence AS position, object_id, activity, occurred_at, actor, reason, data
  ), outbox AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT 'order', m.doc->>'aggregateId', m.doc->>'eventType', m.doc->'payload', m.doc->'headers'
      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(doc, n)
     ORDER BY m.n
  )
  SELECT position::text AS sequence, object_id AS "objectId", activity,
         occurred_at AS "occurredAt", actor, reason, data
    FROM events
   ORDER BY position`;

/**
 * The process event log (object type 'order') and the transactional outbox: one statement
 * per command, in the command's transaction. Neither table is audited: both are append-only
 * records of events in their own right.
 */
@Injectable()
export class ProcessLogRepository {
  async append(
    manager: EntityManager,
    events: ProcessEventRow[],
    outbox: OutboxRow[],
  ): Promise<WrittenEventRow[]> {
    if (events.length === 0 && outbox.length === 0) return [];
    return manager.query<WrittenEventRow[]>(INSERT_EVENTS_AND_OUTBOX, [
      JSON.stringify(events),
      JSON.stringify(outbox),
    ]);
  }
}
