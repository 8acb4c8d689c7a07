import { isEventTypePattern, selectsEventType } from './event-type.pattern';
import { catalogueTypesSelectedBy, isPartnerVisibleEventType } from './webhook-event.catalogue';

/** Who registered a subscription: a partner's API client, or internal staff and systems. */
export type SubscriberKind = 'partner' | 'internal';

/** What the fan-out needs to know about a subscription. */
export interface SubscriptionSelector {
  readonly eventTypes: readonly string[];
  readonly subscriberKind: SubscriberKind;
  /** The account it is bound to; null: every account (internal subscriptions only). */
  readonly customerId: string | null;
}

/** What the fan-out knows about an outbox message. */
export interface PublishedEvent {
  readonly eventType: string;
  /** The customer account the event is about, when it is about one. */
  readonly customerId: string | null;
}

export interface EventTypeViolation {
  readonly index: number;
  readonly rule: 'event-type-pattern' | 'partner-event-type';
  readonly message: string;
}

/**
 * What is wrong with the event types of a subscription: each must be an event type, a
 * namespace wildcard (`order.*`) or `*`; a partner's must each select at least one event type
 * partners may receive.
 */
export function eventTypeViolations(
  patterns: readonly string[],
  subscriberKind: SubscriberKind,
): EventTypeViolation[] {
  return patterns.flatMap((pattern, index): EventTypeViolation[] => {
    if (!isEventTypePattern(pattern)) {
      return [
        {
          index,
          rule: 'event-type-pattern',
          message: `${JSON.stringify(pattern)} is not an event type (order.released), a wildcard (order.*) or *`,
        },
      ];
    }
    if (subscriberKind === 'partner' && catalogueTypesSelectedBy(pattern, true).length === 0) {
      return [
        {
          index,
          rule: 'partner-event-type',
          message: `${pattern} selects no event type partners receive`,
        },
      ];
    }
    return [];
  });
}

/**
 * Whether a subscription receives an event: one of its patterns selects the type; a bound
 * subscription only hears about its account (an event about no account does not reach it);
 * a partner's subscription only receives partner-visible types.
 */
export function subscriptionReceives(
  subscription: SubscriptionSelector,
  event: PublishedEvent,
): boolean {
  if (!selectsEventType(subscription.eventTypes, event.eventType)) return false;
  if (subscription.subscriberKind === 'partner') {
    if (subscription.customerId === null) return false;
    if (!isPartnerVisibleEventType(event.eventType)) return false;
  }
  return subscription.customerId === null || subscription.customerId === event.customerId;
}
