import { DomainError, DomainErrorCode } from '@o2c/domain';
import {
  DisputeErrorCode,
  disputeProblem,
  mapDisputeError,
  problemFromDomain,
} from './disputes.errors';

describe('dispute errors', () => {
  it('maps every code to a client error status', () => {
    for (const code of Object.values(DisputeErrorCode)) {
      expect([400, 403, 404, 409, 422]).toContain(mapDisputeError(code).status);
    }
  });

  it('names the field and the rule', () => {
    const problem = disputeProblem(
      DisputeErrorCode.EXCEEDS_OPEN_BALANCE,
      '/body/amount/amount',
      'too much',
      {
        openBalance: { amount: '1.00', currency: 'USD' },
      },
    );
    expect(problem.toDocument()).toMatchObject({
      status: 422,
      code: 'DISPUTE.EXCEEDS_OPEN_BALANCE',
      errors: [
        { path: '/body/amount/amount', rule: 'DISPUTE.EXCEEDS_OPEN_BALANCE', message: 'too much' },
      ],
      openBalance: { amount: '1.00', currency: 'USD' },
    });
  });

  it.each([
    [DomainErrorCode.DISPUTE_INVALID_TRANSITION, 'status', { status: '/status' }, 409, '/status'],
    [DomainErrorCode.DISPUTE_WRITE_OFF_AUTHORITY, 'amount', { amount: '/amount' }, 403, '/amount'],
    [
      DomainErrorCode.MONEY_TOO_MANY_DECIMALS,
      'amount',
      { amount: '/body/amount/amount' },
      400,
      '/body/amount/amount',
    ],
    [DomainErrorCode.MONEY_UNKNOWN_CURRENCY, 'currency', {}, 400, '/body/currency'],
  ])(
    'turns the domain code %s on %s into a %d problem at %s',
    (code, field, paths, status, path) => {
      const problem = problemFromDomain(new DomainError(code, 'no', field), paths);
      expect(problem.status).toBe(status);
      expect(problem.errors).toEqual([{ path, rule: code, message: 'no' }]);
    },
  );
});
