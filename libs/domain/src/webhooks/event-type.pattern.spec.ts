import {
  eventTypeMatches,
  isEventType,
  isEventTypePattern,
  normalizeEventTypePatterns,
  selectsEventType,
} from './event-type.pattern';

describe('event type patterns', () => {
  it.each(['order.released', 'order.hold_released', 'shipment.asn.sent', 'a1.b2'])(
    '%s is an event type',
    (text) => {
      expect(isEventType(text)).toBe(true);
      expect(isEventTypePattern(text)).toBe(true);
    },
  );

  it.each(['order.*', 'order.hold.*', '*'])('%s is a pattern but not an event type', (text) => {
    expect(isEventType(text)).toBe(false);
    expect(isEventTypePattern(text)).toBe(true);
  });

  it.each([
    '',
    'order',
    'Order.released',
    'order.',
    '.released',
    'order..released',
    'order.*.released',
    'order*',
    'order.re*',
    '**',
    '*.released',
    'order.released ',
    'order-released.x',
    '1order.released',
    'order.1released',
  ])('%p is neither', (text) => {
    expect(isEventType(text)).toBe(false);
    expect(isEventTypePattern(text)).toBe(false);
  });

  it.each<[string, string, boolean]>([
    ['order.released', 'order.released', true],
    ['order.released', 'order.rejected', false],
    ['order.*', 'order.released', true],
    ['order.*', 'order.hold_released', true],
    ['order.*', 'order.line.changed', true],
    ['order.*', 'orders.released', false],
    ['order.*', 'order', false],
    ['order.*', 'invoice.issued', false],
    ['order.hold.*', 'order.hold.opened', true],
    ['order.hold.*', 'order.hold_released', false],
    ['*', 'anything.at.all', true],
  ])('%s selects %s: %s', (pattern, eventType, expected) => {
    expect(eventTypeMatches(pattern, eventType)).toBe(expected);
  });

  it('selects when any pattern of a subscription does', () => {
    expect(selectsEventType(['invoice.issued', 'order.*'], 'order.cancelled')).toBe(true);
    expect(selectsEventType(['invoice.issued', 'order.*'], 'shipment.shipped')).toBe(false);
    expect(selectsEventType([], 'order.cancelled')).toBe(false);
  });

  it('stores patterns without duplicates or patterns another one covers, sorted', () => {
    expect(
      normalizeEventTypePatterns([
        'order.released',
        'invoice.issued',
        'order.*',
        'order.hold.*',
        'invoice.issued',
      ]),
    ).toEqual(['invoice.issued', 'order.*']);
    expect(normalizeEventTypePatterns(['order.released', '*', 'order.*'])).toEqual(['*']);
    expect(normalizeEventTypePatterns(['order.*', 'order.*'])).toEqual(['order.*']);
    expect(normalizeEventTypePatterns(['orders.x', 'order.*'])).toEqual(['order.*', 'orders.x']);
    expect(normalizeEventTypePatterns([])).toEqual([]);
  });
});
