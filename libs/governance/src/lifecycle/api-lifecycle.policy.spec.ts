import {
  httpDate,
  lifecycleVerdict,
  resolveSuccessorLink,
  structuredDate,
} from './api-lifecycle.policy';

const api = { apiId: 'system-customers', major: 1 };
const candidates = [
  { apiId: 'system-customers', major: 1, docsUrl: '/docs/system-customers/v1' },
  { apiId: 'system-customers', major: 2, docsUrl: '/docs/system-customers/v2' },
  { apiId: 'system-items', major: 1, docsUrl: '/docs/system-items/v1' },
];

describe('lifecycle header values', () => {
  it('writes the deprecation date as an RFC 9651 Date (Unix seconds at UTC midnight)', () => {
    expect(structuredDate('2026-01-15')).toBe('@1768435200');
    expect(structuredDate('1970-01-01')).toBe('@0');
  });

  it('writes the sunset as an IMF-fixdate', () => {
    expect(httpDate('2027-01-31')).toBe('Sun, 31 Jan 2027 00:00:00 GMT');
  });
});

describe('resolveSuccessorLink', () => {
  it.each([
    ['https://example.com/v2', 'https://example.com/v2'],
    ['/system/v2/customers', '/system/v2/customers'],
    ['system-customers', '/docs/system-customers/v2'],
    ['system-customers/v1', '/docs/system-customers/v1'],
    ['system-items', '/docs/system-items/v1'],
    ['system-unknown', undefined],
    ['system-customers/v9', undefined],
    ['not a reference', undefined],
    [undefined, undefined],
  ])('resolves %p to %p', (successor, expected) => {
    expect(resolveSuccessorLink(successor, candidates)).toBe(expected);
  });
});

describe('lifecycleVerdict', () => {
  it('adds nothing to an active API', () => {
    expect(lifecycleVerdict(api, { status: 'active' }, undefined)).toEqual({ kind: 'active' });
  });

  it('announces a deprecated API with Deprecation, Sunset and the successor link', () => {
    const verdict = lifecycleVerdict(
      api,
      { status: 'deprecated', deprecated: '2026-01-15', sunset: '2027-01-31', successor: 'x' },
      '/docs/system-customers/v2',
    );
    expect(verdict).toEqual({
      kind: 'deprecated',
      headers: {
        deprecation: '@1768435200',
        sunset: 'Sun, 31 Jan 2027 00:00:00 GMT',
        link: '</docs/system-customers/v2>; rel="successor-version"',
      },
    });
  });

  it('leaves Deprecation out when the contract does not say since when', () => {
    const verdict = lifecycleVerdict(
      api,
      { status: 'deprecated', sunset: '2027-01-31' },
      undefined,
    );
    expect(verdict).toEqual({
      kind: 'deprecated',
      headers: { sunset: 'Sun, 31 Jan 2027 00:00:00 GMT' },
    });
  });

  it('refuses a retired API, saying when and where to go', () => {
    const verdict = lifecycleVerdict(
      api,
      { status: 'retired', sunset: '2026-06-30', successor: 'system-customers' },
      '/docs/system-customers/v2',
    );
    expect(verdict).toMatchObject({
      kind: 'retired',
      detail: 'system-customers v1 was retired on 2026-06-30; use /docs/system-customers/v2',
      headers: { sunset: 'Tue, 30 Jun 2026 00:00:00 GMT' },
    });
  });
});
