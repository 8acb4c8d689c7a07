import type { Decimal } from '../decimal/decimal';
import {
  DEFAULT_WRITE_OFF_AUTHORITY,
  type WriteOffAuthority,
  writeOffAuthority,
} from '../disputes/write-off-authority.policy';

export interface ManualWriteOffRequest {
  /** What the person writes off on one invoice (above zero). */
  readonly writeOff: Decimal;
  /** The customer's write-off tolerance on that invoice's balance (writeOffLimit). */
  readonly customerLimit: Decimal;
  /** The person's roles. */
  readonly roles: readonly string[];
  readonly table?: readonly WriteOffAuthority[];
}

export type ManualWriteOffDecision =
  | {
      readonly allowed: true;
      /** Within what the engine would write off unattended, or within the person's authority. */
      readonly by: 'customer-tolerance' | 'authority';
      readonly grantedBy: string | null;
    }
  | {
      readonly allowed: false;
      /** The most this person may write off here: the larger of tolerance and authority. */
      readonly limit: Decimal;
      readonly grantedBy: string | null;
    };

/**
 * Whether a person applying cash by hand may write off `writeOff` on an invoice. Within the
 * customer's write-off tolerance it is what the engine itself would write off, and anyone who
 * may apply cash may; beyond it the person's roles must carry the authority (the same
 * delegation table as dispute write-offs), or the write-off is refused.
 */
export function decideManualWriteOff(request: ManualWriteOffRequest): ManualWriteOffDecision {
  const { writeOff, customerLimit, roles } = request;
  if (writeOff.lessThanOrEqualTo(customerLimit)) {
    return { allowed: true, by: 'customer-tolerance', grantedBy: null };
  }
  const authority = writeOffAuthority(
    roles,
    writeOff,
    request.table ?? DEFAULT_WRITE_OFF_AUTHORITY,
  );
  if (authority.allowed) return { allowed: true, by: 'authority', grantedBy: authority.grantedBy };
  const limit =
    authority.limit !== null && authority.limit.greaterThan(customerLimit)
      ? authority.limit
      : customerLimit;
  return { allowed: false, limit, grantedBy: authority.grantedBy };
}
