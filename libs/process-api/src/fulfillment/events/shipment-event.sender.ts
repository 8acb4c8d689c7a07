import { isCarrierEvent, type ShipmentEventType } from '@o2c/domain';
import type { Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { actorOf, type FlowActor } from '../../orders/flow/flow-actor';

export const WAREHOUSE_EVENTS_SCOPE = 'shipment-events:warehouse';
export const CARRIER_EVENTS_SCOPE = 'shipment-events:carrier';

/** Who sent a shipment event, and what it may speak for. */
export interface EventSender {
  /** The inbox's sender key: event ids are unique per sender. */
  source: string;
  /** The client or user, for the exception queue. */
  partner: string;
  actor: FlowActor;
  /** Warehouse codes it reports for; 'all' for staff. */
  warehouses: readonly string[] | 'all';
  /** The SCAC a carrier client reports as; undefined for everyone else. */
  carrier?: string;
}

/**
 * The sender of an event, refused (403) when its token lacks the scope of this event type: a
 * warehouse system reports picks, packs and shipments, a carrier its scans. Sources are
 * 'wms:<client>', 'carrier:<client>' and 'staff:<user>' (people keying events in).
 */
export function eventSender(
  principal: Principal | undefined,
  type: ShipmentEventType,
): EventSender {
  if (!principal) {
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'A bearer token is required');
  }
  const scope = isCarrierEvent(type) ? CARRIER_EVENTS_SCOPE : WAREHOUSE_EVENTS_SCOPE;
  if (!principal.scopes.has(scope)) {
    throw new ProblemException(
      ApiErrorCode.FORBIDDEN,
      `${type} events require the scope ${scope}`,
      [],
      {
        extensions: { requiredScopes: [scope] },
        headers: {
          'www-authenticate': `Bearer realm="o2c-gateway", error="insufficient_scope", scope="${scope}"`,
        },
      },
    );
  }
  const base = { partner: principal.subject, actor: actorOf(principal) };
  switch (principal.kind) {
    case 'warehouse_client':
      return {
        ...base,
        source: `wms:${principal.subject}`,
        warehouses: principal.warehouseCodes ?? [],
      };
    case 'carrier_client':
      return {
        ...base,
        source: `carrier:${principal.subject}`,
        warehouses: [],
        ...(principal.carrierCode ? { carrier: principal.carrierCode } : {}),
      };
    case 'internal':
      return { ...base, source: `staff:${principal.subject}`, warehouses: 'all' };
    case 'customer_user':
    case 'sales_rep':
    case 'partner_client':
      // They hold no event scope by registration; were one granted, they report for nothing.
      return { ...base, source: `${principal.kind}:${principal.subject}`, warehouses: [] };
  }
}

/** The sender as the exception queue keeps it, so that a replay acts as the same sender. */
export type SenderSnapshot = Omit<EventSender, 'carrier'> & { carrier: string | null };

export function senderSnapshot(sender: EventSender): SenderSnapshot {
  return { ...sender, carrier: sender.carrier ?? null };
}

/** The sender kept with a queued event; undefined when the entry does not carry a valid one. */
export function senderFromSnapshot(value: unknown): EventSender | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { source, partner, actor, warehouses, carrier } = value as Record<string, unknown>;
  if (typeof source !== 'string' || typeof partner !== 'string') return undefined;
  if (typeof actor !== 'object' || actor === null) return undefined;
  const { principal, kind } = actor as Record<string, unknown>;
  if (typeof principal !== 'string' || typeof kind !== 'string') return undefined;
  const codes =
    warehouses === 'all'
      ? 'all'
      : Array.isArray(warehouses) && warehouses.every((code) => typeof code === 'string')
        ? warehouses
        : undefined;
  if (codes === undefined) return undefined;
  return {
    source,
    partner,
    actor: { principal, kind },
    warehouses: codes,
    ...(typeof carrier === 'string' ? { carrier } : {}),
  };
}

export function mayReportFor(sender: EventSender, warehouseCode: string): boolean {
  return sender.warehouses === 'all' || sender.warehouses.includes(warehouseCode);
}
