import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isConnectionLoss } from './connection-loss';

function pgError(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isConnectionLoss', () => {
  it('recognises a terminated or lost connection', () => {
    expect(isConnectionLoss(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isConnectionLoss(new QueryFailedError('SELECT 1', [], pgError('57P01')))).toBe(true);
    expect(isConnectionLoss(pgError('08006'))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
  });

  it('leaves errors about the statement or the message to the message', () => {
    expect(isConnectionLoss(new QueryFailedError('INSERT', [], pgError('23505')))).toBe(false);
    expect(isConnectionLoss(pgError('22P02'))).toBe(false);
    expect(isConnectionLoss(new Error('downstream answered 500'))).toBe(false);
    expect(isConnectionLoss('nonsense')).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});
