import { Injectable } from '@nestjs/common';
import type { PublishedEventType } from '@o2c/domain';
import { type RelatedObject, type StatementBatch, timeOrderedId } from '@o2c/persistence';

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

/** Events in the order given: the bigserial sequence then orders events that share a
 *  timestamp. Ids ($2) are time-ordered, as the outbox's: both keys grow at the right edge. */
const INSERT_EVENTS = `
  INSERT INTO process_events
    (id, object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
  SELECT ($2::uuid[])[e.n], 'order', e.doc->>'objectId', e.doc->>'activity', e.doc->>'actor', e.doc->>'reason',
         e.doc->'data', e.doc->'relatedObjects', e.doc->>'correlationId'
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
   ORDER BY e.n
  RETURNING sequence::text AS sequence, object_id AS "objectId", activity,
            occurred_at AS "occurredAt", actor, reason, data`;

const INSERT_OUTBOX = `
  INSERT INTO outbox_messages (id, aggregate_type, aggregate_id, event_type, payload, headers)
  SELECT ($2::uuid[])[m.n], 'order', m.doc->>'aggregateId', m.doc->>'eventType', m.doc->'payload', m.doc->'headers'
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS m(doc, n)
   ORDER BY m.n`;

type EventJson = Omit<WrittenEventRow, 'occurredAt'> & { occurredAt: string };

/**
 * The process event log (object type 'order') and the transactional outbox, written with the
 * command's other rows (its StatementBatch), in its transaction. Neither table is audited:
 * both are append-only records of events in their own right.
 */
@Injectable()
export class ProcessLogRepository {
  /** `written` receives the events as stored, in sequence order (numeric, as
   *  OrderDetailReader lists them), when the batch runs. */
  append(
    batch: StatementBatch,
    events: ProcessEventRow[],
    outbox: OutboxRow[],
    written: (events: WrittenEventRow[]) => void,
  ): void {
    if (events.length > 0) {
      batch.add({
        text: INSERT_EVENTS,
        values: [JSON.stringify(events), events.map(() => timeOrderedId())],
        settle: (rows) =>
          written(
            (rows as unknown as EventJson[])
              .map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }))
              .sort((a, b) => compareSequences(a.sequence, b.sequence)),
          ),
      });
    }
    if (outbox.length > 0) {
      batch.add({
        text: INSERT_OUTBOX,
        values: [JSON.stringify(outbox), outbox.map(() => timeOrderedId())],
      });
    }
  }
}

/** bigserial values as text, compared as numbers. */
function compareSequences(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
