import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** Where a dispute stands; the last three are final. */
export const DISPUTE_STATUSES = [
  'open',
  'under_review',
  'resolved_with_credit_memo',
  'rejected_and_rebilled',
  'written_off',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** What a person does to a dispute; each leads to one status. */
export const DISPUTE_ACTIONS = [
  'start_review',
  'reopen',
  'resolve_with_credit_memo',
  'reject_and_rebill',
  'write_off',
] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];

const FINAL: ReadonlySet<DisputeStatus> = new Set([
  'resolved_with_credit_memo',
  'rejected_and_rebilled',
  'written_off',
]);

const TARGET: Readonly<Record<DisputeAction, DisputeStatus>> = {
  start_review: 'under_review',
  reopen: 'open',
  resolve_with_credit_memo: 'resolved_with_credit_memo',
  reject_and_rebill: 'rejected_and_rebilled',
  write_off: 'written_off',
};

/**
 * The actions each live status allows. Review is optional (an obvious deduction may be written
 * off straight away), and a dispute under review can go back to open when it waits on the
 * customer again. A closed dispute stays closed: a new disagreement is a new dispute, so the
 * history of the old one is never rewritten.
 */
const ALLOWED: Readonly<Record<DisputeStatus, readonly DisputeAction[]>> = {
  open: ['start_review', 'resolve_with_credit_memo', 'reject_and_rebill', 'write_off'],
  under_review: ['reopen', 'resolve_with_credit_memo', 'reject_and_rebill', 'write_off'],
  resolved_with_credit_memo: [],
  rejected_and_rebilled: [],
  written_off: [],
};

export function isDisputeStatus(value: unknown): value is DisputeStatus {
  return (DISPUTE_STATUSES as readonly unknown[]).includes(value);
}

/** Open or under review: still owned by someone and counted against the invoice. */
export function isLiveDispute(status: DisputeStatus): boolean {
  return !FINAL.has(status);
}

export function allowedDisputeActions(status: DisputeStatus): readonly DisputeAction[] {
  return ALLOWED[status];
}

/**
 * The status `action` leads to from `status`, or DISPUTE.INVALID_TRANSITION naming `status`
 * (the field whose value forbids it) and what is allowed instead.
 */
export function nextDisputeStatus(status: DisputeStatus, action: DisputeAction): DisputeStatus {
  if (!isDisputeStatus(status)) {
    throw new DomainError(
      DomainErrorCode.DISPUTE_INVALID_INPUT,
      `${String(status)} is not a dispute status`,
      'status',
    );
  }
  const allowed = ALLOWED[status];
  if (allowed.includes(action)) return TARGET[action];
  const instead = allowed.length === 0 ? 'it is closed' : `allowed: ${allowed.join(', ')}`;
  throw new DomainError(
    DomainErrorCode.DISPUTE_INVALID_TRANSITION,
    `A dispute that is ${status} cannot ${action.replaceAll('_', ' ')} (${instead})`,
    'status',
  );
}

/** The action that moves a live dispute to `target` (for the status endpoint), if any. */
export function actionTowards(status: DisputeStatus, target: DisputeStatus): DisputeAction {
  const action = DISPUTE_ACTIONS.find((candidate) => TARGET[candidate] === target);
  if (action === undefined) {
    throw new DomainError(
      DomainErrorCode.DISPUTE_INVALID_INPUT,
      `${String(target)} is not a dispute status`,
      'status',
    );
  }
  nextDisputeStatus(status, action);
  return action;
}
