import {
  catalogueTypesSelectedBy,
  isPartnerVisibleEventType,
  WEBHOOK_EVENT_TYPES,
} from './webhook-event.catalogue';
import {
  eventTypeViolations,
  type SubscriptionSelector,
  subscriptionReceives,
} from './webhook-subscription.rules';

const ACCOUNT = 'c1';

describe('the event type catalogue', () => {
  it('lists each type once, every one a valid event type with a description', () => {
    const types = WEBHOOK_EVENT_TYPES.map((entry) => entry.type);
    expect(new Set(types).size).toBe(types.length);
    for (const entry of WEBHOOK_EVENT_TYPES) {
      expect(entry.type).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  });

  it('keeps account-manager notifications and work-queue events away from partners', () => {
    expect(isPartnerVisibleEventType('order.released')).toBe(true);
    expect(isPartnerVisibleEventType('order.held')).toBe(false);
    expect(isPartnerVisibleEventType('order.hold_released')).toBe(false);
    expect(isPartnerVisibleEventType('order.hold_reminder')).toBe(false);
    expect(isPartnerVisibleEventType('task.reassigned')).toBe(false);
    expect(isPartnerVisibleEventType('task.escalated')).toBe(false);
    expect(isPartnerVisibleEventType('task.overdue')).toBe(false);
    expect(isPartnerVisibleEventType('remittance_file.parked')).toBe(false);
    expect(isPartnerVisibleEventType('not.in.catalogue')).toBe(false);
  });

  it("lets partners follow their own orders' shipments, invoices and credits", () => {
    for (const type of [
      'order.partially_shipped',
      'order.shipped',
      'order.invoiced',
      'shipment.shipped',
      'shipment.in_transit',
      'shipment.exception',
      'shipment.delivered',
      'invoice.issued',
      'credit_memo.issued',
    ]) {
      expect(isPartnerVisibleEventType(type)).toBe(true);
    }
  });

  it('tells which catalogue types a pattern selects, for partners or everyone', () => {
    expect(catalogueTypesSelectedBy('order.*', true)).toEqual([
      'order.released',
      'order.cancelled',
      'order.rejected',
      'order.partially_shipped',
      'order.shipped',
      'order.invoiced',
    ]);
    expect(catalogueTypesSelectedBy('order.*', false)).toHaveLength(10);
    expect(catalogueTypesSelectedBy('shipment.*', true)).toHaveLength(4);
    expect(catalogueTypesSelectedBy('task.*', true)).toEqual([]);
    expect(catalogueTypesSelectedBy('*', false)).toHaveLength(WEBHOOK_EVENT_TYPES.length);
  });
});

describe('eventTypeViolations', () => {
  it('accepts exact types, wildcards and *, for internal subscribers whatever the catalogue says', () => {
    expect(
      eventTypeViolations(['order.released', 'order.*', '*', 'brand.new_type'], 'internal'),
    ).toEqual([]);
  });

  it('names each malformed pattern by its index', () => {
    expect(eventTypeViolations(['order.released', 'Order', 'order.*.x'], 'internal')).toEqual([
      {
        index: 1,
        rule: 'event-type-pattern',
        message: '"Order" is not an event type (order.released), a wildcard (order.*) or *',
      },
      {
        index: 2,
        rule: 'event-type-pattern',
        message: '"order.*.x" is not an event type (order.released), a wildcard (order.*) or *',
      },
    ]);
  });

  it('refuses a partner pattern that selects nothing partners receive', () => {
    expect(eventTypeViolations(['order.*', '*', 'invoice.issued'], 'partner')).toEqual([]);
    expect(eventTypeViolations(['order.held', 'task.*', 'brand.new_type'], 'partner')).toEqual([
      {
        index: 0,
        rule: 'partner-event-type',
        message: 'order.held selects no event type partners receive',
      },
      {
        index: 1,
        rule: 'partner-event-type',
        message: 'task.* selects no event type partners receive',
      },
      {
        index: 2,
        rule: 'partner-event-type',
        message: 'brand.new_type selects no event type partners receive',
      },
    ]);
  });
});

describe('subscriptionReceives', () => {
  const internal = (
    eventTypes: string[],
    customerId: string | null = null,
  ): SubscriptionSelector => ({
    eventTypes,
    subscriberKind: 'internal',
    customerId,
  });
  const partner = (
    eventTypes: string[],
    customerId: string | null = ACCOUNT,
  ): SubscriptionSelector => ({
    eventTypes,
    subscriberKind: 'partner',
    customerId,
  });

  it('delivers what an internal subscription selects, about any account or none', () => {
    expect(
      subscriptionReceives(internal(['order.*']), { eventType: 'order.held', customerId: 'c9' }),
    ).toBe(true);
    expect(
      subscriptionReceives(internal(['*']), { eventType: 'task.reassigned', customerId: null }),
    ).toBe(true);
    expect(
      subscriptionReceives(internal(['order.*']), {
        eventType: 'task.reassigned',
        customerId: null,
      }),
    ).toBe(false);
  });

  it('limits a bound internal subscription to its account', () => {
    const bound = internal(['order.*'], ACCOUNT);
    expect(subscriptionReceives(bound, { eventType: 'order.held', customerId: ACCOUNT })).toBe(
      true,
    );
    expect(subscriptionReceives(bound, { eventType: 'order.held', customerId: 'c2' })).toBe(false);
    expect(subscriptionReceives(bound, { eventType: 'order.held', customerId: null })).toBe(false);
  });

  it('gives a partner only partner-visible events about its own account', () => {
    const own = partner(['*']);
    expect(subscriptionReceives(own, { eventType: 'order.released', customerId: ACCOUNT })).toBe(
      true,
    );
    expect(subscriptionReceives(own, { eventType: 'order.released', customerId: 'c2' })).toBe(
      false,
    );
    expect(subscriptionReceives(own, { eventType: 'order.released', customerId: null })).toBe(
      false,
    );
    expect(subscriptionReceives(own, { eventType: 'order.held', customerId: ACCOUNT })).toBe(false);
    expect(subscriptionReceives(own, { eventType: 'brand.new_type', customerId: ACCOUNT })).toBe(
      false,
    );
    expect(
      subscriptionReceives(partner(['invoice.issued']), {
        eventType: 'order.released',
        customerId: ACCOUNT,
      }),
    ).toBe(false);
  });

  it('gives an unbound partner subscription nothing (it fails closed)', () => {
    expect(
      subscriptionReceives(partner(['*'], null), {
        eventType: 'order.released',
        customerId: ACCOUNT,
      }),
    ).toBe(false);
  });
});
