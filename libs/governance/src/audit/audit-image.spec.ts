import {
  auditDigest,
  auditImage,
  canonicalJson,
  decimalAtScale,
  REDACTED,
  toJsonValue,
} from './audit-image';

describe('audit images and digests', () => {
  it('writes canonical JSON: keys sorted at every level, arrays in order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps only JSON values: instants as ISO text, undefined dropped, SQL expressions as text', () => {
    expect(
      toJsonValue({
        at: new Date('2026-03-01T10:00:00Z'),
        gone: undefined,
        list: [undefined, 1],
        bumped: () => 'version + 1',
        big: 10n,
      }),
    ).toEqual({
      at: '2026-03-01T10:00:00.000Z',
      list: [null, 1],
      bumped: 'sql: version + 1',
      big: '10',
    });
  });

  it('gives equal images one digest whatever their key order, and another when a value moves', () => {
    const digest = auditDigest({ id: 'c1', name: 'Acme', version: 1 });
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(auditDigest({ version: 1, name: 'Acme', id: 'c1' })).toBe(digest);
    expect(auditDigest({ id: 'c1', name: 'Acme', version: 2 })).not.toBe(digest);
  });

  it('has no digest without an image (before a creation, after a removal)', () => {
    expect(auditDigest(null)).toBeNull();
  });

  it('can be re-computed from the stored (jsonb) image', () => {
    const image = auditImage({ id: 'c1', limit: '50000.0000', at: new Date(0), tags: ['a'] });
    const stored = JSON.parse(JSON.stringify(image)) as Record<string, unknown>;
    expect(auditDigest(stored)).toBe(auditDigest(image));
  });

  it('redacts secrets (hashed client secrets, passwords) but keeps the rest', () => {
    const image = auditImage({
      clientId: 'erp-7',
      secretHashes: [{ hash: 'scrypt$...' }],
      password: 'x',
      name: 'ERP',
    });
    expect(image).toEqual({
      clientId: 'erp-7',
      secretHashes: REDACTED,
      password: REDACTED,
      name: 'ERP',
    });
  });

  it.each([
    ['75000.00', 4, '75000.0000'],
    ['75000', 4, '75000.0000'],
    ['-3', 4, '-3.0000'],
    ['0.12345678', 8, '0.12345678'],
    ['12', 0, '12'],
    [null, 4, null],
    ['sql: now()', 4, 'sql: now()'],
  ])('writes the decimal %p as its numeric column stores it (scale %p)', (value, scale, stored) => {
    expect(decimalAtScale(value, scale)).toBe(stored);
  });
});
