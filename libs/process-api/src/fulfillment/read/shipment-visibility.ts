import type { Principal } from '@o2c/governance';

/**
 * Which shipments a principal sees, as three SQL parameters (null: no restriction): staff see
 * all; customer users, sales reps and partners the shipments of their accounts' orders; a
 * warehouse client those of its warehouses; a carrier client those it carries. Without a
 * principal nothing is visible (fails closed).
 */
export interface ShipmentVisibility {
  customerIds: string[] | null;
  warehouseCodes: string[] | null;
  carrier: string | null;
}

export function shipmentVisibility(principal: Principal | undefined): ShipmentVisibility {
  const none = { customerIds: null, warehouseCodes: null, carrier: null };
  if (!principal) return { ...none, customerIds: [] };
  switch (principal.kind) {
    case 'warehouse_client':
      return { ...none, warehouseCodes: [...(principal.warehouseCodes ?? [])] };
    case 'carrier_client':
      return { ...none, carrier: principal.carrierCode ?? '' };
    case 'internal':
    case 'customer_user':
    case 'sales_rep':
    case 'partner_client':
      return {
        ...none,
        customerIds: principal.customerIds === 'all' ? null : [...principal.customerIds],
      };
  }
}

/** The condition over shipments `s`, their orders `o` and warehouses `w`, from parameter
 *  `first` on (customer ids, warehouse codes, carrier). */
export function visibilityCondition(first: number): string {
  const [customers, warehouses, carrier] = [first, first + 1, first + 2];
  return `($${customers}::uuid[] IS NULL OR o.customer_id = ANY($${customers}::uuid[]))
      AND ($${warehouses}::text[] IS NULL OR w.code = ANY($${warehouses}::text[]))
      AND ($${carrier}::text IS NULL OR s.carrier = $${carrier}::text)`;
}

export function visibilityParameters(visibility: ShipmentVisibility): unknown[] {
  return [visibility.customerIds, visibility.warehouseCodes, visibility.carrier];
}

/** Staff see every sender's events; a sender its own ('wms:<client>', 'carrier:<client>'). */
export function eventSourceOf(principal: Principal | undefined): string | null {
  if (!principal) return '';
  switch (principal.kind) {
    case 'internal':
      return null;
    case 'warehouse_client':
      return `wms:${principal.subject}`;
    case 'carrier_client':
      return `carrier:${principal.subject}`;
    case 'customer_user':
    case 'sales_rep':
    case 'partner_client':
      return `${principal.kind}:${principal.subject}`;
  }
}
