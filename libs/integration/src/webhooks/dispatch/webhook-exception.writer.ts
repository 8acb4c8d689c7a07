import type { EntityManager } from 'typeorm';
import type { ClaimedDelivery } from './webhook-delivery.claims';

/** The exception-queue source of a subscription's deliveries. */
export function webhookSource(subscriptionId: string): string {
  return `webhook:${subscriptionId}`;
}

/** The subscription a webhook exception's source names, if it is one. */
export function subscriptionIdOfSource(source: string): string | undefined {
  const match = /^webhook:([0-9a-f-]{36})$/i.exec(source);
  return match?.[1];
}

/** A replayed delivery that failed for good again re-opens its entry (one entry per message and
 *  subscription, its replay count kept); otherwise a new entry opens. */
const REOPEN = `
  UPDATE integration_exceptions
     SET status = 'open', error_code = $3, error_detail = $4, payload = $5::jsonb,
         resolved_at = NULL, resolved_by = NULL, resolution_reason = NULL,
         version = version + 1, updated_at = now()
   WHERE source = $1 AND reference = $2 AND status IN ('open', 'replayed')
  RETURNING id`;

const OPEN = `
  INSERT INTO integration_exceptions
    (kind, source, partner, event_type, reference, error_code, error_detail, payload)
  VALUES ('outbound_delivery', $1, $2, $3, $4, $5, $6, $7::jsonb)`;

/** Its retry window ran out: the exception queue gets the error and the payload to replay. */
export async function recordExhaustedDelivery(
  manager: EntityManager,
  delivery: ClaimedDelivery,
  failure: { attempts: number; errorCode: string; error: string; deadlineMs: number },
): Promise<void> {
  const source = webhookSource(delivery.subscriptionId);
  const detail =
    `${failure.attempts} attempt(s) to ${delivery.url} failed until the retry window closed ` +
    `at ${new Date(failure.deadlineMs).toISOString()}; the last: ${failure.error}`;
  const payload = JSON.stringify(delivery.payload);
  // RETURNING on an UPDATE comes back as [rows, count].
  const [reopened] = await manager.query<[{ id: string }[], number]>(REOPEN, [
    source,
    delivery.messageId,
    failure.errorCode,
    detail,
    payload,
  ]);
  if (reopened.length > 0) return;
  await manager.query(OPEN, [
    source,
    delivery.partner,
    delivery.eventType,
    delivery.messageId,
    failure.errorCode,
    detail,
    payload,
  ]);
}
