import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { captureDomainError } from './domain-error.capture';

describe('captureDomainError', () => {
  it('returns the DomainError thrown', () => {
    const error = new DomainError(DomainErrorCode.TERMS_INVALID, 'bad terms', 'terms');
    expect(
      captureDomainError(() => {
        throw error;
      }),
    ).toBe(error);
  });

  it('fails when something else or nothing is thrown', () => {
    expect(() =>
      captureDomainError(() => {
        throw new TypeError('boom');
      }),
    ).toThrow('Expected a DomainError, got TypeError: boom');
    expect(() => captureDomainError(() => 1)).toThrow('nothing was thrown');
  });
});
