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

export function mayReportFor(sender: EventSender, warehouseCode: string): boolean {
  return sender.warehouses === 'all' || sender.warehouses.includes(warehouseCode);
}
