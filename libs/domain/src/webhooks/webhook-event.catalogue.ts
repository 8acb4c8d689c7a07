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
  {
    type: 'payment.received',
    description:
      'A payment was recorded (JSON, bank file or remittance advice), with its remittance lines',
    partnerVisible: true,
  },
  {
    type: 'payment.applied',
    description:
      'Cash of a payment was applied to invoices, with each application and the rule that matched it',
    partnerVisible: true,
  },
  {
    type: 'payment.put_on_account',
    description:
      'Cash a payment left after its invoices were settled was kept as credit on the account',
    partnerVisible: true,
  },
  {
    type: 'payment.deduction_opened',
    description: 'A short payment beyond tolerance opened a deduction (dispute) on an invoice',
    partnerVisible: true,
  },
  {
    type: 'payment.payer_identified',
    description: 'A person named the customer of a payment from an unknown payer',
    partnerVisible: false,
  },
  {
    type: 'payment.queued_for_review',
    description:
      'Cash of a payment went to the cash-application work queue with ranked suggestions',
    partnerVisible: false,
  },
  {
    type: 'remittance_file.parked',
    description:
      'The gateway stopped resuming a remittance file whose import stopped part-way: every ' +
      'attempt failed (REMITTANCE_RESUME_MAX_ATTEMPTS); with the attempts, the last error ' +
      'and the cash of its payments nobody applied or has in a task',
    partnerVisible: false,
  },
  {
    type: 'cash_application.reversed',
    description: 'An application of cash to an invoice was reversed (unapplied), with the reason',
    partnerVisible: true,
  },
  {
    type: 'dispute.opened',
    description: 'A dispute or deduction was opened on an invoice, with its category and amount',
    partnerVisible: true,
  },
  {
    type: 'dispute.assigned',
    description: 'A dispute was assigned to an owner',
    partnerVisible: false,
  },
  {
    type: 'dispute.under_review',
    description: 'A dispute is under review',
    partnerVisible: true,
  },
  {
    type: 'dispute.resolved_with_credit_memo',
    description: 'A dispute was resolved with a credit memo',
    partnerVisible: true,
  },
  {
    type: 'dispute.rejected_and_rebilled',
    description: 'A dispute was rejected and the amount rebilled to the customer',
    partnerVisible: true,
  },
  {
    type: 'dispute.written_off',
    description: 'The disputed amount was written off against the invoice',
    partnerVisible: true,
  },
  {
    type: 'dispute.withdrawn',
    description:
      'A deduction was withdrawn because the short payment that opened it was unapplied, with the reason and the reversed application',
    partnerVisible: true,
  },
  {
    type: 'dispute.reopened',
    description: 'A dispute was reopened',
    partnerVisible: true,
  },
  {
    type: 'collections.dunning_notice',
    description: 'A dunning notice for an overdue invoice, with its level and the message to send',
    partnerVisible: true,
  },
  {
    type: 'collections.promise_recorded',
    description: 'A promise to pay was recorded by a collector',
    partnerVisible: false,
  },
  {
    type: 'collections.promise_broken',
    description: 'A promise to pay passed its date unpaid',
    partnerVisible: false,
  },
  {
    type: 'invoice.dunned',
    description: 'An overdue invoice reached a dunning level',
    partnerVisible: false,
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
