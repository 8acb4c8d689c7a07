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
 * The event types the platform publishes through the outbox: the one list the writers take
 * their types from (`PublishedEventType`), so a capability cannot publish a type that is not
 * described here. Internal subscribers receive any type their patterns select; partners only
 * the types marked partnerVisible, and only about their own accounts (the payload's
 * `customerId`).
 */
export const WEBHOOK_EVENT_TYPES = [
  {
    type: 'order.released',
    description:
      'An order was released to a warehouse: one event per warehouse with its pick lines ' +
      '(backorder: true when a stock receipt re-allocated it)',
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
    type: 'order.partially_shipped',
    description: 'Part of an order shipped; the rest is still to ship or backordered',
    partnerVisible: true,
  },
  {
    type: 'order.shipped',
    description: 'Every line of an order is shipped or cancelled',
    partnerVisible: true,
  },
  {
    type: 'order.invoiced',
    description: 'An order is shipped and every one of its shipments is invoiced',
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
    type: 'order.hold_reminder',
    description:
      'A hold is still open after 24, 72 or 168 hours; reminds the account manager and the ' +
      'reviewing role, with the hold, its age and its task',
    partnerVisible: false,
  },
  {
    type: 'task.reassigned',
    description: 'A work-queue task was handed to another role or person; notifies the new holder',
    partnerVisible: false,
  },
  {
    type: 'task.escalated',
    description: 'A task passed its SLA and moved to the next role up its routing policy',
    partnerVisible: false,
  },
  {
    type: 'task.overdue',
    description: 'A task passed its SLA with nobody above its role; notifies its holder',
    partnerVisible: false,
  },
  {
    type: 'shipment.shipped',
    description: 'A shipment left the warehouse, with its advance ship notice (856-shaped)',
    partnerVisible: true,
  },
  {
    type: 'shipment.in_transit',
    description: 'The carrier scanned a shipment in transit',
    partnerVisible: true,
  },
  {
    type: 'shipment.exception',
    description: 'The carrier reported an exception (delay, damage, failed delivery attempt)',
    partnerVisible: true,
  },
  {
    type: 'shipment.delivered',
    description: 'The carrier delivered a shipment (never before it shipped)',
    partnerVisible: true,
  },
  {
    type: 'invoice.issued',
    description: 'An invoice was issued (published) for a shipment, with its lines and terms',
    partnerVisible: true,
  },
  {
    type: 'credit_memo.issued',
    description:
      'A credit memo was issued against an invoice (return, short-ship claim or price ' +
      'correction), with its lines',
    partnerVisible: true,
  },
] as const satisfies readonly WebhookEventType[];

/** A type the platform publishes; outbox writers accept nothing else. */
export type PublishedEventType = (typeof WEBHOOK_EVENT_TYPES)[number]['type'];

const BY_TYPE = new Map<string, WebhookEventType>(
  WEBHOOK_EVENT_TYPES.map((entry) => [entry.type, entry]),
);

export function isPartnerVisibleEventType(eventType: string): boolean {
  return BY_TYPE.get(eventType)?.partnerVisible === true;
}

/** The catalogue's types a pattern selects (for partners: only those they may receive). */
export function catalogueTypesSelectedBy(pattern: string, partner: boolean): string[] {
  return WEBHOOK_EVENT_TYPES.filter(
    (entry: WebhookEventType) =>
      (!partner || entry.partnerVisible) && eventTypeMatches(pattern, entry.type),
  ).map((entry) => entry.type);
}
