import { PRINCIPAL_KINDS, type Principal, type PrincipalKind } from '../principal/principal';

/** Claims of the access tokens this gateway issues and accepts (RFC 9068 style). */
export interface AccessTokenClaims {
  sub: string;
  /** Space-delimited scopes. */
  scope?: string;
  /** o2c principal kind. Required: a token that does not say who it speaks for is refused
   *  rather than read as staff with access to every account. */
  o2c_kind?: PrincipalKind;
  /** Customer account ids the principal is bound to (absent: every account, internal only). */
  o2c_customers?: string[];
  o2c_plan?: string;
  /** Warehouse codes of a warehouse client. */
  o2c_warehouses?: string[];
  /** SCAC of a carrier client. */
  o2c_carrier?: string;
  roles?: string[];
  client_id?: string;
  jti?: string;
  exp?: number;
}

export class InvalidClaims extends Error {}

/** Kinds that act for customer accounts and must name them. */
const ACCOUNT_BOUND: readonly PrincipalKind[] = ['customer_user', 'sales_rep', 'partner_client'];

/** A warehouse client names its warehouses, a carrier client its SCAC; nobody else does. */
function partyBindings(
  kind: PrincipalKind,
  claims: AccessTokenClaims,
): Pick<Principal, 'warehouseCodes' | 'carrierCode'> {
  const warehouses = claims.o2c_warehouses;
  const carrier = claims.o2c_carrier;
  if (kind === 'warehouse_client') {
    if (
      !Array.isArray(warehouses) ||
      warehouses.length === 0 ||
      warehouses.some((code) => typeof code !== 'string' || code === '')
    ) {
      throw new InvalidClaims('a warehouse_client token must name its warehouses');
    }
    return { warehouseCodes: [...warehouses] };
  }
  if (kind === 'carrier_client') {
    if (typeof carrier !== 'string' || carrier === '') {
      throw new InvalidClaims('a carrier_client token must name its carrier');
    }
    return { carrierCode: carrier };
  }
  if (warehouses !== undefined || carrier !== undefined) {
    throw new InvalidClaims(`a ${kind} token names no warehouse or carrier`);
  }
  return {};
}

/** Maps verified claims to a Principal; refuses combinations that would widen access. */
export function principalFromClaims(claims: AccessTokenClaims): Principal {
  if (typeof claims.sub !== 'string' || claims.sub === '')
    throw new InvalidClaims('sub is required');
  const kind = claims.o2c_kind;
  if (kind === undefined) throw new InvalidClaims('o2c_kind is required');
  if (!PRINCIPAL_KINDS.includes(kind)) {
    throw new InvalidClaims(`unknown principal kind ${String(kind)}`);
  }
  const customers = claims.o2c_customers;
  if (
    customers !== undefined &&
    (!Array.isArray(customers) || customers.some((id) => typeof id !== 'string'))
  ) {
    throw new InvalidClaims('o2c_customers must be a list of account ids');
  }
  const bindings = partyBindings(kind, claims);
  if (ACCOUNT_BOUND.includes(kind) && customers === undefined) {
    throw new InvalidClaims(`a ${kind} token must name its customer accounts`);
  }
  if (!ACCOUNT_BOUND.includes(kind) && kind !== 'internal' && customers?.length) {
    throw new InvalidClaims(`a ${kind} token acts for no customer account`);
  }
  return {
    kind,
    subject: claims.sub,
    scopes: new Set(
      typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
    ),
    roles: Array.isArray(claims.roles)
      ? claims.roles.filter((role) => typeof role === 'string')
      : [],
    customerIds: kind === 'internal' && customers === undefined ? 'all' : (customers ?? []),
    ...bindings,
    ...(typeof claims.o2c_plan === 'string' ? { plan: claims.o2c_plan } : {}),
    ...(typeof claims.jti === 'string' ? { tokenId: claims.jti } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
  };
}
