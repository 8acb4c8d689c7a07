import type { ContractOperation } from '@o2c/contracts';
import { ApiErrorCode, ProblemException } from '@o2c/http';
import { type Principal, principalKey } from '../principal/principal';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Where problems about the key point (RFC 9457 `errors[].path`). */
export const IDEMPOTENCY_KEY_PATH = '/headers/idempotency-key';

/** Stripe's rule: up to 255 characters; printable ASCII keeps keys safe in logs and SQL text. */
const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;

/** GET and HEAD are idempotent by definition: a key there would only cost a database write. */
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

function invalidKey(rule: 'required' | 'format', message: string): ProblemException {
  return new ProblemException(ApiErrorCode.VALIDATION_FAILED, `Idempotency-Key ${message}`, [
    { path: IDEMPOTENCY_KEY_PATH, rule, message },
  ]);
}

/**
 * The Idempotency-Key a request runs under, or undefined when it runs without one: the
 * contract's `x-idempotency` says `none` (the header is ignored), or `optional` and no header
 * was sent. A `required` operation without the header, or a malformed key, is refused (400).
 */
export function idempotencyKeyOf(
  operation: Pick<ContractOperation, 'operationId' | 'method' | 'idempotency'>,
  header: string | string[] | undefined,
): string | undefined {
  if (operation.idempotency === 'none' || !UNSAFE_METHODS.has(operation.method)) return undefined;
  if (header === undefined) {
    if (operation.idempotency === 'optional') return undefined;
    throw invalidKey('required', `is required by ${operation.operationId}`);
  }
  // Node joins repeated headers it does not know into one string; an array means an odd client.
  if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
    throw invalidKey('format', 'must be 1-255 printable ASCII characters');
  }
  return header;
}

/**
 * Whose key it is: the principal's on secured operations, so two consumers never share a key;
 * the client IP's on operations without security, where nobody is authenticated.
 */
export function idempotencyConsumerOf(
  operation: Pick<ContractOperation, 'security'>,
  principal: Principal | undefined,
  clientIp: string,
): string {
  if (operation.security.length > 0 && principal) return principalKey(principal);
  return `ip:${clientIp}`;
}
