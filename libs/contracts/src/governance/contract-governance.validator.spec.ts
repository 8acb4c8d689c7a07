import { parse } from 'yaml';
import type { OpenApiDocument } from '../contract-document';
import { validateContractGovernance } from './contract-governance.validator';
import { join } from 'node:path';
import { loadGovernance, parseGovernance, windowToMs } from './governance-catalogue';

const governance = parseGovernance(`
owners:
  erp-core: { name: ERP core, contact: erp@example.com }
scopes:
  customers:read: Read customers
plans:
  internal:
    limits: [{ limit: 10, window: 1s }]
`);

function contract(
  overrides: { info?: object; operation?: object; path?: string; file?: string } = {},
) {
  const document = parse(`
openapi: 3.1.0
info:
  title: Test
  version: 1.0.0
  x-api-id: system-test
  x-layer: system
  x-audience: internal
  x-owner: { team: erp-core, contact: erp@example.com }
  x-lifecycle: { status: active }
paths: {}
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
`) as OpenApiDocument;
  Object.assign(document.info, overrides.info ?? {});
  document.paths = {
    [overrides.path ?? '/system/v1/things']: {
      get: {
        operationId: 'listThings',
        security: [{ bearer: ['customers:read'] }],
        'x-rate-limit': 'internal',
        'x-idempotency': 'none',
        responses: {},
        ...(overrides.operation ?? {}),
      },
    },
  };
  return { file: overrides.file ?? 'system/test.v1.yaml', uri: 'contract:test', document };
}

describe('validateContractGovernance', () => {
  it('accepts a contract with complete metadata', () => {
    expect(validateContractGovernance(contract(), governance)).toEqual([]);
  });

  it.each([
    ['no api id', { info: { 'x-api-id': undefined } }, 'info.x-api-id'],
    ['an unknown layer', { info: { 'x-layer': 'middle' } }, 'info.x-layer'],
    ['an unknown audience', { info: { 'x-audience': 'everyone' } }, 'info.x-audience'],
    [
      'an unknown owner team',
      { info: { 'x-owner': { team: 'nobody', contact: 'x' } } },
      'info.x-owner.team',
    ],
    ['no owner contact', { info: { 'x-owner': { team: 'erp-core' } } }, 'info.x-owner.contact'],
    ['a bad lifecycle', { info: { 'x-lifecycle': { status: 'beta' } } }, 'info.x-lifecycle.status'],
    [
      'deprecation without sunset',
      { info: { 'x-lifecycle': { status: 'deprecated', successor: 'x' } } },
      'info.x-lifecycle.sunset',
    ],
    [
      'deprecation without successor',
      { info: { 'x-lifecycle': { status: 'deprecated', sunset: '2027-01-31' } } },
      'info.x-lifecycle.successor',
    ],
    [
      'a deprecation date that is not a date',
      { info: { 'x-lifecycle': { status: 'active', deprecated: '2026-02-30' } } },
      'info.x-lifecycle.deprecated',
    ],
    [
      'a deprecation date after the sunset',
      {
        info: {
          'x-lifecycle': {
            status: 'deprecated',
            deprecated: '2027-03-01',
            sunset: '2027-01-31',
            successor: 'x',
          },
        },
      },
      'must not be after the sunset date',
    ],
    ['a version that disagrees with the file', { info: { version: '2.0.0' } }, 'info.version'],
    [
      'no security',
      { operation: { security: undefined } },
      'operation listThings: has no security',
    ],
    [
      'an unknown scope',
      { operation: { security: [{ bearer: ['things:write'] }] } },
      'scope things:write',
    ],
    [
      'an undeclared scheme',
      { operation: { security: [{ apiKey: [] }] } },
      'security scheme apiKey',
    ],
    ['no rate limit', { operation: { 'x-rate-limit': undefined } }, 'has no x-rate-limit'],
    ['an unknown plan', { operation: { 'x-rate-limit': 'gold' } }, 'unknown plan gold'],
    [
      'a malformed explicit limit',
      { operation: { 'x-rate-limit': { limit: 0, window: '1s' } } },
      'x-rate-limit',
    ],
    ['no idempotency', { operation: { 'x-idempotency': undefined } }, 'x-idempotency'],
    ['a path outside its layer', { path: '/process/v1/things' }, 'must start with /system/v1/'],
    [
      'a non-camelCase operationId',
      { operation: { operationId: 'List_Things' } },
      'lowerCamelCase',
    ],
  ])('rejects %s, naming file and place', (_label, overrides, expected) => {
    const problems = validateContractGovernance(contract(overrides), governance);
    expect(problems.join('\n')).toContain(expected);
    expect(problems.every((problem) => problem.startsWith('system/test.v1.yaml: '))).toBe(true);
  });

  it('accepts a deprecated API with the date it was deprecated', () => {
    const lifecycle = {
      status: 'deprecated',
      deprecated: '2026-01-15',
      sunset: '2027-01-31',
      successor: 'x',
    };
    expect(
      validateContractGovernance(contract({ info: { 'x-lifecycle': lifecycle } }), governance),
    ).toEqual([]);
  });

  it('accepts an explicit limit and an unauthenticated operation', () => {
    const problems = validateContractGovernance(
      contract({ operation: { security: [], 'x-rate-limit': { limit: 5, window: '10s' } } }),
      governance,
    );
    expect(problems).toEqual([]);
  });

  it.each(['/oauth/token', '/.well-known/jwks.json', '/catalog', '/governance/v1/api-clients'])(
    'accepts the governance path %s',
    (path) => {
      const problems = validateContractGovernance(
        contract({ info: { 'x-layer': 'governance' }, path }),
        governance,
      );
      expect(problems).toEqual([]);
    },
  );

  it('rejects a governance path outside its locations', () => {
    const problems = validateContractGovernance(
      contract({ info: { 'x-layer': 'governance' }, path: '/system/v1/x' }),
      governance,
    );
    expect(problems.join()).toContain('must start with /governance/v1/');
  });

  it('accepts experience paths with the app segment', () => {
    const problems = validateContractGovernance(
      contract({ info: { 'x-layer': 'experience' }, path: '/experience/sales-portal/v1/orders' }),
      governance,
    );
    expect(problems).toEqual([]);
  });
});

describe('governance catalogue', () => {
  it.each([
    ['1s', 1000],
    ['250ms', 250],
    ['10m', 600000],
    ['1h', 3600000],
    ['1d', 86400000],
    ['0s', undefined],
    ['1w', undefined],
    [5, undefined],
  ])('reads window %p as %p ms', (window, ms) => {
    expect(windowToMs(window)).toBe(ms);
  });

  it('rejects plans without limits and owners without contact', () => {
    expect(() => parseGovernance('plans: { x: { limits: [] } }')).toThrow(/plan x has no limits/);
    expect(() => parseGovernance('owners: { a: { name: A } }')).toThrow(/owner a needs/);
  });

  it('rejects a role granting a scope outside the catalogue', () => {
    expect(() =>
      parseGovernance('scopes: { a:read: A }\nroles: { clerk: [a:read, b:write] }'),
    ).toThrow(/role clerk must list scopes/);
  });

  it('reads the real catalogue', () => {
    const real = loadGovernance(join(__dirname, '..', '..', '..', '..', 'openapi'));
    expect(real.plans.get('standard')?.limits.map((limit) => limit.windowMs)).toEqual([
      1000, 86400000,
    ]);
  });
});
