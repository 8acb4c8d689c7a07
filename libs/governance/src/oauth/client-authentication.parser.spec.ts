import { clientCredentialsOf } from './client-authentication.parser';
import { OAuthError, OAuthErrorCode } from './oauth-error';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function errorOf(run: () => unknown): OAuthErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return error.error;
    throw error;
  }
  return undefined;
}

describe('client authentication', () => {
  it('reads client_secret_basic with form-encoded parts', () => {
    expect(clientCredentialsOf(basic('pc_1', 'a:b+c/=é'), {})).toEqual({
      method: 'client_secret_basic',
      clientId: 'pc_1',
      clientSecret: 'a:b+c/=é',
    });
    // A literal "+" means a space in form encoding.
    const plus = `Basic ${Buffer.from('pc_1:a+b').toString('base64')}`;
    expect(clientCredentialsOf(plus, {}).clientSecret).toBe('a b');
    expect(clientCredentialsOf(basic('pc_1', 's').replace('Basic', 'basic'), {}).clientId).toBe(
      'pc_1',
    );
  });

  it('reads client_secret_post', () => {
    expect(clientCredentialsOf(undefined, { client_id: 'pc_1', client_secret: 's' })).toEqual({
      method: 'client_secret_post',
      clientId: 'pc_1',
      clientSecret: 's',
    });
  });

  it('allows a client_id in the body that matches the Basic one', () => {
    expect(clientCredentialsOf(basic('pc_1', 's'), { client_id: 'pc_1' }).method).toBe(
      'client_secret_basic',
    );
  });

  it.each([
    ['no authentication', undefined, {}, OAuthErrorCode.INVALID_CLIENT],
    ['an id without a secret', undefined, { client_id: 'pc_1' }, OAuthErrorCode.INVALID_CLIENT],
    [
      'an empty secret',
      undefined,
      { client_id: 'pc_1', client_secret: '' },
      OAuthErrorCode.INVALID_CLIENT,
    ],
    ['a bearer header', 'Bearer abc', {}, OAuthErrorCode.INVALID_CLIENT],
    [
      'Basic without a colon',
      `Basic ${Buffer.from('pc_1').toString('base64')}`,
      {},
      OAuthErrorCode.INVALID_CLIENT,
    ],
    [
      'Basic with an empty id',
      `Basic ${Buffer.from(':s').toString('base64')}`,
      {},
      OAuthErrorCode.INVALID_CLIENT,
    ],
    ['Basic that is not base64', 'Basic %%%', {}, OAuthErrorCode.INVALID_CLIENT],
    [
      'Basic with a broken escape',
      `Basic ${Buffer.from('pc_1:%E0%A4%A').toString('base64')}`,
      {},
      OAuthErrorCode.INVALID_CLIENT,
    ],
    ['two methods', basic('pc_1', 's'), { client_secret: 's' }, OAuthErrorCode.INVALID_REQUEST],
    [
      'two different ids',
      basic('pc_1', 's'),
      { client_id: 'pc_2' },
      OAuthErrorCode.INVALID_REQUEST,
    ],
  ] as const)('refuses %s', (_case, header, body, expected) => {
    expect(errorOf(() => clientCredentialsOf(header, body))).toBe(expected);
  });

  it('challenges with Basic on invalid_client', () => {
    try {
      clientCredentialsOf(undefined, {});
    } catch (error) {
      expect((error as OAuthError).status).toBe(401);
      expect((error as OAuthError).headers['www-authenticate']).toMatch(/^Basic realm=/);
    }
    expect.assertions(2);
  });
});
