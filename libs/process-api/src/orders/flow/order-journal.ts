import { assertTransition, type OrderStatus, type PublishedEventType } from '@o2c/domain';
import { currentAuditContext } from '@o2c/governance';
import type { RelatedObject, StatementBatch } from '@o2c/persistence';
import type {
  OutboxRow,
  ProcessEventRow,
  ProcessLogRepository,
  WrittenEventRow,
} from '../persistence/process-log.repository';
import type { FlowActor } from './flow-actor';

export interface EventDetails {
  reason?: string | null;
  data?: Record<string, unknown>;
  related?: RelatedObject[];
}

/**
 * What one command did to orders, collected as it goes and written once at the end, in the
 * command's transaction: process events (every status change, each checked against the
 * lifecycle) and outbox messages.
 */
export class OrderJournal {
  private readonly events: ProcessEventRow[] = [];
  private readonly messages: OutboxRow[] = [];
  private readonly correlationId = currentAuditContext()?.correlationId ?? null;

  constructor(readonly actor: FlowActor) {}

  /** Moves the order to `to` (throws ORDER.INVALID_TRANSITION when the lifecycle forbids it). */
  transition(
    order: { id: string; status: OrderStatus },
    to: OrderStatus,
    activity: string,
    details: EventDetails = {},
  ): void {
    assertTransition(order.status, to);
    order.status = to;
    this.record(order.id, activity, { ...details, data: { status: to, ...details.data } });
  }

  record(orderId: string, activity: string, details: EventDetails = {}): void {
    this.events.push({
      objectId: orderId,
      activity,
      actor: this.actor.principal,
      reason: details.reason ?? null,
      data: details.data ?? {},
      relatedObjects: details.related ?? [],
      correlationId: this.correlationId,
    });
  }

  publish(orderId: string, eventType: PublishedEventType, payload: Record<string, unknown>): void {
    this.messages.push({
      aggregateId: orderId,
      eventType,
      payload: { eventType, orderId, ...payload },
      headers: this.correlationId === null ? {} : { correlationId: this.correlationId },
    });
  }

  /** Adds what was collected to the command's batch; `written` gets the stored events. */
  flushInto(
    batch: StatementBatch,
    log: ProcessLogRepository,
    written: (events: WrittenEventRow[]) => void,
  ): void {
    log.append(batch, this.events.splice(0), this.messages.splice(0), written);
  }
}
