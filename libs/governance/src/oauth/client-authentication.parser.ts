import { OAuthError, OAuthErrorCode } from './oauth-error';

export type ClientAuthenticationMethod = 'client_secret_basic' | 'client_secret_post';

export interface ClientCredentials {
  method: ClientAuthenticationMethod;
  clientId: string;
  clientSecret: string;
}

const BASIC = /^basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;

/** RFC 6749 section 2.3.1: id and secret are form-encoded before they go into Basic. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function fromBasic(authorization: string): { clientId: string; clientSecret: string } {
  const encoded = BASIC.exec(authorization.trim())?.[1];
  const decoded = encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : undefined;
  const clientSecret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : undefined;
  if (!clientId || !clientSecret) {
    throw new OAuthError(
      OAuthErrorCode.INVALID_CLIENT,
      'the Authorization header must be Basic base64(client_id:client_secret)',
    );
  }
  return { clientId, clientSecret };
}

/**
 * The client's credentials from HTTP Basic (client_secret_basic) or the request body
 * (client_secret_post). Exactly one method may be used (RFC 6749 section 2.3).
 */
export function clientCredentialsOf(
  authorization: string | undefined,
  body: { client_id?: unknown; client_secret?: unknown },
): ClientCredentials {
  const bodyId = typeof body.client_id === 'string' ? body.client_id : undefined;
  const bodySecret = typeof body.client_secret === 'string' ? body.client_secret : undefined;
  if (authorization !== undefined && authorization.trim() !== '') {
    if (!/^basic[ \t]/i.test(authorization.trim())) {
      throw new OAuthError(
        OAuthErrorCode.INVALID_CLIENT,
        'authenticate with HTTP Basic or with client_id and client_secret in the body',
      );
    }
    const basic = fromBasic(authorization);
    if (bodySecret !== undefined) {
      throw new OAuthError(
        OAuthErrorCode.INVALID_REQUEST,
        'use one client authentication method: HTTP Basic or client_secret in the body, not both',
      );
    }
    if (bodyId !== undefined && bodyId !== basic.clientId) {
      throw new OAuthError(
        OAuthErrorCode.INVALID_REQUEST,
        'client_id in the body differs from the one in the Authorization header',
      );
    }
    return { method: 'client_secret_basic', ...basic };
  }
  if (!bodyId || !bodySecret) {
    throw new OAuthError(
      OAuthErrorCode.INVALID_CLIENT,
      'client authentication is required: HTTP Basic, or client_id and client_secret in the body',
    );
  }
  return { method: 'client_secret_post', clientId: bodyId, clientSecret: bodySecret };
}
