import type { WebhookDelivery, WebhookDeliveryAttempt } from '@o2c/persistence';

export interface DeliveryAttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  outcome: string;
  statusCode: number | null;
  errorCode: string | null;
  error: string | null;
  responseExcerpt: string | null;
  probe: boolean;
}

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  messageId: string;
  eventType: string;
  status: string;
  attempts: number;
  queuedAt: string;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  attemptLog: DeliveryAttemptView[];
  createdAt: string;
}

const instant = (value: Date | null) => (value === null ? null : value.toISOString());

function presentAttempt(attempt: WebhookDeliveryAttempt): DeliveryAttemptView {
  return {
    attempt: attempt.attemptNumber,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    outcome: attempt.outcome,
    statusCode: attempt.statusCode,
    errorCode: attempt.errorCode,
    error: attempt.error,
    responseExcerpt: attempt.responseExcerpt,
    probe: attempt.probe,
  };
}

export function presentDelivery(
  delivery: WebhookDelivery,
  attempts: readonly WebhookDeliveryAttempt[],
): DeliveryView {
  return {
    id: delivery.id,
    subscriptionId: delivery.subscriptionId,
    messageId: delivery.messageId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    queuedAt: delivery.queuedAt.toISOString(),
    // While pending it is the due time (or the end of an attempt's lease).
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
    lastAttemptAt: instant(delivery.lastAttemptAt),
    lastStatusCode: delivery.lastStatusCode,
    lastErrorCode: delivery.lastErrorCode,
    lastError: delivery.lastError,
    deliveredAt: instant(delivery.deliveredAt),
    occurredAt: delivery.occurredAt.toISOString(),
    payload: delivery.payload,
    attemptLog: attempts.map(presentAttempt),
    createdAt: delivery.createdAt.toISOString(),
  };
}
