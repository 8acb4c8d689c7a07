import { DomainError, DomainErrorCode } from '../errors/domain-error';
import type { CashApplicationPolicy } from './cash-application.types';

/**
 * The defaults a distributor starts from. 0.90 lets exact references, earned discounts,
 * tolerated write-offs and a unique amount match through; fuzzy references need agreeing
 * amounts to reach it. Five invoices and 20,000 nodes keep the worst combination search
 * around a few milliseconds per payment (see invoice-combination.search.spec.ts).
 */
export const DEFAULT_CASH_APPLICATION_POLICY: CashApplicationPolicy = Object.freeze({
  autoApplyThreshold: 0.9,
  maxCombinationSize: 5,
  combinationNodeBudget: 20_000,
  maxSuggestions: 5,
});

/** Hard ceilings: a stored policy beyond these would let one payment monopolise a worker. */
export const MAX_COMBINATION_SIZE = 12;
export const MAX_COMBINATION_NODE_BUDGET = 5_000_000;

export function checkedPolicy(
  policy: Partial<CashApplicationPolicy> | undefined,
): CashApplicationPolicy {
  const merged = { ...DEFAULT_CASH_APPLICATION_POLICY, ...policy };
  const threshold = merged.autoApplyThreshold;
  if (!(Number.isFinite(threshold) && threshold > 0 && threshold <= 1)) {
    throw invalid('policy.autoApplyThreshold', 'must be above 0 and at most 1');
  }
  wholeNumberIn(merged.maxCombinationSize, 1, MAX_COMBINATION_SIZE, 'policy.maxCombinationSize');
  wholeNumberIn(
    merged.combinationNodeBudget,
    1,
    MAX_COMBINATION_NODE_BUDGET,
    'policy.combinationNodeBudget',
  );
  wholeNumberIn(merged.maxSuggestions, 1, 50, 'policy.maxSuggestions');
  return merged;
}

function wholeNumberIn(value: number, min: number, max: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
}

function invalid(field: string, rule: string): DomainError {
  return new DomainError(DomainErrorCode.CASH_INVALID_INPUT, `${field} ${rule}`, field);
}
