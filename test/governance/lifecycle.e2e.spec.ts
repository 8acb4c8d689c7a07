import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const REPO_CONTRACTS = join(__dirname, '..', '..', 'openapi');

function setLifecycle(directory: string, file: string, lifecycle: string): void {
  const path = join(directory, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes('x-lifecycle: { status: active }')) throw new Error(`${file}: no lifecycle`);
  writeFileSync(path, text.replace('x-lifecycle: { status: active }', `x-lifecycle: ${lifecycle}`));
}

const today = () => new Date().toISOString().slice(0, 10);

describe('API lifecycle at run time', () => {
  let gateway: TestGateway;
  let contractsDir: string;

  beforeAll(async () => {
    // A copy of openapi/ with customers deprecated and inventory retired; the handlers stay the
    // same, so the contracts still bind.
    contractsDir = mkdtempSync(join(tmpdir(), 'o2c-lifecycle-contracts-'));
    cpSync(REPO_CONTRACTS, contractsDir, { recursive: true });
    setLifecycle(
      contractsDir,
      'system/customers.v1.yaml',
      '{ status: deprecated, deprecated: 2026-01-15, sunset: 2099-12-31, successor: /system/v2/customers }',
    );
    setLifecycle(
      contractsDir,
      'system/inventory.v1.yaml',
      '{ status: retired, deprecated: 2025-01-01, sunset: 2025-12-31, successor: system-catalog }',
    );
    gateway = await startTestGateway({ CONTRACTS_DIR: contractsDir });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(contractsDir, { recursive: true, force: true });
  });

  const owner = () =>
    gateway.as({
      subject: 'owner-1',
      kind: 'internal',
      roles: ['api-owner'],
      scopes: ['governance:read'],
    });

  describe('a deprecated API', () => {
    it('answers with Deprecation, Sunset and the successor link', async () => {
      const response = gateway.expectContract(
        'listCustomers',
        await gateway.http().get('/system/v1/customers?limit=1'),
      );
      expect(response.status).toBe(200);
      expect(response.headers.deprecation).toBe('@1768435200');
      expect(response.headers.sunset).toBe('Thu, 31 Dec 2099 00:00:00 GMT');
      expect(response.headers.link).toBe('</system/v2/customers>; rel="successor-version"');
    });

    it('announces the deprecation on error answers too, including refused authentication', async () => {
      const response = gateway.expectContract(
        'listCustomers',
        await gateway.anonymous().get('/system/v1/customers'),
      );
      expect(response.status).toBe(401);
      expect(response.headers.deprecation).toBe('@1768435200');
    });

    it('leaves active APIs alone', async () => {
      const response = gateway.expectContract(
        'listItems',
        await gateway.http().get('/system/v1/items?limit=1'),
      );
      expect(response.status).toBe(200);
      expect(response.headers.deprecation).toBeUndefined();
      expect(response.headers.sunset).toBeUndefined();
    });

    it('shows the lifecycle in the catalog', async () => {
      const response = gateway.expectContract(
        'getApiCatalog',
        await gateway.anonymous().get('/catalog'),
      );
      const customers = response.body.apis.find(
        (api: { apiId: string }) => api.apiId === 'system-customers',
      );
      expect(customers.lifecycle).toEqual({
        status: 'deprecated',
        deprecated: '2026-01-15',
        sunset: '2099-12-31',
        successor: '/system/v2/customers',
      });
    });
  });

  describe('a retired API', () => {
    it('answers 410 problem+json before authentication, with Sunset and the successor', async () => {
      for (const request of [
        gateway.anonymous().get('/system/v1/warehouses'),
        gateway.http().get('/system/v1/warehouses'),
        gateway.http().post('/system/v1/warehouses').send({}),
      ]) {
        const response = await request;
        // The retired contract does not declare 410: the gateway answers in its place, with the
        // problem document every API uses.
        expect(response.status).toBe(410);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.headers['x-request-id']).toEqual(expect.any(String));
        expect(response.headers.sunset).toBe('Wed, 31 Dec 2025 00:00:00 GMT');
        expect(response.headers.link).toBe('</docs/system-catalog/v1>; rel="successor-version"');
        expect(response.body).toMatchObject({
          type: 'https://o2c-gateway.dev/problems/api-retired',
          status: 410,
          code: 'API.RETIRED',
          detail: 'system-inventory v1 was retired on 2025-12-31; use /docs/system-catalog/v1',
        });
      }
    });
  });

  describe('deprecated-call counts', () => {
    it('counts calls per consumer and day and shows them to the API owner', async () => {
      const rep = gateway.as({
        subject: 'rep-7',
        kind: 'sales_rep',
        scopes: ['customers:read'],
        customerIds: [],
      });
      await gateway.http().get('/system/v1/customers');
      await gateway.http().get('/system/v1/customers');
      await rep.get('/system/v1/customers');
      await gateway.anonymous().get('/system/v1/customers');
      await gateway.http().get('/system/v1/customers/00000000-0000-4000-8000-000000000000');

      const response = gateway.expectContract(
        'listDeprecatedCalls',
        await owner().get('/governance/v1/deprecated-calls').query({ apiId: 'system-customers' }),
      );
      expect(response.status).toBe(200);
      const counts = Object.fromEntries(
        response.body.items.map(
          (item: { operationId: string; consumer: string; calls: number }) => [
            `${item.operationId} ${item.consumer}`,
            item.calls,
          ],
        ),
      );
      // The earlier tests in this suite called listCustomers twice (as admin and anonymously).
      expect(counts).toEqual({
        'listCustomers internal:test-admin': 3,
        'listCustomers sales_rep:rep-7': 1,
        'listCustomers anonymous': 2,
        'getCustomer internal:test-admin': 1,
      });
      const first = response.body.items[0];
      expect(first).toMatchObject({ day: today(), apiId: 'system-customers', major: 1 });
      expect(Date.parse(first.lastCallAt)).toBeGreaterThanOrEqual(Date.parse(first.firstCallAt));
    });

    it('filters by consumer and day range and pages with a cursor', async () => {
      const byConsumer = gateway.expectContract(
        'listDeprecatedCalls',
        await owner()
          .get('/governance/v1/deprecated-calls')
          .query({ consumer: 'anonymous', from: today(), to: today() }),
      );
      expect(byConsumer.body.items).toEqual([
        expect.objectContaining({ consumer: 'anonymous', operationId: 'listCustomers' }),
      ]);
      const future = gateway.expectContract(
        'listDeprecatedCalls',
        await owner().get('/governance/v1/deprecated-calls').query({ from: '2099-01-01' }),
      );
      expect(future.body).toEqual({ items: [], nextCursor: null });

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = gateway.expectContract(
          'listDeprecatedCalls',
          await owner()
            .get('/governance/v1/deprecated-calls')
            .query({ apiId: 'system-customers', limit: 1, ...(cursor ? { cursor } : {}) }),
        );
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.items.map((item: { consumer: string }) => item.consumer));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(4);
    });

    it('rejects a reversed range and a forged cursor', async () => {
      const reversed = gateway.expectContract(
        'listDeprecatedCalls',
        await owner()
          .get('/governance/v1/deprecated-calls')
          .query({ from: '2026-02-01', to: '2026-01-01' }),
      );
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors[0].path).toBe('/query/to');
      const forged = gateway.expectContract(
        'listDeprecatedCalls',
        await owner().get('/governance/v1/deprecated-calls').query({ cursor: 'bm90LWEtY3Vyc29y' }),
      );
      expect(forged.status).toBe(400);
      expect(forged.body.code).toBe('REQUEST.INVALID_CURSOR');
    });

    it('is for API owners: 401 without a token, 403 without governance:read or from a partner', async () => {
      const anonymous = gateway.expectContract(
        'listDeprecatedCalls',
        await gateway.anonymous().get('/governance/v1/deprecated-calls'),
      );
      expect(anonymous.status).toBe(401);
      const withoutScope = gateway.expectContract(
        'listDeprecatedCalls',
        await gateway
          .as({ subject: 'clerk', kind: 'internal', scopes: ['customers:read'] })
          .get('/governance/v1/deprecated-calls'),
      );
      expect(withoutScope.status).toBe(403);
      const partner = gateway.expectContract(
        'listDeprecatedCalls',
        await gateway
          .as({
            subject: 'acme',
            kind: 'partner_client',
            scopes: ['governance:read'],
            customerIds: [],
          })
          .get('/governance/v1/deprecated-calls'),
      );
      expect(partner.status).toBe(403);
    });
  });
});
