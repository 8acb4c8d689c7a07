import { Decimal } from '../decimal/decimal';
import { finiteDecimal } from '../errors/decimal-input.guard';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** How much one role may write off per dispute; null is no limit. */
export interface WriteOffAuthority {
  readonly role: string;
  readonly limit: Decimal | null;
}

/**
 * A distributor's usual delegation of authority, in the currency credit limits are written in:
 * cash appliers clear small differences while applying cash, analysts small deductions, larger
 * ones go up the line, and only the finance director (or an administrator) writes off five
 * figures. Roles not listed have no authority.
 */
export const DEFAULT_WRITE_OFF_AUTHORITY: readonly WriteOffAuthority[] = Object.freeze([
  Object.freeze({ role: 'cash-applier', limit: new Decimal(50) }),
  Object.freeze({ role: 'credit-analyst', limit: new Decimal(500) }),
  Object.freeze({ role: 'deductions-analyst', limit: new Decimal(1_000) }),
  Object.freeze({ role: 'credit-manager', limit: new Decimal(10_000) }),
  Object.freeze({ role: 'finance-director', limit: new Decimal(100_000) }),
  Object.freeze({ role: 'admin', limit: null }),
]);

export interface WriteOffDecision {
  readonly allowed: boolean;
  /** The highest limit among the roles (null: unlimited); zero without any authority. */
  readonly limit: Decimal | null;
  /** The role that grants that limit, null when none does. */
  readonly grantedBy: string | null;
}

/** The largest write-off the roles together allow, and whether `amount` is within it. */
export function writeOffAuthority(
  roles: readonly string[],
  amount: Decimal,
  table: readonly WriteOffAuthority[] = DEFAULT_WRITE_OFF_AUTHORITY,
): WriteOffDecision {
  const value = finiteDecimal(amount, 'amount', DomainErrorCode.DISPUTE_INVALID_INPUT);
  if (!value.greaterThan(0)) {
    throw new DomainError(
      DomainErrorCode.DISPUTE_INVALID_INPUT,
      'amount must be above zero',
      'amount',
    );
  }
  let best: WriteOffAuthority | null = null;
  for (const entry of table) {
    if (!roles.includes(entry.role)) continue;
    if (best === null || entry.limit === null) best = entry;
    else if (best.limit !== null && entry.limit.greaterThan(best.limit)) best = entry;
    if (best.limit === null) break;
  }
  if (best === null) return { allowed: false, limit: new Decimal(0), grantedBy: null };
  const allowed = best.limit === null || value.lessThanOrEqualTo(best.limit);
  return { allowed, limit: best.limit, grantedBy: best.role };
}

/** DISPUTE.WRITE_OFF_AUTHORITY on `amount` when the roles may not write it off. */
export function assertWriteOffAuthority(
  roles: readonly string[],
  amount: Decimal,
  table: readonly WriteOffAuthority[] = DEFAULT_WRITE_OFF_AUTHORITY,
): WriteOffDecision {
  const decision = writeOffAuthority(roles, amount, table);
  if (decision.allowed) return decision;
  const limit =
    decision.grantedBy === null
      ? 'no write-off authority'
      : `a write-off limit of ${decision.limit?.toFixed() ?? 'none'} (${decision.grantedBy})`;
  throw new DomainError(
    DomainErrorCode.DISPUTE_WRITE_OFF_AUTHORITY,
    `Writing off ${value(amount)} needs more authority than ${limit}`,
    'amount',
  );
}

function value(amount: Decimal): string {
  return amount.toFixed();
}
