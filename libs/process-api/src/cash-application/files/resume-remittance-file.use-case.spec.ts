import type { Principal } from '@o2c/governance';
import { ProblemException } from '@o2c/http';
import type { CashTransactions } from '../cash-transactions';
import type { RemittanceFileUnparking } from './remittance-file.unparking';
import { ResumeRemittanceFileUseCase } from './resume-remittance-file.use-case';

describe('ResumeRemittanceFileUseCase', () => {
  it('answers an account-bound caller "not found" without touching the file', async () => {
    const run = jest.fn();
    const useCase = new ResumeRemittanceFileUseCase(
      { run } as unknown as CashTransactions,
      {} as RemittanceFileUnparking,
    );
    const partner: Principal = {
      kind: 'partner_client',
      subject: 'acme-ap',
      scopes: new Set(['cash-applications:write']),
      roles: [],
      customerIds: ['c1'],
    };
    const answer = useCase.execute(partner, 'f1');
    await expect(answer).rejects.toBeInstanceOf(ProblemException);
    await expect(answer).rejects.toMatchObject({ status: 404 });
    expect(run).not.toHaveBeenCalled();
  });
});
