import { Injectable } from '@nestjs/common';
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
  eventType: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
}

/** In the order given: the bigserial sequence then orders events that share a timestamp. */
const INSERT_EVENTS = `
  INSERT INTO process_events
    (object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
  SELECT 'order', e.doc->>'objectId', e.doc->>'activity', e.doc->>'actor', e.doc->>'reason',
         e.doc->'data', e.doc->'relatedObjects', e.doc->>'correlationId'
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
   ORDER BY e.n`;

const INSERT_OUTBOX = `
  INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
  SELECT 'order', m.doc->>'aggregateId', m.doc->>'eventType', m.doc->'payload', m.doc->'headers'
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS m(doc, n)
   ORDER BY m.n`;

/**
 * The process event log (object type 'order') and the transactional outbox: one statement
 * each per command, in the command's transaction. Neither table is audited: both are
 * append-only records of events in their own right.
 */
@Injectable()
export class ProcessLogRepository {
  async append(manager: EntityManager, events: ProcessEventRow[], outbox: OutboxRow[]) {
    if (events.length > 0) await manager.query(INSERT_EVENTS, [JSON.stringify(events)]);
    if (outbox.length > 0) await manager.query(INSERT_OUTBOX, [JSON.stringify(outbox)]);
  }
}
