import { Injectable } from '@nestjs/common';
import type { PublishedEventType } from '@o2c/domain';
import { currentAuditContext } from '@o2c/governance';
import type { RelatedObject } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

/** A billing document the process log and the outbox speak about. */
export type BillingObjectType = 'invoice' | 'credit_memo';

export interface BillingEvent {
  objectType: BillingObjectType;
  objectId: string;
  activity: string;
  data: Record<string, unknown>;
  relatedObjects: RelatedObject[];
}

export interface BillingMessage {
  aggregateType: BillingObjectType;
  aggregateId: string;
  eventType: PublishedEventType;
  payload: Record<string, unknown>;
}

/** Events and outbox messages in one statement, in the caller's transaction. */
const INSERT_EVENTS_AND_OUTBOX = `
  WITH events AS (
    INSERT INTO process_events
      (object_type, object_id, activity, actor, reason, data, related_objects, correlation_id)
    SELECT e.doc->>'objectType', e.doc->>'objectId', e.doc->>'activity', $3, NULL,
           e.doc->'data', e.doc->'relatedObjects', $4
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
     ORDER BY e.n
    RETURNING 1
  )
  INSERT INTO outbox_messages (aggregate_type, aggregate_id, event_type, payload, headers)
  SELECT m.doc->>'aggregateType', m.doc->>'aggregateId', m.doc->>'eventType', m.doc->'payload',
         $5::jsonb
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(doc, n)
   ORDER BY m.n`;

/** Who billing events name: the platform acts, on behalf of whoever triggered it. */
export const BILLING_ACTOR = 'system:invoicing';

/**
 * The process event log and the transactional outbox for invoices and credit memos. The actor
 * is given by the use case; the correlation id comes from the request's audit context.
 */
@Injectable()
export class BillingLogWriter {
  async append(
    manager: EntityManager,
    actor: string,
    events: BillingEvent[],
    messages: BillingMessage[],
  ): Promise<void> {
    const correlationId = currentAuditContext()?.correlationId ?? null;
    const headers = correlationId === null ? {} : { correlationId };
    await manager.query(INSERT_EVENTS_AND_OUTBOX, [
      JSON.stringify(events),
      JSON.stringify(messages),
      actor,
      correlationId,
      JSON.stringify(headers),
    ]);
  }
}
