import type { ContractOperation } from '@o2c/contracts';
import type { Principal, PrincipalKind } from '../principal/principal';

/** Which principals an API's audience admits. */
export const AUDIENCE_ADMITS: Record<string, readonly PrincipalKind[]> = {
  internal: ['internal', 'sales_rep'],
  partner: ['partner_client', 'warehouse_client', 'carrier_client', 'internal'],
  public: [
    'customer_user',
    'sales_rep',
    'partner_client',
    'warehouse_client',
    'carrier_client',
    'internal',
  ],
};

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: 'audience' | 'scope'; detail: string; requiredScopes: string[] };

/**
 * Pure decision: may this principal call this operation? The API's audience must admit the
 * principal's kind, and the token must hold every scope of at least one of the operation's
 * security requirements (OpenAPI semantics: requirements are alternatives).
 */
export function decideOperationAccess(
  principal: Principal,
  operation: ContractOperation,
  audience: string,
): AccessDecision {
  const admitted = AUDIENCE_ADMITS[audience] ?? [];
  if (!admitted.includes(principal.kind)) {
    return {
      allowed: false,
      reason: 'audience',
      detail: `${operation.apiId} is an ${audience} API; a ${principal.kind} may not call it`,
      requiredScopes: [],
    };
  }
  const requirements = operation.security.map((requirement) => Object.values(requirement).flat());
  if (requirements.length === 0) return { allowed: true };
  if (requirements.some((scopes) => scopes.every((scope) => principal.scopes.has(scope))))
    return { allowed: true };
  const requiredScopes = requirements[0] ?? [];
  return {
    allowed: false,
    reason: 'scope',
    detail: `${operation.operationId} requires the scope ${requiredScopes.join(' ')}`,
    requiredScopes,
  };
}
