import { type Principal, principalKey } from '@o2c/governance';

/** Who moves an order: a principal key ('sales_rep:u-42', 'system:payments') and its kind. */
export interface FlowActor {
  principal: string;
  kind: string;
}

/** The caller of an API command as the flow records it (events, movements, hold resolution). */
export function actorOf(principal: Principal | undefined): FlowActor {
  return principal
    ? { principal: principalKey(principal), kind: principal.kind }
    : { principal: 'anonymous', kind: 'anonymous' };
}
