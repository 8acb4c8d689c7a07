import { OAuthError, OAuthErrorCode } from './oauth-error';
import { grantedScopes } from './requested-scope.policy';

const held = ['orders:read', 'invoices:read', 'shipments:read'];

function descriptionOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError && error.error === OAuthErrorCode.INVALID_SCOPE)
      return error.message;
    throw error;
  }
  throw new Error('expected invalid_scope');
}

describe('granted scopes', () => {
  it('grants every scope of the client when none is requested', () => {
    expect(grantedScopes(undefined, held)).toEqual([
      'invoices:read',
      'orders:read',
      'shipments:read',
    ]);
  });

  it('narrows to the requested scopes, sorted and without repeats', () => {
    expect(grantedScopes('shipments:read orders:read  orders:read', held)).toEqual([
      'orders:read',
      'shipments:read',
    ]);
  });

  it('refuses scopes the client does not hold, naming them', () => {
    expect(descriptionOf(() => grantedScopes('orders:read customers:write', held))).toContain(
      'customers:write',
    );
    const many = Array.from({ length: 8 }, (_, n) => `x:${n}`).join(' ');
    expect(descriptionOf(() => grantedScopes(many, held))).toMatch(/and 3 more$/);
  });

  it.each([[''], ['   '], ['orders:read "quoted"'], ['back\\slash']])(
    'refuses a malformed scope parameter %j',
    (scope) => {
      expect(() => grantedScopes(scope, held)).toThrow(OAuthError);
    },
  );
});
