import { type Principal, principalKey } from '@o2c/governance';
import type { FlowActor } from '../orders/flow/order-flow.service';

/** Who moves cash: the principal key ('internal:ana', 'partner_client:acme-ap') and its kind. */
export interface CashActor {
  readonly principal: string;
  readonly kind: string;
  /** The caller's subject (a person), shown as `appliedBy` / `reversedBy`. */
  readonly subject: string;
}

export function cashActorOf(principal: Principal): CashActor {
  return { principal: principalKey(principal), kind: principal.kind, subject: principal.subject };
}

/** The order flow's view of the same actor (hold releases are recorded under it). */
export function flowActorOfCash(actor: CashActor): FlowActor {
  return { principal: actor.principal, kind: actor.kind };
}
