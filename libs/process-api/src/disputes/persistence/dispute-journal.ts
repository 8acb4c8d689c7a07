import type { PublishedEventType } from '@o2c/domain';
import { presentMoney } from '@o2c/http';
import type { Dispute, RelatedObject, Task } from '@o2c/persistence';
import type { EntityManager } from 'typeorm';
import { recordTaskEvents, type TaskEvent } from '../../work-queues/task-events.recorder';

export const DISPUTE_OBJECT = 'dispute';

/** The objects a dispute's events touch besides the dispute (OCEL 2.0 relations). */
export function disputeRelations(dispute: Dispute, task?: Task | null): RelatedObject[] {
  const related: RelatedObject[] = [
    { type: 'invoice', id: dispute.invoiceId, qualifier: 'disputed' },
    { type: 'customer', id: dispute.customerId, qualifier: 'disputing' },
  ];
  if (dispute.paymentId) {
    related.push({ type: 'payment', id: dispute.paymentId, qualifier: 'deducted by' });
  }
  if (task) related.push({ type: 'task', id: task.id, qualifier: 'worked in' });
  return related;
}

interface DisputeEventBase {
  actor: string;
  reason?: string | null;
  data: Record<string, unknown>;
  related?: RelatedObject[];
}

/** Published through the outbox as its activity (customers, collectors, finance), or not. */
export type DisputeEvent = DisputeEventBase &
  ({ activity: PublishedEventType; publish: true } | { activity: string; publish?: false });

/**
 * A dispute's history: process events (object type 'dispute', the timeline of its detail
 * view) and, for what leaves the platform, outbox messages, in the command's transaction.
 */
export function recordDisputeEvents(
  manager: EntityManager,
  dispute: Dispute,
  task: Task | null,
  events: DisputeEvent[],
  taskEvents: TaskEvent[] = [],
): Promise<void> {
  return recordTaskEvents(manager, disputeTaskEvents(dispute, task, events, taskEvents));
}

/** The dispute's events as task events (with their outbox payloads), then `taskEvents`. */
export function disputeTaskEvents(
  dispute: Dispute,
  task: Task | null,
  events: DisputeEvent[],
  taskEvents: TaskEvent[] = [],
): TaskEvent[] {
  const summary = disputeSummary(dispute);
  return [
    ...events.map((event): TaskEvent => ({
      objectType: DISPUTE_OBJECT,
      objectId: dispute.id,
      activity: event.activity,
      actor: event.actor,
      reason: event.reason ?? null,
      data: event.data,
      relatedObjects: [...disputeRelations(dispute, task), ...(event.related ?? [])],
      ...(event.publish
        ? {
            publishAs: {
              aggregateType: DISPUTE_OBJECT,
              aggregateId: dispute.id,
              eventType: event.activity,
              payload: { ...summary, ...event.data },
            },
          }
        : {}),
    })),
    ...taskEvents,
  ];
}

/** What every published dispute event carries, so consumers need no read-back. */
export function disputeSummary(dispute: Dispute): Record<string, unknown> {
  return {
    disputeId: dispute.id,
    disputeNumber: disputeNumberOf(dispute.disputeNumber),
    customerId: dispute.customerId,
    invoiceId: dispute.invoiceId,
    paymentId: dispute.paymentId,
    category: dispute.category,
    status: dispute.status,
    owner: dispute.owner,
    amount: presentMoney(dispute.amount, dispute.currency),
  };
}

/** As disputes print: DSP, dash, the number zero-padded to 8 digits. */
export function disputeNumberOf(sequence: string): string {
  return `DSP-${String(sequence).padStart(8, '0')}`;
}
