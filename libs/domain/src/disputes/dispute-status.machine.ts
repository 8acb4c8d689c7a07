import { DomainError, DomainErrorCode } from '../errors/domain-error';

/**
 * Where a dispute stands; all but the first two are final. `withdrawn`: the short payment that
 * opened the deduction was unapplied, so nothing is contested any more.
 */
export const DISPUTE_STATUSES = [
  'open',
  'under_review',
  'resolved_with_credit_memo',
  'rejected_and_rebilled',
  'written_off',
  'withdrawn',
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
export type PersonDisputeAction = (typeof DISPUTE_ACTIONS)[number];

/**
 * What the process does to a dispute without a person deciding it: reversing the cash
 * application whose short payment opened a deduction withdraws the deduction.
 */
export const DISPUTE_PROCESS_ACTIONS = ['withdraw'] as const;
export type DisputeAction = PersonDisputeAction | (typeof DISPUTE_PROCESS_ACTIONS)[number];

const FINAL: ReadonlySet<DisputeStatus> = new Set([
  'resolved_with_credit_memo',
  'rejected_and_rebilled',
  'written_off',
  'withdrawn',
]);

const TARGET: Readonly<Record<DisputeAction, DisputeStatus>> = {
  start_review: 'under_review',
  reopen: 'open',
  resolve_with_credit_memo: 'resolved_with_credit_memo',
  reject_and_rebill: 'rejected_and_rebilled',
  write_off: 'written_off',
  withdraw: 'withdrawn',
};

/**
 * The actions each live status allows. Review is optional (an obvious deduction may be written
 * off straight away), and a dispute under review can go back to open when it waits on the
 * customer again. A closed dispute stays closed: a new disagreement is a new dispute, so the
 * history of the old one is never rewritten. Any live dispute can be withdrawn; only a live one:
 * a deduction already worked to an outcome keeps it, and a person looks at it again.
 */
const ALLOWED: Readonly<Record<DisputeStatus, readonly DisputeAction[]>> = {
  open: ['start_review', 'resolve_with_credit_memo', 'reject_and_rebill', 'write_off', 'withdraw'],
  under_review: [
    'reopen',
    'resolve_with_credit_memo',
    'reject_and_rebill',
    'write_off',
    'withdraw',
  ],
  resolved_with_credit_memo: [],
  rejected_and_rebilled: [],
  written_off: [],
  withdrawn: [],
};

function isPersonAction(action: DisputeAction): action is PersonDisputeAction {
  return (DISPUTE_ACTIONS as readonly DisputeAction[]).includes(action);
}

export function isDisputeStatus(value: unknown): value is DisputeStatus {
  return (DISPUTE_STATUSES as readonly unknown[]).includes(value);
}

/** Open or under review: still owned by someone and counted against the invoice. */
export function isLiveDispute(status: DisputeStatus): boolean {
  return !FINAL.has(status);
}

/** What a person may do to a dispute in `status` (the process's own actions are not offered). */
export function allowedDisputeActions(status: DisputeStatus): readonly PersonDisputeAction[] {
  return ALLOWED[status].filter(isPersonAction);
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
  if (ALLOWED[status].includes(action)) return TARGET[action];
  const allowed = allowedDisputeActions(status);
  const instead = allowed.length === 0 ? 'it is closed' : `allowed: ${allowed.join(', ')}`;
  throw new DomainError(
    DomainErrorCode.DISPUTE_INVALID_TRANSITION,
    `A dispute that is ${status} cannot ${action.replaceAll('_', ' ')} (${instead})`,
    'status',
  );
}

/**
 * The person's action that moves a live dispute to `target` (for the status endpoint), if any;
 * `withdrawn` is reached only by the process, so no person's action leads there.
 */
export function actionTowards(status: DisputeStatus, target: DisputeStatus): PersonDisputeAction {
  const action = DISPUTE_ACTIONS.find((candidate) => TARGET[candidate] === target);
  if (action === undefined && isDisputeStatus(target)) {
    throw new DomainError(
      DomainErrorCode.DISPUTE_INVALID_TRANSITION,
      `A dispute is ${target} only when the process does it, never by a person's action`,
      'status',
    );
  }
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
