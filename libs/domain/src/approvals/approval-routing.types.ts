import type { Decimal } from '../decimal/decimal';

/** The work queues a held order can wait in; each has its own routing rules. */
export const APPROVAL_QUEUES = ['credit-review', 'pricing-review', 'inventory-review'] as const;
export type ApprovalQueue = (typeof APPROVAL_QUEUES)[number];

/**
 * When a rule applies. Every present condition must hold; an empty object matches everything.
 * Minimums are inclusive and maximums exclusive, so adjacent bands (below 10 %, 10 % or more)
 * meet without a gap or an overlap.
 */
export interface ApprovalRoutingConditions {
  readonly minOverrunPercent?: Decimal;
  readonly maxOverrunPercent?: Decimal;
  readonly minOrderTotal?: Decimal;
  readonly maxOrderTotal?: Decimal;
  /** Matches when any of the hold's reasons is listed (e.g. 'CREDIT.OVERDUE_RECEIVABLES'). */
  readonly reasons?: readonly string[];
}

/** Policy data, stored and changed through the API: who decides which held orders, how fast. */
export interface ApprovalRoutingRule {
  readonly id: string;
  readonly queue: ApprovalQueue;
  readonly name: string;
  /** Evaluation order within the queue, lowest first; the first matching rule wins. */
  readonly order: number;
  /** The role whose work queue receives the task. */
  readonly role: string;
  /** Calendar hours from the task opening until it is overdue. */
  readonly slaHours: number;
  /** Task priority, 1 (most urgent) to 5. */
  readonly priority: number;
  readonly when: ApprovalRoutingConditions;
}

/** The held order being routed. */
export interface ApprovalRoutingContext {
  readonly queue: ApprovalQueue;
  /** In the currency the rules' amounts are written in (one per installation, as credit limits). */
  readonly orderTotal: Decimal;
  /** Credit overrun in percent of the limit; absent outside credit review. */
  readonly overrunPercent?: Decimal;
  /** The hold's reason codes. */
  readonly reasons: readonly string[];
}
