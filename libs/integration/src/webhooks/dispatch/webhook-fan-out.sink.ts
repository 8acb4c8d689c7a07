import { Injectable } from '@nestjs/common';
import { subscriptionReceives, type SubscriberKind } from '@o2c/domain';
import type { EntityManager } from 'typeorm';
import type { OutboxSink, RelayedMessage } from '../../outbox/outbox-sink';

interface SubscriptionRow {
  id: string;
  event_types: string[];
  subscriber_kind: SubscriberKind;
  customer_id: string | null;
}

/** Active subscriptions that may hear about this account: unbound ones and those bound to it. */
const CANDIDATES = `
  SELECT id, event_types, subscriber_kind, customer_id
    FROM webhook_subscriptions
   WHERE status = 'active' AND (customer_id IS NULL OR customer_id = $1)`;

/** One delivery per subscription; a message relayed again (at least once) adds nothing. */
const INSERT_DELIVERIES = `
  INSERT INTO webhook_deliveries (subscription_id, message_id, event_type, payload, occurred_at)
  SELECT subscription_id, $2, $3, $4::jsonb, $5
    FROM unnest($1::uuid[]) AS subscription_id
  ON CONFLICT (subscription_id, message_id) DO NOTHING`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer account an event is about, when its payload names one. */
function customerOf(message: RelayedMessage): string | null {
  const customerId = message.payload.customerId;
  return typeof customerId === 'string' && UUID.test(customerId) ? customerId : null;
}

/**
 * The outbox relay's webhook sink: in the relay's transaction, one delivery row per active
 * subscription that receives the message (domain rule: its patterns select the type, a bound
 * subscription hears about its own account only, partners get partner-visible types only).
 * The dispatcher sends them; nothing leaves the process here, so this sink is never
 * "unavailable".
 */
@Injectable()
export class WebhookFanOutSink implements OutboxSink {
  readonly name = 'webhooks';

  async deliver(message: RelayedMessage, manager: EntityManager): Promise<void> {
    const customerId = customerOf(message);
    const candidates = await manager.query<SubscriptionRow[]>(CANDIDATES, [customerId]);
    const receivers = candidates.filter((row) =>
      subscriptionReceives(
        {
          eventTypes: row.event_types,
          subscriberKind: row.subscriber_kind,
          customerId: row.customer_id,
        },
        { eventType: message.eventType, customerId },
      ),
    );
    if (receivers.length === 0) return;
    await manager.query(INSERT_DELIVERIES, [
      receivers.map((row) => row.id),
      message.id,
      message.eventType,
      JSON.stringify(message.payload),
      message.createdAt,
    ]);
  }
}
