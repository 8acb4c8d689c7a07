import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { parse } from 'yaml';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const REPO_CONTRACTS = join(__dirname, '..', '..', 'openapi');

/** The YAML download is text; expectContract checks response.body. */
function withTextBody(response: Response): Response {
  return Object.assign(response, { body: response.text });
}

describe('API catalog, contract files and docs', () => {
  let gateway: TestGateway;
  let contractsDir: string;

  beforeAll(async () => {
    // A copy of openapi/ where the items catalog is published to partners, so the suite sees
    // all three audiences (handlers are unchanged, so binding still holds).
    contractsDir = mkdtempSync(join(tmpdir(), 'o2c-catalog-contracts-'));
    cpSync(REPO_CONTRACTS, contractsDir, { recursive: true });
    const catalogFile = join(contractsDir, 'system', 'catalog.v1.yaml');
    writeFileSync(
      catalogFile,
      readFileSync(catalogFile, 'utf8').replace('x-audience: internal', 'x-audience: partner'),
    );
    gateway = await startTestGateway({ CONTRACTS_DIR: contractsDir });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(contractsDir, { recursive: true, force: true });
  });

  const partner = () =>
    gateway.as({
      subject: 'acme-edi',
      kind: 'partner_client',
      scopes: ['items:read'],
      customerIds: [],
      plan: 'standard',
    });

  describe('GET /catalog', () => {
    it('lists every loaded contract with its owner, audience, version and links, without a token', async () => {
      const response = gateway.expectContract(
        'getApiCatalog',
        await gateway.anonymous().get('/catalog'),
      );
      expect(response.status).toBe(200);
      const apis = response.body.apis as {
        apiId: string;
        major: number;
        owner: { team: string; name: string; contact: string };
        audience: string;
        version: string;
        links: Record<string, string>;
        operations: { operationId: string }[];
      }[];
      const governance = gateway.contracts.governance;
      expect(apis).toHaveLength(gateway.contracts.contracts.length);
      for (const contract of gateway.contracts.contracts) {
        const info = contract.document.info;
        const entry = apis.find((api) => api.apiId === info['x-api-id']);
        expect(entry).toBeDefined();
        const team = info['x-owner']?.team ?? '';
        expect(entry).toMatchObject({
          audience: info['x-audience'],
          version: info.version,
          owner: {
            team,
            name: governance.owners.get(team)?.name,
            contact: info['x-owner']?.contact,
          },
        });
        const operationIds = [...gateway.contracts.operations.values()]
          .filter((operation) => operation.file === contract.file)
          .map((operation) => operation.operationId)
          .sort();
        expect(entry?.operations.map((operation) => operation.operationId).sort()).toEqual(
          operationIds,
        );
      }
      expect(apis.find((api) => api.apiId === 'system-catalog')?.audience).toBe('partner');
    });

    it('describes each operation with its scopes, plan limits and idempotency', async () => {
      const response = gateway.expectContract(
        'getApiCatalog',
        await gateway.anonymous().get('/catalog'),
      );
      const customers = response.body.apis.find(
        (api: { apiId: string }) => api.apiId === 'system-customers',
      );
      expect(customers).toMatchObject({
        layer: 'system',
        lifecycle: { status: 'active' },
        basePath: '/system/v1/customers',
        links: {
          contractYaml: '/contracts/system-customers/v1.yaml',
          contractJson: '/contracts/system-customers/v1.json',
          docs: '/docs/system-customers/v1',
        },
      });
      expect(
        customers.operations.find(
          (operation: { operationId: string }) => operation.operationId === 'createCustomer',
        ),
      ).toEqual({
        operationId: 'createCustomer',
        method: 'POST',
        path: '/system/v1/customers',
        summary: expect.any(String),
        authenticated: true,
        scopes: ['customers:write'],
        rateLimit: { plan: 'admin', limits: [{ limit: 50, window: '1s' }] },
        idempotency: 'optional',
      });
      const catalog = response.body.apis.find(
        (api: { apiId: string }) => api.apiId === 'governance-api-catalog',
      );
      expect(catalog.operations[0]).toMatchObject({
        operationId: 'getApiCatalog',
        authenticated: false,
        scopes: [],
        rateLimit: { limits: [{ limit: 20, window: '1s' }] },
      });
      expect(catalog.operations[0].rateLimit.plan).toBeUndefined();
    });
  });

  describe('contract files', () => {
    it('serves an internal contract only with a valid token', async () => {
      const anonymous = gateway.expectContract(
        'getContractYaml',
        await gateway.anonymous().get('/contracts/system-customers/v1.yaml'),
      );
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect(anonymous.headers['www-authenticate']).toContain('Bearer');

      const forged = gateway.expectContract(
        'getContractJson',
        await gateway.as('not-a-token').get('/contracts/system-customers/v1.json'),
      );
      expect(forged.status).toBe(401);

      const yaml = withTextBody(await gateway.http().get('/contracts/system-customers/v1.yaml'));
      gateway.expectContract('getContractYaml', yaml);
      expect(yaml.status).toBe(200);
      expect(yaml.headers['content-type']).toContain('application/yaml');
      expect(yaml.headers['cache-control']).toBe('private, no-cache');
      expect(yaml.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(yaml.text).toBe(
        readFileSync(join(REPO_CONTRACTS, 'system', 'customers.v1.yaml'), 'utf8'),
      );

      const json = gateway.expectContract(
        'getContractJson',
        await gateway.http().get('/contracts/system-customers/v1.json'),
      );
      expect(json.status).toBe(200);
      expect(json.body).toEqual(parse(yaml.text));
    });

    it('refuses an internal contract to a partner client', async () => {
      const response = gateway.expectContract(
        'getContractJson',
        await partner().get('/contracts/system-customers/v1.json'),
      );
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('AUTH.FORBIDDEN');
    });

    it('serves partner and public contracts to anyone', async () => {
      for (const path of [
        '/contracts/system-catalog/v1.json',
        '/contracts/governance-api-catalog/v1.json',
      ]) {
        const response = gateway.expectContract(
          'getContractJson',
          await gateway.anonymous().get(path),
        );
        expect(response.status).toBe(200);
        expect(response.headers['cache-control']).toBe('public, max-age=300');
      }
      const yaml = withTextBody(await partner().get('/contracts/system-catalog/v1.yaml'));
      gateway.expectContract('getContractYaml', yaml);
      expect(yaml.status).toBe(200);
      expect(parse(yaml.text).info['x-api-id']).toBe('system-catalog');
    });

    it('answers 404 for an unknown contract or major, 400 for a malformed one', async () => {
      const unknown = gateway.expectContract(
        'getContractJson',
        await gateway.anonymous().get('/contracts/system-nothing/v1.json'),
      );
      expect(unknown.status).toBe(404);
      const noSuchMajor = gateway.expectContract(
        'getContractYaml',
        await gateway.http().get('/contracts/system-customers/v7.yaml'),
      );
      expect(noSuchMajor.status).toBe(404);
      const malformed = gateway.expectContract(
        'getContractJson',
        await gateway.anonymous().get('/contracts/system-catalog/v0.json'),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].path).toBe('/path/major');
    });
  });

  describe('docs', () => {
    it('serves Swagger UI for every contract', async () => {
      for (const contract of gateway.contracts.contracts) {
        const info = contract.document.info;
        const page = await gateway
          .anonymous()
          .get(`/docs/${info['x-api-id']}/v${info.version.split('.')[0]}`);
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.text).toContain('swagger-ui-init.js');
        expect(page.text).toContain('access_token');
      }
      const bundle = await gateway
        .anonymous()
        .get('/docs/system-customers/v1/swagger-ui-bundle.js');
      expect(bundle.status).toBe(200);
    });

    it('embeds public and partner contracts but makes the page fetch an internal one with the token', async () => {
      const publicInit = await gateway
        .anonymous()
        .get('/docs/governance-api-catalog/v1/swagger-ui-init.js');
      expect(publicInit.status).toBe(200);
      expect(publicInit.text).toContain('"/contracts/{apiId}/v{major}.yaml"');

      const partnerInit = await gateway
        .anonymous()
        .get('/docs/system-catalog/v1/swagger-ui-init.js');
      expect(partnerInit.text).toContain('/system/v1/items');

      const internalInit = await gateway
        .anonymous()
        .get('/docs/system-customers/v1/swagger-ui-init.js');
      expect(internalInit.status).toBe(200);
      expect(internalInit.text).not.toContain('/system/v1/customers');
      expect(internalInit.text).not.toContain('CustomerCreate');
      expect(internalInit.text).toContain('"url": "/contracts/system-customers/v1.json"');
      // Nest's unguarded -json / -yaml copies are switched off.
      expect((await gateway.anonymous().get('/docs/system-customers/v1-json')).status).toBe(404);
    });
  });
});
