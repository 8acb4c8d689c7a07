import type { PublishedEventType } from '@o2c/domain';
import { currentAuditContext } from '@o2c/governance';
import {
  INSERT_EVENTS_AND_OUTBOX,
  OutboxMessage,
  ProcessEvent,
  type RelatedObject,
} from '@o2c/persistence';
import type { EntityManager } from 'typeorm';

export interface TaskEvent {
  objectType: string;
  objectId: string;
  activity: string;
  actor: string;
  reason?: string | null;
  data?: Record<string, unknown>;
  relatedObjects?: RelatedObject[];
  /** Also leave through the outbox (notifications, integrations); `payload` defaults to `data`. */
  publishAs?: {
    aggregateType: string;
    aggregateId: string;
    eventType: PublishedEventType;
    payload?: Record<string, unknown>;
  };
}

/**
 * Appends process events, and the outbox messages of those that leave the platform, inside the
 * caller's transaction: they commit with the state change or not at all. The request id of
 * the audit context ties both to the request's logs and audit rows.
 */
export async function recordTaskEvents(manager: EntityManager, events: TaskEvent[]): Promise<void> {
  const records = taskEventRecords(manager, events, new Date());
  await manager.save(records.events);
  if (records.messages.length > 0) await manager.save(records.messages);
}

/** The process events and outbox messages of `events`, as recordTaskEvents writes them. */
export function taskEventRecords(
  manager: EntityManager,
  events: readonly TaskEvent[],
  occurredAt: Date,
): { events: ProcessEvent[]; messages: OutboxMessage[] } {
  const correlationId = currentAuditContext()?.correlationId ?? null;
  const rows = events.map((event) =>
    manager.create(ProcessEvent, {
      objectType: event.objectType,
      objectId: event.objectId,
      activity: event.activity,
      occurredAt,
      actor: event.actor,
      reason: event.reason ?? null,
      data: event.data ?? {},
      relatedObjects: event.relatedObjects ?? [],
      correlationId,
    }),
  );
  const messages = events.flatMap((event) =>
    event.publishAs
      ? [
          manager.create(OutboxMessage, {
            aggregateType: event.publishAs.aggregateType,
            aggregateId: event.publishAs.aggregateId,
            eventType: event.publishAs.eventType,
            payload: {
              eventType: event.publishAs.eventType,
              ...(event.publishAs.payload ?? event.data),
              object: { type: event.objectType, id: event.objectId },
              relatedObjects: event.relatedObjects ?? [],
              occurredAt: occurredAt.toISOString(),
              actor: event.actor,
              reason: event.reason ?? null,
            },
            headers: correlationId ? { correlationId } : {},
          }),
        ]
      : [],
  );
  return { events: rows, messages };
}

/** recordTaskEvents for many events at once: the same rows, in one statement. */
export async function recordTaskEventsAtOnce(
  manager: EntityManager,
  events: readonly TaskEvent[],
  occurredAt: Date,
): Promise<void> {
  if (events.length === 0) return;
  const records = taskEventRecords(manager, events, occurredAt);
  await manager.query(INSERT_EVENTS_AND_OUTBOX, [
    JSON.stringify(records.events),
    JSON.stringify(
      records.messages.map((message) => ({
        aggregateType: message.aggregateType,
        aggregateId: message.aggregateId,
        eventType: message.eventType,
        payload: message.payload,
        headers: message.headers,
      })),
    ),
  ]);
}
