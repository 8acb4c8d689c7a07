/** Who is calling. Customer users and partner clients are bound to accounts; sales reps to
 *  their assigned accounts; internal staff (credit, finance, warehouse, operations, api-owner,
 *  admin) see every account. Warehouse clients (WMS, 3PL) speak for their warehouses and
 *  carrier clients for the shipments they carry: neither is bound to a customer account. */
export type PrincipalKind =
  | 'customer_user'
  | 'sales_rep'
  | 'partner_client'
  | 'warehouse_client'
  | 'carrier_client'
  | 'internal';

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = [
  'customer_user',
  'sales_rep',
  'partner_client',
  'warehouse_client',
  'carrier_client',
  'internal',
];

export interface Principal {
  kind: PrincipalKind;
  /** User id or OAuth client id. */
  subject: string;
  scopes: ReadonlySet<string>;
  roles: readonly string[];
  /** Accounts the principal may see and touch; 'all' for internal staff. */
  customerIds: readonly string[] | 'all';
  /** Warehouse codes a warehouse client reports for. */
  warehouseCodes?: readonly string[];
  /** A carrier client's SCAC. */
  carrierCode?: string;
  /** Consumer plan (partners); other principals use the operation's plan. */
  plan?: string;
  tokenId?: string;
  /** When the token stops being valid (ms since the epoch). */
  expiresAt?: number;
}

/** The account restriction handed to services and repositories. */
export type AccountScope = readonly string[] | 'all';

/** No principal (an open operation) sees no account: the restriction fails closed. */
export function accountScopeOf(principal: Principal | undefined): AccountScope {
  return principal?.customerIds ?? [];
}

export function canAccessCustomer(scope: AccountScope, customerId: string): boolean {
  return scope === 'all' || scope.includes(customerId);
}

/** Stable key for rate limits and audit: kind and subject. */
export function principalKey(principal: Principal): string {
  return `${principal.kind}:${principal.subject}`;
}
