/**
 * Event types are dotted lower-case names (`order.released`, `order.hold_released`). A
 * subscription names exact types, a namespace wildcard (`order.*`: every type under `order.`,
 * at any depth) or `*` (everything).
 */
const EVENT_TYPE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;
const NAMESPACE_WILDCARD = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.\*$/;

export const ALL_EVENT_TYPES = '*';

export function isEventType(text: string): boolean {
  return EVENT_TYPE.test(text);
}

export function isEventTypePattern(text: string): boolean {
  return text === ALL_EVENT_TYPES || EVENT_TYPE.test(text) || NAMESPACE_WILDCARD.test(text);
}

/** Whether one pattern selects an event type. */
export function eventTypeMatches(pattern: string, eventType: string): boolean {
  if (pattern === ALL_EVENT_TYPES) return true;
  if (pattern.endsWith('.*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}

/** Whether any of a subscription's patterns selects an event type. */
export function selectsEventType(patterns: readonly string[], eventType: string): boolean {
  return patterns.some((pattern) => eventTypeMatches(pattern, eventType));
}

/** Whether `other` selects every type `pattern` selects (and is not the same pattern). */
function covers(other: string, pattern: string): boolean {
  if (other === pattern || pattern === ALL_EVENT_TYPES) return false;
  if (other === ALL_EVENT_TYPES) return true;
  return other.endsWith('.*') && pattern.startsWith(other.slice(0, -1));
}

/**
 * The patterns without duplicates and without those another pattern already covers
 * (`order.released` or `order.hold.*` next to `order.*`), sorted: what a subscription stores.
 */
export function normalizeEventTypePatterns(patterns: readonly string[]): string[] {
  const unique = [...new Set(patterns)];
  return unique.filter((pattern) => !unique.some((other) => covers(other, pattern))).sort();
}
