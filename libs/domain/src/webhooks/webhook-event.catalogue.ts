import { eventTypeMatches } from './event-type.pattern';

export interface WebhookEventType {
  /** The outbox event type, e.g. 'order.released'. */
  readonly type: string;
  readonly description: string;
  /**
   * Whether partners may receive it (about their own accounts only). The others carry internal
   * detail (credit evidence, work-queue routing) and go to internal subscribers only.
   */
  readonly partnerVisible: boolean;
}

/** Sent by "send a test ping"; never an outbox event, never subscribed to. */
export const PING_EVENT_TYPE = 'webhook.ping';

/**
 * The event types the platform publishes through the outbox. A capability that publishes a new
 * type adds it here: internal subscribers receive any type their patterns select, but partners
 * only receive the types marked partnerVisible (an unknown type is internal).
 */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  {
    type: 'order.released',
    description:
      'An order was released to a warehouse: one event per warehouse with its pick lines',
    partnerVisible: true,
  },
  {
    type: 'order.cancelled',
    description: 'An order was cancelled; its stock went back to the warehouses',
    partnerVisible: true,
  },
  {
    type: 'order.rejected',
    description: 'An order was rejected (a hold was rejected, or the customer is blocked)',
    partnerVisible: true,
  },
  {
    type: 'order.held',
    description:
      'An order went on hold; notifies the account manager, with the holds and their evidence',
    partnerVisible: false,
  },
  {
    type: 'order.hold_released',
    description: 'A person approved a hold; notifies the account manager',
    partnerVisible: false,
  },
  {
    type: 'order.hold_rejected',
    description: 'A person rejected a hold; notifies the account manager',
    partnerVisible: false,
  },
  {
    type: 'task.reassigned',
    description: 'A work-queue task was handed to another role or person; notifies the new holder',
    partnerVisible: false,
  },
  {
    type: 'shipment.shipped',
    description: 'A shipment left the warehouse, with its advance ship notice (856-shaped)',
    partnerVisible: true,
  },
  {
    type: 'invoice.issued',
    description: 'An invoice was issued (published) for a shipment',
    partnerVisible: true,
  },
];

const BY_TYPE = new Map(WEBHOOK_EVENT_TYPES.map((entry) => [entry.type, entry]));

export function isPartnerVisibleEventType(eventType: string): boolean {
  return BY_TYPE.get(eventType)?.partnerVisible === true;
}

/** The catalogue's types a pattern selects (for partners: only those they may receive). */
export function catalogueTypesSelectedBy(pattern: string, partner: boolean): string[] {
  return WEBHOOK_EVENT_TYPES.filter(
    (entry) => (!partner || entry.partnerVisible) && eventTypeMatches(pattern, entry.type),
  ).map((entry) => entry.type);
}
