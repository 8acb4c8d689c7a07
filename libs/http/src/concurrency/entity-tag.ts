import { ApiErrorCode } from '../problem/api-error-code';
import { ProblemException } from '../problem/problem.exception';

/** Strong entity tag from a record's optimistic-concurrency version. */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/** The version the client last saw, from If-Match; updates are conditional (428 without it). */
export function expectedVersion(ifMatch: string | string[] | undefined): number {
  const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (header === undefined || header.trim() === '') {
    throw new ProblemException(
      ApiErrorCode.PRECONDITION_REQUIRED,
      'Send If-Match with the ETag you read',
      [
        {
          path: '/headers/if-match',
          rule: 'required',
          message: 'If-Match is required for updates',
        },
      ],
    );
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match?.[1]) {
    throw new ProblemException(
      ApiErrorCode.VALIDATION_FAILED,
      'If-Match must be an ETag returned by this API',
      [
        {
          path: '/headers/if-match',
          rule: 'etag',
          message: 'expected a quoted version such as "3"',
        },
      ],
    );
  }
  return Number(match[1]);
}

export function staleVersion(what: string, id: string, current: number): ProblemException {
  return new ProblemException(
    ApiErrorCode.PRECONDITION_FAILED,
    `${what} ${id} has changed since it was read (current ETag ${entityTag(current)})`,
    [{ path: '/headers/if-match', rule: 'current-version', message: 'stale ETag' }],
    { extensions: { currentETag: entityTag(current) } },
  );
}
