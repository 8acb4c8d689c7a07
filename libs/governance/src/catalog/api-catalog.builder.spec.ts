import { type LoadedContract, type OpenApiDocument, parseGovernance } from '@o2c/contracts';
import { buildApiCatalog, commonBasePath } from './api-catalog.builder';

const governance = parseGovernance(`
owners:
  erp-core: { name: ERP core team, contact: erp-core@example.com }
scopes:
  customers:read: Read customers
plans:
  internal:
    limits: [{ limit: 200, window: 1s }]
  standard:
    limits: [{ limit: 20, window: 1s }, { limit: 100000, window: 1d }]
`);

function contract(apiId: string, version: string, lifecycle: object = { status: 'active' }) {
  const document = {
    openapi: '3.1.0',
    info: {
      title: `${apiId} API`,
      version,
      'x-api-id': apiId,
      'x-layer': 'system',
      'x-audience': 'partner',
      'x-owner': { team: 'erp-core', contact: 'erp-core@example.com' },
      'x-lifecycle': lifecycle,
    },
    paths: {
      '/system/v1/customers': {
        get: {
          operationId: `list${version[0]}`,
          summary: 'List',
          security: [{ bearer: ['customers:read'] }],
          'x-rate-limit': 'standard',
          'x-idempotency': 'none',
        },
      },
      '/system/v1/customers/{customerId}': {
        get: {
          operationId: `get${version[0]}`,
          summary: 'Read one',
          security: [],
          'x-rate-limit': { limit: 5, window: '10s' },
        },
      },
    },
  } as unknown as OpenApiDocument;
  const loaded: LoadedContract = { file: `system/${apiId}.yaml`, uri: 'contract:x', document };
  return loaded;
}

describe('buildApiCatalog', () => {
  it('describes each API with owner name, links and operation governance, ordered by id and major', () => {
    const catalog = buildApiCatalog(
      [
        contract('system-customers', '2.0.0'),
        contract('system-customers', '1.3.0', {
          status: 'deprecated',
          deprecated: '2026-01-15',
          sunset: '2027-01-31',
          successor: 'system-customers/v2',
        }),
      ],
      governance,
    );
    expect(catalog.apis.map((api) => [api.apiId, api.version])).toEqual([
      ['system-customers', '1.3.0'],
      ['system-customers', '2.0.0'],
    ]);
    expect(catalog.apis[0]).toEqual({
      apiId: 'system-customers',
      title: 'system-customers API',
      layer: 'system',
      audience: 'partner',
      owner: { team: 'erp-core', name: 'ERP core team', contact: 'erp-core@example.com' },
      version: '1.3.0',
      major: 1,
      lifecycle: {
        status: 'deprecated',
        deprecated: '2026-01-15',
        sunset: '2027-01-31',
        successor: 'system-customers/v2',
      },
      basePath: '/system/v1/customers',
      links: {
        contractYaml: '/contracts/system-customers/v1.yaml',
        contractJson: '/contracts/system-customers/v1.json',
        docs: '/docs/system-customers/v1',
      },
      operations: [
        {
          operationId: 'list1',
          method: 'GET',
          path: '/system/v1/customers',
          summary: 'List',
          authenticated: true,
          scopes: ['customers:read'],
          rateLimit: {
            plan: 'standard',
            limits: [
              { limit: 20, window: '1s' },
              { limit: 100000, window: '1d' },
            ],
          },
          idempotency: 'none',
        },
        {
          operationId: 'get1',
          method: 'GET',
          path: '/system/v1/customers/{customerId}',
          summary: 'Read one',
          authenticated: false,
          scopes: [],
          rateLimit: { limits: [{ limit: 5, window: '10s' }] },
          idempotency: 'none',
        },
      ],
    });
  });
});

describe('commonBasePath', () => {
  it.each([
    [['/system/v1/customers', '/system/v1/customers/{id}'], '/system/v1/customers'],
    [['/system/v1/orders', '/system/v1/invoices'], '/system/v1'],
    [['/catalog', '/contracts/{apiId}/v{major}.yaml'], '/'],
    [['/governance/v1/deprecated-calls'], '/governance/v1/deprecated-calls'],
    [[], '/'],
  ])('of %p is %p', (paths, expected) => {
    expect(commonBasePath(paths)).toBe(expected);
  });
});
