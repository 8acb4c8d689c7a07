import { AUDIENCE_ADMITS } from '../authorization/operation-access.policy';
import type { Principal } from '../principal/principal';

export type ContractAccess = 'open' | 'needs-token' | 'allowed' | 'forbidden';

/**
 * May this caller read a contract (its files and the spec behind its docs page)? Partner and
 * public contracts are published to anyone; an internal one only to a principal that the
 * internal audience admits, the same rule its operations apply.
 */
export function contractAccess(audience: string, principal: Principal | undefined): ContractAccess {
  if (audience === 'partner' || audience === 'public') return 'open';
  if (!principal) return 'needs-token';
  return (AUDIENCE_ADMITS[audience] ?? []).includes(principal.kind) ? 'allowed' : 'forbidden';
}
