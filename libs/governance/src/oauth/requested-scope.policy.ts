import { OAuthError, OAuthErrorCode } from './oauth-error';

/** RFC 6749 appendix A.4: printable ASCII except space, double quote and backslash. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const NAMED_AT_MOST = 5;

/**
 * The scopes a token gets: the requested ones (space-delimited, RFC 6749 section 3.3), which
 * must all be held by the client, or every scope of the client when none is requested.
 */
export function grantedScopes(requested: string | undefined, held: readonly string[]): string[] {
  if (requested === undefined) return [...new Set(held)].sort();
  const asked = requested.split(' ').filter((scope) => scope !== '');
  if (asked.length === 0) {
    throw new OAuthError(
      OAuthErrorCode.INVALID_SCOPE,
      'scope is empty; omit it to get every scope of the client',
    );
  }
  if (!asked.every((scope) => SCOPE_TOKEN.test(scope))) {
    throw new OAuthError(
      OAuthErrorCode.INVALID_SCOPE,
      'scope must be space-separated scope names without quotes or backslashes',
    );
  }
  const refused = [...new Set(asked.filter((scope) => !held.includes(scope)))];
  if (refused.length > 0) {
    const named = refused.slice(0, NAMED_AT_MOST).join(' ');
    const more =
      refused.length > NAMED_AT_MOST ? ` and ${refused.length - NAMED_AT_MOST} more` : '';
    throw new OAuthError(
      OAuthErrorCode.INVALID_SCOPE,
      `the client does not hold the scope ${named}${more}`,
    );
  }
  return [...new Set(asked)].sort();
}
