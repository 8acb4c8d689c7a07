import type { PublishedEventType } from '@o2c/domain';
import type { RelatedObject } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

/** Who the timers act as in the event log. */
export const TIMER_ACTOR = 'system:worker-timers';

/** A business event a timer caused: a process-log row (when `log`) and an outbox message. */
export interface TimerEvent {
  objectType: string;
  objectId: string;
  activity: PublishedEventType;
  reason: string;
  data: Record<string, unknown>;
  relatedObjects: RelatedObject[];
  /** Also append to the process event log (state changes; not plain reminders). */
  log: boolean;
  aggregateType: string;
  aggregateId: string;
}

const INSERT_EVENTS = `
  WITH events AS (
    INSERT INTO process_events (object_type, object_id, activity, actor, reason, data, related_objects)
    SELECT e.doc->>'objectType', e.doc->>'objectId', e.doc->>'activity', e.doc->>'actor',
           e.doc->>'reason', e.doc->'data', e.doc->'relatedObjects'
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
     ORDER BY e.n
    RETURNING 1
  ), outbox AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT m.doc->>'aggregateType', m.doc->>'aggregateId', m.doc->>'eventType', m.doc->'payload',
           '{}'::jsonb
      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(doc, n)
     ORDER BY m.n
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM outbox)::int AS messages`;

/**
 * Writes timer events in the timer's transaction, one statement: they commit with the change
 * they describe (the task reassigned, the reminder level raised) or not at all. Payloads
 * follow the task events of the process API: the data, the object, related objects, time,
 * actor and reason.
 */
export async function writeTimerEvents(
  manager: EntityManager,
  events: readonly TimerEvent[],
  occurredAt: Date,
): Promise<void> {
  if (events.length === 0) return;
  const logged = events
    .filter((event) => event.log)
    .map((event) => ({
      objectType: event.objectType,
      objectId: event.objectId,
      activity: event.activity,
      actor: TIMER_ACTOR,
      reason: event.reason,
      data: event.data,
      relatedObjects: event.relatedObjects,
    }));
  const messages = events.map((event) => ({
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    eventType: event.activity,
    payload: {
      eventType: event.activity,
      ...event.data,
      object: { type: event.objectType, id: event.objectId },
      relatedObjects: event.relatedObjects,
      occurredAt: occurredAt.toISOString(),
      actor: TIMER_ACTOR,
      reason: event.reason,
    },
  }));
  await manager.query(INSERT_EVENTS, [JSON.stringify(logged), JSON.stringify(messages)]);
}
