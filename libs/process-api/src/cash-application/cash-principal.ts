import type { Principal } from '@o2c/governance';
import { ApiErrorCode, ProblemException } from '@o2c/http';

/** Every cash operation is secured: the guard has already put a principal on the request. */
export function requiredPrincipal(principal: Principal | undefined): Principal {
  if (!principal) {
    throw new ProblemException(ApiErrorCode.UNAUTHENTICATED, 'Authentication required');
  }
  return principal;
}
