import { DomainError } from '../errors/domain-error';

/**
 * Test support, used by the specs beside the code: runs `action` and returns the DomainError
 * it throws. Typed, unlike `expect.objectContaining`, so specs stay free of `any`. Plain code
 * (no Jest globals) so it compiles with the library; it is not part of the public API.
 */
export function captureDomainError(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`Expected a DomainError, got ${String(error)}`, { cause: error });
  }
  throw new Error('Expected a DomainError, but nothing was thrown');
}
