import {
  previousSecretExpiresAt,
  rotateSigningSecrets,
  secretsInForce,
  type SigningSecret,
} from './signing-secret.rotation';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const HOUR = 3_600_000;
const first: SigningSecret = {
  secret: 'whsec_first',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
};

describe('signing secret rotation', () => {
  it('keeps the old secret signing during the overlap, the new one current', () => {
    const rotated = rotateSigningSecrets([first], 'whsec_second', T0, 24 * HOUR);
    expect(rotated).toEqual([
      { secret: 'whsec_second', createdAt: '2026-03-01T10:00:00.000Z', expiresAt: null },
      {
        secret: 'whsec_first',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
    expect(secretsInForce(rotated, T0 + HOUR).map((s) => s.secret)).toEqual([
      'whsec_second',
      'whsec_first',
    ]);
    expect(secretsInForce(rotated, T0 + 24 * HOUR - 1).map((s) => s.secret)).toEqual([
      'whsec_second',
      'whsec_first',
    ]);
    expect(secretsInForce(rotated, T0 + 24 * HOUR).map((s) => s.secret)).toEqual(['whsec_second']);
    expect(previousSecretExpiresAt(rotated, T0)).toBe('2026-03-02T10:00:00.000Z');
    expect(previousSecretExpiresAt(rotated, T0 + 25 * HOUR)).toBeNull();
  });

  it('never keeps more than two secrets: a second rotation drops the oldest', () => {
    const once = rotateSigningSecrets([first], 'whsec_second', T0, 24 * HOUR);
    const twice = rotateSigningSecrets(once, 'whsec_third', T0 + HOUR, 24 * HOUR);
    expect(twice.map((s) => [s.secret, s.expiresAt])).toEqual([
      ['whsec_third', null],
      ['whsec_second', '2026-03-02T11:00:00.000Z'],
    ]);
  });

  it('stops the old secret at once without an overlap', () => {
    const rotated = rotateSigningSecrets([first], 'whsec_second', T0, 0);
    expect(rotated.map((s) => s.secret)).toEqual(['whsec_second']);
    expect(previousSecretExpiresAt(rotated, T0)).toBeNull();
  });

  it('starts a subscription without secrets with just the new one', () => {
    expect(rotateSigningSecrets([], 'whsec_new', T0, HOUR)).toEqual([
      { secret: 'whsec_new', createdAt: '2026-03-01T10:00:00.000Z', expiresAt: null },
    ]);
  });

  it('refuses a negative overlap and reusing a secret', () => {
    expect(() => rotateSigningSecrets([first], 'whsec_x', T0, -1)).toThrow(RangeError);
    expect(() => rotateSigningSecrets([first], 'whsec_x', T0, Number.NaN)).toThrow(RangeError);
    expect(() => rotateSigningSecrets([first], 'whsec_first', T0, HOUR)).toThrow(RangeError);
  });

  it('orders the secrets in force newest first whatever the stored order', () => {
    const stored: SigningSecret[] = [
      {
        secret: 'old',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-03-02T00:00:00.000Z',
      },
      { secret: 'new', createdAt: '2026-03-01T00:00:00.000Z', expiresAt: null },
    ];
    expect(secretsInForce(stored, T0).map((s) => s.secret)).toEqual(['new', 'old']);
  });

  it('refuses stored times that are not times', () => {
    const broken: SigningSecret[] = [{ secret: 'x', createdAt: 'yesterday', expiresAt: 'soon' }];
    expect(() => secretsInForce(broken, T0)).toThrow(RangeError);
  });
});
