import { DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from '../testing/domain-error.capture';
import {
  actionTowards,
  allowedDisputeActions,
  DISPUTE_ACTIONS,
  DISPUTE_PROCESS_ACTIONS,
  DISPUTE_STATUSES,
  type DisputeAction,
  type DisputeStatus,
  isDisputeStatus,
  isLiveDispute,
  nextDisputeStatus,
} from './dispute-status.machine';

const LEGAL: readonly [DisputeStatus, DisputeAction, DisputeStatus][] = [
  ['open', 'start_review', 'under_review'],
  ['open', 'resolve_with_credit_memo', 'resolved_with_credit_memo'],
  ['open', 'reject_and_rebill', 'rejected_and_rebilled'],
  ['open', 'write_off', 'written_off'],
  ['under_review', 'reopen', 'open'],
  ['under_review', 'resolve_with_credit_memo', 'resolved_with_credit_memo'],
  ['under_review', 'reject_and_rebill', 'rejected_and_rebilled'],
  ['under_review', 'write_off', 'written_off'],
  ['open', 'withdraw', 'withdrawn'],
  ['under_review', 'withdraw', 'withdrawn'],
];

const ALL_ACTIONS: readonly DisputeAction[] = [...DISPUTE_ACTIONS, ...DISPUTE_PROCESS_ACTIONS];

describe('dispute status machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextDisputeStatus(from, action)).toBe(to);
  });

  const legal = new Set(LEGAL.map(([from, action]) => `${from}/${action}`));
  const illegal = DISPUTE_STATUSES.flatMap((from) =>
    ALL_ACTIONS.filter((action) => !legal.has(`${from}/${action}`)).map(
      (action) => [from, action] as const,
    ),
  );

  it('covers every other pair as illegal', () => {
    expect(illegal).toHaveLength(DISPUTE_STATUSES.length * ALL_ACTIONS.length - LEGAL.length);
  });

  it.each(illegal)('%s refuses %s, naming the status', (from, action) => {
    expect(captureDomainError(() => nextDisputeStatus(from, action))).toMatchObject({
      code: DomainErrorCode.DISPUTE_INVALID_TRANSITION,
      field: 'status',
    });
  });

  it('says a closed dispute is closed, and what a live one allows', () => {
    expect(captureDomainError(() => nextDisputeStatus('written_off', 'reopen')).message).toMatch(
      /it is closed/,
    );
    expect(captureDomainError(() => nextDisputeStatus('open', 'reopen')).message).toMatch(
      /allowed: start_review, resolve_with_credit_memo/,
    );
  });

  it('says a withdrawn dispute is closed: a new short payment is a new deduction', () => {
    expect(captureDomainError(() => nextDisputeStatus('withdrawn', 'withdraw')).message).toMatch(
      /it is closed/,
    );
  });

  it('offers a person only the actions of a person, never withdraw', () => {
    expect(allowedDisputeActions('open')).toEqual([
      'start_review',
      'resolve_with_credit_memo',
      'reject_and_rebill',
      'write_off',
    ]);
    expect(allowedDisputeActions('under_review')).not.toContain('withdraw');
    expect(captureDomainError(() => nextDisputeStatus('open', 'reopen')).message).not.toMatch(
      /withdraw/,
    );
  });

  it('knows live and final statuses', () => {
    expect(DISPUTE_STATUSES.filter(isLiveDispute)).toEqual(['open', 'under_review']);
    expect(allowedDisputeActions('written_off')).toEqual([]);
    expect(allowedDisputeActions('withdrawn')).toEqual([]);
    expect(isDisputeStatus('under_review')).toBe(true);
    expect(isDisputeStatus('closed')).toBe(false);
  });

  it('finds the action towards a status', () => {
    expect(actionTowards('open', 'under_review')).toBe('start_review');
    expect(actionTowards('under_review', 'open')).toBe('reopen');
    expect(captureDomainError(() => actionTowards('open', 'open'))).toMatchObject({
      code: DomainErrorCode.DISPUTE_INVALID_TRANSITION,
    });
    expect(
      captureDomainError(() => actionTowards('open', 'closed' as DisputeStatus)),
    ).toMatchObject({ code: DomainErrorCode.DISPUTE_INVALID_INPUT, field: 'status' });
  });

  it('has no person action towards withdrawn: only the process withdraws', () => {
    expect(captureDomainError(() => actionTowards('open', 'withdrawn'))).toMatchObject({
      code: DomainErrorCode.DISPUTE_INVALID_TRANSITION,
      field: 'status',
    });
  });

  it('rejects an unknown current status', () => {
    expect(
      captureDomainError(() => nextDisputeStatus('lost' as DisputeStatus, 'reopen')),
    ).toMatchObject({ code: DomainErrorCode.DISPUTE_INVALID_INPUT });
  });
});
