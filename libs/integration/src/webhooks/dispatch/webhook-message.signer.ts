import { createHmac } from 'node:crypto';
import { signatureHeader, signedContent, webhookSecretKey } from '@o2c/domain';

export interface WebhookMessage {
  /** webhook-id: the outbox message id (or a ping's own id). */
  readonly id: string;
  readonly eventType: string;
  readonly occurredAt: Date;
  readonly payload: Record<string, unknown>;
}

export const WEBHOOK_USER_AGENT = 'o2c-gateway-webhooks/1.0';

/** The body every attempt sends (Standard Webhooks payload shape): the same bytes each time. */
export function webhookBody(message: WebhookMessage): string {
  return JSON.stringify({
    type: message.eventType,
    timestamp: message.occurredAt.toISOString(),
    data: message.payload,
  });
}

/** HMAC-SHA256, keyed with the secret's decoded key bytes, as base64. */
export function hmacSignature(secret: string, content: string): string {
  return createHmac('sha256', Buffer.from(webhookSecretKey(secret), 'base64'))
    .update(content, 'utf8')
    .digest('base64');
}

/**
 * The headers of one attempt: webhook-id, webhook-timestamp (the attempt's time, which the
 * receiver checks against replays) and one `v1,` signature per secret in force.
 */
export function webhookHeaders(
  message: WebhookMessage,
  body: string,
  secrets: readonly string[],
  nowMs: number,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  const content = signedContent(message.id, timestamp, body);
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': message.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets.map((secret) => hmacSignature(secret, content))),
  };
}
