import { mapOAuthError, OAuthError, OAuthErrorCode } from './oauth-error';

describe('OAuth errors', () => {
  it.each(Object.values(OAuthErrorCode))('%s maps to a status and a problem code', (code) => {
    const mapped = mapOAuthError(code);
    expect(mapped.status).toBe(code === OAuthErrorCode.INVALID_CLIENT ? 401 : 400);
    expect(mapped.code).toBe(`OAUTH.${code.toUpperCase()}`);
  });

  it('carries both the RFC 6749 and the problem fields', () => {
    const document = new OAuthError(OAuthErrorCode.INVALID_SCOPE, 'nope').toDocument(
      '/oauth/token',
    );
    expect(document).toMatchObject({
      error: 'invalid_scope',
      error_description: 'nope',
      type: 'https://o2c-gateway.dev/problems/oauth-invalid-scope',
      title: 'The requested scope is not valid',
      status: 400,
      detail: 'nope',
      code: 'OAUTH.INVALID_SCOPE',
    });
  });
});
