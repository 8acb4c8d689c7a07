import { currentAuditContext } from '@o2c/governance';
import { INSERT_EVENTS_AND_OUTBOX, type RelatedObject } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import type { CashActor } from '../cash-actor';

/** The event log's object type for payments, and the outbox aggregate of cash events. */
export const PAYMENT_OBJECT = 'payment';

interface EventRow {
  objectType: string;
  objectId: string;
  activity: string;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
  relatedObjects: RelatedObject[];
  correlationId: string | null;
}

interface MessageRow {
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Above this many rows an insert is split, to keep each statement's JSON parameter moderate. */
const ROWS_PER_STATEMENT = 5_000;

/**
 * What one cash command did, collected as it goes and written at the end of its transaction:
 * process events (object types 'payment' and 'cash_application') and outbox messages
 * (`payment.received`, `payment.applied`, `cash_application.reversed`). The request id of the
 * audit context ties them to the request's logs and audit rows.
 */
export class CashJournal {
  private readonly events: EventRow[] = [];
  private readonly messages: MessageRow[] = [];
  /** The request id of the audit context, which the events and messages carry. */
  readonly correlationId = currentAuditContext()?.correlationId ?? null;

  constructor(readonly actor: CashActor) {}

  record(
    objectType: string,
    objectId: string,
    activity: string,
    details: { reason?: string | null; data?: Record<string, unknown>; related?: RelatedObject[] },
  ): void {
    this.events.push({
      objectType,
      objectId,
      activity,
      actor: this.actor.principal,
      reason: details.reason ?? null,
      data: details.data ?? {},
      relatedObjects: details.related ?? [],
      correlationId: this.correlationId,
    });
  }

  publish(
    aggregateType: string,
    aggregateId: string,
    eventType: string,
    payload: Record<string, unknown>,
  ): void {
    this.messages.push({
      aggregateType,
      aggregateId,
      eventType,
      payload: {
        eventType,
        ...payload,
        occurredAt: new Date().toISOString(),
        actor: this.actor.principal,
      },
      headers: this.correlationId === null ? {} : { correlationId: this.correlationId },
    });
  }

  async flush(manager: EntityManager): Promise<void> {
    const events = this.events.splice(0);
    const messages = this.messages.splice(0);
    const rounds = Math.ceil(Math.max(events.length, messages.length) / ROWS_PER_STATEMENT);
    for (let round = 0; round < rounds; round += 1) {
      const from = round * ROWS_PER_STATEMENT;
      await manager.query(INSERT_EVENTS_AND_OUTBOX, [
        JSON.stringify(events.slice(from, from + ROWS_PER_STATEMENT)),
        JSON.stringify(messages.slice(from, from + ROWS_PER_STATEMENT)),
      ]);
    }
  }
}
