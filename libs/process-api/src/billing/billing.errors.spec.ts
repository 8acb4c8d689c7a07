import { DomainError, DomainErrorCode } from '@o2c/domain';
import { BillingErrorCode, creditingProblem, mapBillingError } from './billing.errors';

const toPath = (field: string | undefined) => `/body/${field ?? ''}`;

describe('billing errors', () => {
  it('maps every billing code to a status', () => {
    for (const code of Object.values(BillingErrorCode)) {
      expect([400, 409, 422]).toContain(mapBillingError(code).status);
    }
  });

  it.each([
    [DomainErrorCode.CREDITING_QUANTITY_EXCEEDED, 'CREDIT_MEMO.QUANTITY_EXCEEDS_CREDITABLE', 422],
    [DomainErrorCode.CREDITING_AMOUNT_EXCEEDED, 'CREDIT_MEMO.AMOUNT_EXCEEDS_CREDITABLE', 422],
    [DomainErrorCode.CREDITING_NOTHING_LEFT, 'CREDIT_MEMO.NOTHING_CREDITABLE', 422],
    [DomainErrorCode.CREDITING_EXCEEDS_OPEN_BALANCE, 'CREDIT_MEMO.EXCEEDS_OPEN_BALANCE', 422],
  ])('keeps the crediting rule %s as %s', (domainCode, code, status) => {
    const problem = creditingProblem(
      new DomainError(domainCode, 'too much', 'lines[0].quantity'),
      toPath,
    );
    expect(problem.code).toBe(code);
    expect(problem.status).toBe(status);
    expect(problem.errors).toEqual([
      { path: '/body/lines[0].quantity', rule: code, message: 'too much' },
    ]);
  });

  it('turns any other domain refusal into a 400 naming the domain rule', () => {
    const problem = creditingProblem(
      new DomainError(DomainErrorCode.MONEY_TOO_MANY_DECIMALS, 'too many decimals', 'x'),
      toPath,
    );
    expect(problem.code).toBe('CREDIT_MEMO.INVALID_LINE');
    expect(problem.status).toBe(400);
    expect(problem.errors[0].rule).toBe('MONEY.TOO_MANY_DECIMALS');
  });
});
