import type { ContractOperation } from '@o2c/contracts';
import { type Principal, principalKey } from '../principal/principal';
import type { RateLimitWindowPolicy } from './rate-limit.policy';

/**
 * Whose budget a request spends: the principal's on secured operations (so callers behind one
 * NAT or proxy do not share a budget), the client IP's only on operations without security,
 * where nobody is authenticated (the OAuth token endpoint, for example).
 */
export function rateLimitTracker(
  operation: Pick<ContractOperation, 'security'>,
  principal: Principal | undefined,
  clientIp: string,
): string {
  if (operation.security.length > 0 && principal) return principalKey(principal);
  return `ip:${clientIp}`;
}

/** One counter per operation, window and tracker. The window goes in by length, so renaming
 *  `1m` to `60s` in a contract keeps counting in the same window. */
export function counterKey(
  operationId: string,
  window: Pick<RateLimitWindowPolicy, 'windowMs'>,
  tracker: string,
): string {
  return `${operationId}:${window.windowMs}ms:${tracker}`;
}
