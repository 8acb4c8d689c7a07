import { type FieldError, ProblemException } from '@o2c/http';

/** RFC 6749 section 5.2 error codes of the token endpoint. */
export enum OAuthErrorCode {
  INVALID_REQUEST = 'invalid_request',
  INVALID_CLIENT = 'invalid_client',
  /** For grants that carry one (codes, refresh tokens); client credentials has none. */
  INVALID_GRANT = 'invalid_grant',
  UNAUTHORIZED_CLIENT = 'unauthorized_client',
  UNSUPPORTED_GRANT_TYPE = 'unsupported_grant_type',
  INVALID_SCOPE = 'invalid_scope',
}

export interface OAuthErrorMapping {
  status: number;
  title: string;
  /** Our stable problem code beside the OAuth one. */
  code: string;
}

/** The one place OAuth errors become HTTP answers; an unmapped code does not compile. */
export function mapOAuthError(error: OAuthErrorCode): OAuthErrorMapping {
  switch (error) {
    case OAuthErrorCode.INVALID_REQUEST:
      return {
        status: 400,
        title: 'The token request is not valid',
        code: 'OAUTH.INVALID_REQUEST',
      };
    case OAuthErrorCode.INVALID_CLIENT:
      return { status: 401, title: 'Client authentication failed', code: 'OAUTH.INVALID_CLIENT' };
    case OAuthErrorCode.INVALID_GRANT:
      return { status: 400, title: 'The grant is not valid', code: 'OAUTH.INVALID_GRANT' };
    case OAuthErrorCode.UNAUTHORIZED_CLIENT:
      return {
        status: 400,
        title: 'The client may not use this grant',
        code: 'OAUTH.UNAUTHORIZED_CLIENT',
      };
    case OAuthErrorCode.UNSUPPORTED_GRANT_TYPE:
      return {
        status: 400,
        title: 'The grant type is not supported',
        code: 'OAUTH.UNSUPPORTED_GRANT_TYPE',
      };
    case OAuthErrorCode.INVALID_SCOPE:
      return {
        status: 400,
        title: 'The requested scope is not valid',
        code: 'OAUTH.INVALID_SCOPE',
      };
  }
}

/** RFC 9110 requires a challenge with every 401; Basic is the scheme this endpoint accepts. */
export const CLIENT_CHALLENGE = 'Basic realm="o2c-gateway", charset="UTF-8"';

/**
 * A token endpoint error: the RFC 6749 fields (`error`, `error_description`) for OAuth client
 * libraries, and the problem fields (`type`, `title`, `status`, `code`) our other APIs use.
 */
export class OAuthError extends ProblemException {
  constructor(
    readonly error: OAuthErrorCode,
    description: string,
    errors: FieldError[] = [],
  ) {
    const mapped = mapOAuthError(error);
    super(mapped.code, description, errors, {
      status: mapped.status,
      title: mapped.title,
      extensions: { error, error_description: description },
      headers:
        error === OAuthErrorCode.INVALID_CLIENT ? { 'www-authenticate': CLIENT_CHALLENGE } : {},
    });
    this.name = 'OAuthError';
  }
}
