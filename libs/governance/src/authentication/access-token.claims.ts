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
  roles?: string[];
  client_id?: string;
  jti?: string;
  exp?: number;
}

export class InvalidClaims extends Error {}

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
  if (kind !== 'internal' && customers === undefined) {
    throw new InvalidClaims(`a ${kind} token must name its customer accounts`);
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
    ...(typeof claims.o2c_plan === 'string' ? { plan: claims.o2c_plan } : {}),
    ...(typeof claims.jti === 'string' ? { tokenId: claims.jti } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
  };
}
