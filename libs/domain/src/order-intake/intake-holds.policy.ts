import type { Decimal } from '../decimal/decimal';
import type { ApprovalQueue } from '../approvals/approval-routing.types';
import type { CreditDecision } from '../credit/credit-hold.policy';
import type { PricingHoldReason } from './line-pricing.policy';

export type IntakeHoldType = 'credit' | 'pricing' | 'inventory';

/** A hold the order must wait on, with what routes its task. */
export interface HoldRequest {
  readonly type: IntakeHoldType;
  readonly queue: ApprovalQueue;
  /** Every reason, most significant first; the first is the hold's reason code. */
  readonly reasons: readonly string[];
  /** Credit overrun in percent of the limit (credit holds only). */
  readonly overrunPercent?: Decimal;
}

export interface IntakeHoldsInput {
  /** The credit decision of the order; a rejection never reaches hold opening. */
  readonly credit: Exclude<CreditDecision, { outcome: 'reject' }>;
  readonly lines: readonly { readonly holdReasons: readonly PricingHoldReason[] }[];
}

const QUEUE_OF: Readonly<Record<IntakeHoldType, ApprovalQueue>> = Object.freeze({
  credit: 'credit-review',
  pricing: 'pricing-review',
  inventory: 'inventory-review',
});

/**
 * The holds an order opens at intake, before any stock is touched: one credit hold carrying
 * every credit reason, and one pricing hold for all lines that need a pricing review (tolerance
 * reasons before margin ones). Both may open together; each is reviewed in its own queue and
 * the order waits for the last. Inventory is judged later, at allocation (inventoryHold).
 */
export function intakeHolds(input: IntakeHoldsInput): HoldRequest[] {
  const holds: HoldRequest[] = [];
  if (input.credit.outcome === 'hold') {
    holds.push({
      type: 'credit',
      queue: QUEUE_OF.credit,
      reasons: [...input.credit.reasons],
      overrunPercent: input.credit.overrunPercent,
    });
  }
  const pricing = new Set(input.lines.flatMap((line) => line.holdReasons));
  if (pricing.size > 0) {
    const ordered: PricingHoldReason[] = ['PRICE.OUTSIDE_TOLERANCE', 'PRICE.BELOW_MARGIN_FLOOR'];
    holds.push({
      type: 'pricing',
      queue: QUEUE_OF.pricing,
      reasons: ordered.filter((reason) => pricing.has(reason)),
    });
  }
  return holds;
}

/** The inventory hold of an order whose plan leaves quantity it can neither ship nor wait for. */
export function inventoryHold(): HoldRequest {
  return { type: 'inventory', queue: QUEUE_OF.inventory, reasons: ['INVENTORY.SHORTAGE'] };
}
