import type { PublishedEventType } from '@o2c/domain';
import { INSERT_EVENTS_AND_OUTBOX, type RelatedObject } from '@o2c/persistence';
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
    headers: {},
  }));
  // Events without occurredAt: they take the transaction's time, as the change they describe.
  await manager.query(INSERT_EVENTS_AND_OUTBOX, [JSON.stringify(logged), JSON.stringify(messages)]);
}
