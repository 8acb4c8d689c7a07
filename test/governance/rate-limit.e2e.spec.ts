import type { ApplicationConfig } from '@nestjs/core';
import type { TokenRequest } from '@o2c/governance';
import type { Response } from 'supertest';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { parseRateLimit, rateLimitedContracts } from './rate-limit-contracts.fixture';

/** Rate limits from the contracts, on one gateway with in-memory counters and small plans. */
describe('governance: rate limits', () => {
  let gateway: TestGateway;
  let principals = 0;

  beforeAll(async () => {
    const contractsDirectory = rateLimitedContracts({
      plans: {
        internal: [
          { limit: 3, window: '1m' },
          { limit: 1000, window: '1d' },
        ],
        premium: [{ limit: 6, window: '1m' }],
        sandbox: [{ limit: 1, window: '1h' }],
      },
      operations: {
        listPriceAgreements: { rateLimit: { limit: 2, window: '1h' } },
        listWarehouses: { security: [] },
      },
      // The system APIs are internal; partner clients need a partner API to call.
      audiences: { 'catalog.v1.yaml': 'partner' },
    });
    gateway = await startTestGateway({ CONTRACTS_DIR: contractsDirectory });
  });
  afterAll(() => gateway.close());

  /** Each test has its own principals, so no test spends another's budget. */
  function internalUser(scopes = ['items:read', 'customers:read']): TokenRequest {
    principals += 1;
    return { subject: `rate-user-${principals}`, kind: 'internal', scopes };
  }

  function partner(plan: string): TokenRequest {
    principals += 1;
    const subject = `rate-partner-${principals}`;
    return { subject, kind: 'partner_client', scopes: ['items:read'], customerIds: [], plan };
  }

  async function listItems(token: TokenRequest | string, times = 1): Promise<Response[]> {
    const responses: Response[] = [];
    for (let call = 0; call < times; call += 1) {
      const response = await gateway.as(token).get('/system/v1/items?limit=1');
      responses.push(gateway.expectContract('listItems', response));
    }
    return responses;
  }

  const statuses = (responses: Response[]) => responses.map((response) => response.status);

  it('answers with RateLimit-Policy and RateLimit, without the legacy X-RateLimit-* headers', async () => {
    const [response] = await listItems(internalUser());
    expect(response?.status).toBe(200);
    expect(response?.headers['ratelimit-policy']).toBe('"minute";q=3;w=60, "daily";q=1000;w=86400');
    const state = parseRateLimit(response?.headers.ratelimit);
    expect(state).toMatchObject({ name: 'minute', remaining: 2 });
    expect(state.reset).toBeGreaterThanOrEqual(59);
    expect(state.reset).toBeLessThanOrEqual(60);
    expect(
      Object.keys(response?.headers ?? {}).filter((name) => /^x-ratelimit/i.test(name)),
    ).toEqual([]);
  });

  it('refuses the request past the limit with 429 problem+json and Retry-After', async () => {
    const user = internalUser();
    const responses = await listItems(user, 4);
    expect(statuses(responses)).toEqual([200, 200, 200, 429]);
    expect(
      responses.map((response) => parseRateLimit(response.headers.ratelimit).remaining),
    ).toEqual([2, 1, 0, 0]);
    const refused = responses[3];
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE.LIMITED' });
    expect(refused.body.detail).toMatch(/listItems allows 3 requests per 1m on the internal plan/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    const retryAfter = Number(refused.headers['retry-after']);
    // The window opened with the first of these requests, a moment ago.
    expect(retryAfter).toBeGreaterThanOrEqual(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-policy']).toBeDefined();
  });

  it('counts every answer of a limited operation, including validation failures', async () => {
    const user = internalUser();
    const invalid = await gateway.as(user).get('/system/v1/items?limit=0');
    gateway.expectContract('listItems', invalid);
    expect(invalid.status).toBe(400);
    expect(parseRateLimit(invalid.headers.ratelimit).remaining).toBe(2);
  });

  it('gives each principal its own budget, per operation', async () => {
    const first = internalUser();
    expect(statuses(await listItems(first, 4))).toEqual([200, 200, 200, 429]);
    const [other] = await listItems(internalUser());
    expect(other?.status).toBe(200);
    expect(parseRateLimit(other?.headers.ratelimit).remaining).toBe(2);
    const customers = gateway.expectContract(
      'listCustomers',
      await gateway.as(first).get('/system/v1/customers?limit=1'),
    );
    expect(customers.status).toBe(200);
    expect(parseRateLimit(customers.headers.ratelimit).remaining).toBe(2);
  });

  it("limits a partner by its own plan instead of the operation's", async () => {
    const premium = partner('premium');
    const responses = await listItems(premium, 7);
    expect(responses[0]?.headers['ratelimit-policy']).toBe('"minute";q=6;w=60');
    expect(statuses(responses)).toEqual([200, 200, 200, 200, 200, 200, 429]);

    const sandbox = await listItems(partner('sandbox'), 2);
    expect(sandbox[0]?.headers['ratelimit-policy']).toBe('"hourly";q=1;w=3600');
    expect(statuses(sandbox)).toEqual([200, 429]);
    expect(Number(sandbox[1]?.headers['retry-after'])).toBeGreaterThan(3500);
    expect(sandbox[1]?.body.detail).toMatch(/on the sandbox plan/);
  });

  it('always applies an explicit { limit, window }, with a partner plan on top', async () => {
    const list = async (token: TokenRequest) =>
      gateway.expectContract(
        'listPriceAgreements',
        await gateway.as(token).get('/system/v1/price-agreements?limit=1'),
      );
    const user = internalUser();
    const own = [await list(user), await list(user), await list(user)];
    expect(own[0]?.headers['ratelimit-policy']).toBe('"hourly";q=2;w=3600');
    expect(statuses(own)).toEqual([200, 200, 429]);

    const premium = partner('premium');
    const partnered = [await list(premium), await list(premium), await list(premium)];
    expect(partnered[0]?.headers['ratelimit-policy']).toBe(
      '"minute";q=6;w=60, "hourly";q=2;w=3600',
    );
    expect(statuses(partnered)).toEqual([200, 200, 429]);
    expect(parseRateLimit(partnered[2]?.headers.ratelimit)).toMatchObject({
      name: 'hourly',
      remaining: 0,
    });
  });

  it('runs after authentication: refused tokens and scopes are never counted', async () => {
    const config = (gateway.app as unknown as { config: ApplicationConfig }).config;
    const order = config.getGlobalGuards().map((guard) => guard.constructor.name);
    expect(order.indexOf('OperationPolicyGuard')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('OperationPolicyGuard')).toBeLessThan(order.indexOf('RateLimitGuard'));

    const refused = [
      ...(await listItems('not-a-token', 3)),
      gateway.expectContract('listItems', await gateway.anonymous().get('/system/v1/items')),
    ];
    expect(statuses(refused)).toEqual([401, 401, 401, 401]);
    expect(refused.every((response) => response.headers.ratelimit === undefined)).toBe(true);

    const user = internalUser(['customers:read']);
    const forbidden = await listItems(user, 4);
    expect(statuses(forbidden)).toEqual([403, 403, 403, 403]);
    const [allowed] = await listItems({ ...user, scopes: ['items:read'] });
    expect(allowed?.status).toBe(200);
    expect(parseRateLimit(allowed?.headers.ratelimit).remaining).toBe(2);
  });

  it('limits operations without security by client IP', async () => {
    const list = async () =>
      gateway.expectContract(
        'listWarehouses',
        await gateway.anonymous().get('/system/v1/warehouses'),
      );
    const responses = [await list(), await list(), await list()];
    expect(statuses(responses)).toEqual([200, 200, 200]);
    // A token changes nothing here: nobody is authenticated on an open operation.
    const withToken = await gateway.as(internalUser()).get('/system/v1/warehouses');
    expect(gateway.expectContract('listWarehouses', withToken).status).toBe(429);
  });

  it('does not limit handlers outside the contracts (health)', async () => {
    for (let call = 0; call < 10; call += 1) {
      const response = await gateway.anonymous().get('/health/live');
      expect(response.status).toBe(200);
      expect(response.headers['ratelimit-policy']).toBeUndefined();
      expect(response.headers.ratelimit).toBeUndefined();
    }
  });
});
