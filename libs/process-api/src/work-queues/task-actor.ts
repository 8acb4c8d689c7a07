import { type Principal, principalKey } from '@o2c/governance';
import type { FlowActor } from '../orders/flow/order-flow.service';

/** Who moves the order and appears in the event log: the principal key and its kind. */
export function flowActorOf(principal: Principal): FlowActor {
  return { principal: principalKey(principal), kind: principal.kind };
}

/** The event log's actor column: kind and subject, as in the audit log. */
export function eventActorOf(principal: Principal): string {
  return principalKey(principal);
}
