import { Injectable } from '@nestjs/common';
import type { PublishedEventType } from '@o2c/domain';
import type { RelatedObject } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface ShipmentEventLogRow {
  shipmentId: string;
  activity: string;
  occurredAt: string;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
  relatedObjects: RelatedObject[];
  correlationId: string | null;
}

export interface ShipmentOutboxRow {
  shipmentId: string;
  eventType: PublishedEventType;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Events (object type 'shipment', at the time they happened at the source) and outbox
 *  messages (aggregate 'shipment') in one statement, each in the order given. */
const INSERT_EVENTS_AND_OUTBOX = `
  WITH events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, occurred_at, actor, reason, data, related_objects,
       correlation_id)
    SELECT 'shipment', e.doc->>'shipmentId', e.doc->>'activity', (e.doc->>'occurredAt')::timestamptz,
           e.doc->>'actor', e.doc->>'reason', e.doc->'data', e.doc->'relatedObjects',
           e.doc->>'correlationId'
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
     ORDER BY e.n
    RETURNING 1
  ), outbox AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT 'shipment', m.doc->>'shipmentId', m.doc->>'eventType', m.doc->'payload', m.doc->'headers'
      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(doc, n)
     ORDER BY m.n
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM outbox)::int AS messages`;

/**
 * The shipment's side of the process event log and the transactional outbox, written in the
 * command's transaction. Append-only and not audited, as the order's.
 */
@Injectable()
export class ShipmentLogRepository {
  async append(
    manager: EntityManager,
    events: ShipmentEventLogRow[],
    outbox: ShipmentOutboxRow[],
  ): Promise<void> {
    if (events.length === 0 && outbox.length === 0) return;
    await manager.query(INSERT_EVENTS_AND_OUTBOX, [JSON.stringify(events), JSON.stringify(outbox)]);
  }
}
