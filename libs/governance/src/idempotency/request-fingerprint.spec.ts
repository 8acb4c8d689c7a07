import { requestFingerprint, requestPathOf } from './request-fingerprint';

const body = {
  customerNumber: 'C-1',
  creditLimit: { amount: '50000.00', currency: 'USD' },
  shipTos: [{ code: 'MAIN', address: { city: 'Reno', country: 'US' } }],
};

function fingerprint(overrides: { method?: string; path?: string; body?: unknown } = {}): string {
  return requestFingerprint({ method: 'POST', path: '/system/v1/customers', body, ...overrides });
}

describe('the request fingerprint', () => {
  it('is a sha256 in hex', () => {
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the order of object keys at every level', () => {
    const reordered = {
      shipTos: [{ address: { country: 'US', city: 'Reno' }, code: 'MAIN' }],
      creditLimit: { currency: 'USD', amount: '50000.00' },
      customerNumber: 'C-1',
    };
    expect(fingerprint({ body: reordered })).toBe(fingerprint());
  });

  it('ignores the JSON whitespace the client sent (the body is compared parsed)', () => {
    const reparsed: unknown = JSON.parse(JSON.stringify(body, null, 2));
    expect(fingerprint({ body: reparsed })).toBe(fingerprint());
  });

  it.each([
    ['another value', { ...body, customerNumber: 'C-2' }],
    ['a nested value', { ...body, creditLimit: { amount: '50000.01', currency: 'USD' } }],
    ['a value of another type', { ...body, customerNumber: 1 }],
    ['an added field', { ...body, name: 'Acme' }],
    ['a removed field', { customerNumber: 'C-1', creditLimit: body.creditLimit }],
    ['another array order', { ...body, shipTos: [{ code: 'B' }, { code: 'A' }] }],
    ['no body', undefined],
  ])('changes with %s', (_label, other) => {
    expect(fingerprint({ body: other })).not.toBe(fingerprint());
  });

  it('tells array orders apart', () => {
    expect(fingerprint({ body: [1, 2] })).not.toBe(fingerprint({ body: [2, 1] }));
  });

  it('changes with the method and with the path, parameters included', () => {
    expect(fingerprint({ method: 'PUT' })).not.toBe(fingerprint());
    expect(fingerprint({ path: '/system/v1/customers/a/ship-tos' })).not.toBe(
      fingerprint({ path: '/system/v1/customers/b/ship-tos' }),
    );
  });

  it('reads the method case-insensitively', () => {
    expect(fingerprint({ method: 'post' })).toBe(fingerprint());
  });
});

describe('the request path of a fingerprint', () => {
  it('fills the path parameters into the contract template', () => {
    expect(
      requestPathOf('/system/v1/customers/{customerId}/ship-tos', { customerId: 'c-42' }),
    ).toBe('/system/v1/customers/c-42/ship-tos');
  });

  it('encodes parameter values, so a value cannot pose as another path', () => {
    expect(requestPathOf('/things/{id}', { id: 'a/b' })).toBe('/things/a%2Fb');
  });

  it('leaves a path without parameters as it is', () => {
    expect(requestPathOf('/system/v1/customers', undefined)).toBe('/system/v1/customers');
  });
});
