/**
 * Process events and outbox messages in one statement, each table in the order given
 * (sequence order). $1: a JSON array of events {objectType, objectId, activity, occurredAt?,
 * actor, reason, data, relatedObjects, correlationId}; an event without occurredAt takes the
 * column's default, the transaction's time. $2: a JSON array of messages {aggregateType,
 * aggregateId, eventType, payload, headers}. Answers the counts written.
 */
export const INSERT_EVENTS_AND_OUTBOX = `
  WITH events AS (
    INSERT INTO process_events (object_type, object_id, activity, occurred_at, actor, reason,
                                data, related_objects, correlation_id)
    SELECT e.doc->>'objectType', e.doc->>'objectId', e.doc->>'activity',
           COALESCE((e.doc->>'occurredAt')::timestamptz, now()), e.doc->>'actor',
           e.doc->>'reason', e.doc->'data', e.doc->'relatedObjects', e.doc->>'correlationId'
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
     ORDER BY e.n
    RETURNING 1
  ), outbox AS (
    INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
    SELECT m.doc->>'aggregateType', m.doc->>'aggregateId', m.doc->>'eventType', m.doc->'payload',
           m.doc->'headers'
      FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(doc, n)
     ORDER BY m.n
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM outbox)::int AS messages`;
