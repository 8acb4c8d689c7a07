import { DomainError, DomainErrorCode } from '../errors/domain-error';
import {
  isCarrierEvent,
  isShipmentEventType,
  shipmentStage,
  type ShipmentEventType,
} from './shipment-event.types';

/** Where a shipment stands: its status and the time of the newest event applied to it. */
export interface ShipmentPosition {
  readonly status: ShipmentEventType;
  /** ISO 8601 with a zone; null when no event time is known. */
  readonly lastEventAt: string | null;
}

export interface IncomingShipmentEvent {
  readonly type: ShipmentEventType;
  /** When it happened at the source, ISO 8601 with a zone. */
  readonly occurredAt: string;
}

/** Why an event is parked or kept as history only; stable codes for the sender's answer. */
export const SHIPMENT_EVENT_REASONS = {
  awaitingShipment: 'SHIPMENT.AWAITING_CONFIRMATION',
  alreadyFurther: 'SHIPMENT.ALREADY_FURTHER',
  olderThanLatest: 'SHIPMENT.OLDER_THAN_LATEST',
  alreadyDelivered: 'SHIPMENT.ALREADY_DELIVERED',
  alreadyShipped: 'SHIPMENT.ALREADY_SHIPPED',
} as const;
export type ShipmentEventReason =
  (typeof SHIPMENT_EVENT_REASONS)[keyof typeof SHIPMENT_EVENT_REASONS];

export type ShipmentEventDecision =
  /** Move the shipment to the event's status (creating it for a first warehouse event). */
  | { readonly action: 'apply' }
  /** The shipment leaves the warehouse: draw down stock, invoice, notify (exactly once). */
  | { readonly action: 'confirm' }
  /** Keep it until the shipment is confirmed, then apply it in time order. */
  | { readonly action: 'park'; readonly reason: ShipmentEventReason }
  /** Older than what the shipment shows: recorded as history, the shipment stays as it is. */
  | { readonly action: 'stale'; readonly reason: ShipmentEventReason }
  /** A second, different shipment confirmation: the sender must look at it. */
  | { readonly action: 'refuse'; readonly reason: ShipmentEventReason };

/**
 * What one warehouse or carrier event does to a shipment (none yet: `null`), so that events
 * may arrive in any order and an older one never overwrites a newer state:
 * - picked and packed move the shipment forward only (a late 'picked' after 'packed' is stale);
 * - shipped confirms the shipment once; another shipped event for it is refused;
 * - carrier events wait (parked) until the shipment is confirmed, then move it in time order;
 *   delivered always lands on a shipment in transit (a carrier's delivery scan is decisive even
 *   when its clock runs behind the warehouse's) and is final: nothing moves it afterwards.
 */
export function decideShipmentEvent(
  shipment: ShipmentPosition | null,
  event: IncomingShipmentEvent,
): ShipmentEventDecision {
  const occurredAt = checkedTime(event.occurredAt, 'occurredAt');
  if (!isShipmentEventType(event.type)) {
    throw new DomainError(
      DomainErrorCode.SHIPMENT_INVALID_EVENT,
      `${String(event.type)} is not a shipment event`,
      'type',
    );
  }
  if (shipment !== null && !isShipmentEventType(shipment.status)) {
    throw new DomainError(
      DomainErrorCode.SHIPMENT_INVALID_EVENT,
      `${String(shipment.status)} is not a shipment status`,
    );
  }
  if (isCarrierEvent(event.type)) return decideCarrierEvent(shipment, event.type, occurredAt);
  if (event.type === 'shipped') {
    return shipment !== null && shipmentStage(shipment.status) >= shipmentStage('shipped')
      ? { action: 'refuse', reason: SHIPMENT_EVENT_REASONS.alreadyShipped }
      : { action: 'confirm' };
  }
  if (shipment === null) return { action: 'apply' };
  return shipmentStage(shipment.status) >= shipmentStage(event.type)
    ? { action: 'stale', reason: SHIPMENT_EVENT_REASONS.alreadyFurther }
    : { action: 'apply' };
}

function decideCarrierEvent(
  shipment: ShipmentPosition | null,
  type: ShipmentEventType,
  occurredAt: number,
): ShipmentEventDecision {
  if (shipment === null || shipmentStage(shipment.status) < shipmentStage('shipped')) {
    return { action: 'park', reason: SHIPMENT_EVENT_REASONS.awaitingShipment };
  }
  if (shipment.status === 'delivered') {
    return { action: 'stale', reason: SHIPMENT_EVENT_REASONS.alreadyDelivered };
  }
  if (type === 'delivered') return { action: 'apply' };
  const latest =
    shipment.lastEventAt === null ? undefined : checkedTime(shipment.lastEventAt, 'lastEventAt');
  if (latest !== undefined && occurredAt < latest) {
    return { action: 'stale', reason: SHIPMENT_EVENT_REASONS.olderThanLatest };
  }
  return { action: 'apply' };
}

/**
 * Parked events in the order to apply them: by the time they happened, and at the same time
 * by stage (an in-transit scan before the delivery scan of the same second).
 */
export function parkedEventsInOrder<T extends IncomingShipmentEvent>(events: readonly T[]): T[] {
  events.forEach((event, index) => checkedTime(event.occurredAt, `events[${index}].occurredAt`));
  return [...events].sort(
    (a, b) =>
      Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
      shipmentStage(a.type) - shipmentStage(b.type),
  );
}

/**
 * The delivery time to record: when the carrier says, but never before the shipment left
 * (a carrier clock behind the warehouse's is reconciled to the ship time).
 */
export function reconciledDeliveryTime(shippedAt: string | null, deliveredAt: string): string {
  const delivered = checkedTime(deliveredAt, 'deliveredAt');
  if (shippedAt === null) return new Date(delivered).toISOString();
  const shipped = checkedTime(shippedAt, 'shippedAt');
  return new Date(Math.max(shipped, delivered)).toISOString();
}

/** ISO 8601 date-time with a zone (Z or an offset), as milliseconds since the epoch. */
function checkedTime(value: string, field: string): number {
  const at = typeof value === 'string' && ISO_WITH_ZONE.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) {
    throw new DomainError(
      DomainErrorCode.TIME_INVALID,
      `${field} must be an ISO 8601 time with a zone`,
      field,
    );
  }
  return at;
}

const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
