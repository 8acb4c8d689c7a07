import { randomUUID } from 'node:crypto';
import { customerBody } from '../factories/customer.factory';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

// Gateways start in 1-2 s, much longer when the machine is busy; the project's 30 s
// testTimeout does not reach hooks here.
jest.setTimeout(30_000);

describe('governance API: partner API clients', () => {
  let gateway: TestGateway;
  let customerId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const created = await gateway.http().post('/system/v1/customers').send(customerBody());
    customerId = created.body.id;
  });
  afterAll(() => gateway.close());

  function body(overrides: Record<string, unknown> = {}) {
    return {
      name: 'Globex EDI gateway',
      scopes: ['orders:read'],
      customerIds: [customerId],
      rateLimitPlan: 'sandbox',
      ...overrides,
    };
  }

  async function create(overrides: Record<string, unknown> = {}) {
    return gateway.expectContract(
      'createApiClient',
      await gateway.http().post('/governance/v1/api-clients').send(body(overrides)),
    );
  }

  it('registers a client, returns its secret once and never again', async () => {
    const created = await create({ scopes: ['orders:read', 'invoices:read'] });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/governance/v1/api-clients/${created.body.clientId}`);
    expect(created.body).toMatchObject({
      name: 'Globex EDI gateway',
      status: 'active',
      scopes: ['invoices:read', 'orders:read'],
      customerIds: [customerId],
      rateLimitPlan: 'sandbox',
      secrets: [{ createdAt: expect.any(String), expiresAt: null }],
      revokedAt: null,
      version: 1,
    });

    const read = gateway.expectContract(
      'getApiClient',
      await gateway.http().get(created.headers.location ?? ''),
    );
    expect(read.status).toBe(200);
    const { clientSecret, ...withoutSecret } = created.body;
    expect(read.body).toEqual(withoutSecret);
    const list = gateway.expectContract(
      'listApiClients',
      await gateway.http().get('/governance/v1/api-clients').query({ limit: 200 }),
    );
    for (const answer of [read, list]) {
      expect(answer.text).not.toContain(clientSecret);
      expect(answer.text).not.toContain('scrypt');
      expect(answer.text).not.toContain('hash');
    }
  });

  it('pages through clients by name and filters by status', async () => {
    const prefix = `Paging ${randomUUID().slice(0, 8)}`;
    const names = [`${prefix} a`, `${prefix} b`, `${prefix} c`];
    const ids: string[] = [];
    for (const name of names) ids.push((await create({ name })).body.clientId);
    await gateway.http().post(`/governance/v1/api-clients/${ids[1]}/revocation`).expect(200);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = gateway.expectContract(
        'listApiClients',
        await gateway
          .http()
          .get('/governance/v1/api-clients')
          .query({ limit: 1, ...(cursor ? { cursor } : {}) }),
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((client: { clientId: string }) => client.clientId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);

    const revoked = gateway.expectContract(
      'listApiClients',
      await gateway.http().get('/governance/v1/api-clients').query({ status: 'revoked' }),
    );
    expect(revoked.body.items.map((client: { clientId: string }) => client.clientId)).toContain(
      ids[1],
    );
    expect(
      revoked.body.items.every((client: { status: string }) => client.status === 'revoked'),
    ).toBe(true);
    const forged = gateway.expectContract(
      'listApiClients',
      await gateway.http().get('/governance/v1/api-clients').query({ cursor: 'bm9wZQ' }),
    );
    expect(forged.status).toBe(400);
  });

  it('refuses scopes partners may not hold, unknown plans and unknown customers, naming the field', async () => {
    const scopes = gateway.expectContract(
      'createApiClient',
      await gateway
        .http()
        .post('/governance/v1/api-clients')
        .send(body({ scopes: ['orders:read', 'api-clients:write', 'customers:write'] })),
    );
    expect(scopes.status).toBe(422);
    expect(scopes.body.errors).toEqual([
      expect.objectContaining({ path: '/body/scopes/1', rule: 'partner-scope' }),
      expect.objectContaining({ path: '/body/scopes/2', rule: 'partner-scope' }),
    ]);

    const plan = gateway.expectContract(
      'createApiClient',
      await gateway
        .http()
        .post('/governance/v1/api-clients')
        .send(body({ rateLimitPlan: 'unlimited' })),
    );
    expect(plan.status).toBe(422);
    expect(plan.body.errors).toEqual([
      expect.objectContaining({ path: '/body/rateLimitPlan', rule: 'plan' }),
    ]);

    const customers = gateway.expectContract(
      'createApiClient',
      await gateway
        .http()
        .post('/governance/v1/api-clients')
        .send(body({ customerIds: [customerId, randomUUID()] })),
    );
    expect(customers.status).toBe(422);
    expect(customers.body).toMatchObject({ code: 'RESOURCE.REFERENCE_NOT_FOUND' });
    expect(customers.body.errors).toEqual([
      expect.objectContaining({ path: '/body/customerIds/1', rule: 'exists' }),
    ]);

    for (const invalid of [
      body({ name: '' }),
      body({ scopes: [] }),
      body({ customerIds: ['not-a-uuid'] }),
      body({ secret: 'mine' }),
    ]) {
      const response = gateway.expectContract(
        'createApiClient',
        await gateway.http().post('/governance/v1/api-clients').send(invalid),
      );
      expect(response.status).toBe(400);
    }
  });

  it('answers 404 for an unknown client and 400 for a malformed id', async () => {
    for (const [path, operationId] of [
      ['/governance/v1/api-clients/pc_unknown', 'getApiClient'],
      ['/governance/v1/api-clients/pc_unknown/secret-rotations', 'rotateApiClientSecret'],
      ['/governance/v1/api-clients/pc_unknown/revocation', 'revokeApiClient'],
    ] as const) {
      const call =
        operationId === 'getApiClient' ? gateway.http().get(path) : gateway.http().post(path);
      const response = gateway.expectContract(operationId, await call);
      expect(response.status).toBe(404);
    }
    const malformed = gateway.expectContract(
      'getApiClient',
      await gateway.http().get('/governance/v1/api-clients/a%20b'),
    );
    expect(malformed.status).toBe(400);
  });

  it('requires api-clients scopes: 401 without a token, 403 insufficient_scope without the scope', async () => {
    const anonymous = gateway.expectContract(
      'listApiClients',
      await gateway.anonymous().get('/governance/v1/api-clients'),
    );
    expect(anonymous.status).toBe(401);

    const reader = { subject: 'owner-1', kind: 'internal' as const, scopes: ['api-clients:read'] };
    expect(
      gateway.expectContract(
        'listApiClients',
        await gateway.as(reader).get('/governance/v1/api-clients'),
      ).status,
    ).toBe(200);
    const write = gateway.expectContract(
      'createApiClient',
      await gateway.as(reader).post('/governance/v1/api-clients').send(body()),
    );
    expect(write.status).toBe(403);
    expect(write.headers['www-authenticate']).toBe(
      'Bearer realm="o2c-gateway", error="insufficient_scope", scope="api-clients:write"',
    );
    expect(write.body).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      requiredScopes: ['api-clients:write'],
    });
  });
});
