import { Logger } from '@nestjs/common';
import { loadEnvironment } from '@o2c/config';
import { ContractRegistry } from '@o2c/contracts';
import { loadOrCreateSigningKey, TokenIssuer } from '@o2c/governance';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestGateway } from '../support/test-gateway';
import { parseRateLimit, rateLimitedContracts } from './rate-limit-contracts.fixture';
import { type GatewayProcess, spawnGateway } from './rate-limit-processes.fixture';

const REDIS_URL = 'redis://127.0.0.1:6379';
const LIMIT = 25;
const REQUESTS = 120;

/** Several gateway processes sharing one budget through the machine's real Redis. */
describe('governance: rate limits across gateway instances', () => {
  const keyPrefix = `o2c-test:${process.pid}-${randomBytes(4).toString('hex')}:`;
  const keyFile = join(mkdtempSync(join(tmpdir(), 'o2c-rate-keys-')), 'signing-key.pem');
  const contractsDirectory = rateLimitedContracts({
    plans: { internal: [{ limit: LIMIT, window: '1h' }] },
  });
  const contracts = ContractRegistry.fromDirectory(contractsDirectory);
  let database: TestDatabase;
  let issuer: TokenIssuer;
  let redis: Redis;
  const running: GatewayProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const environment = loadEnvironment({ JWT_SIGNING_KEY_FILE: keyFile });
    issuer = new TokenIssuer(loadOrCreateSigningKey(keyFile), environment);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all(running.map((gateway) => gateway.stop()));
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await database.drop();
  });

  async function twoGateways(variables: Record<string, string>): Promise<GatewayProcess[]> {
    const started = await Promise.all(
      [1, 2].map(() =>
        spawnGateway({
          DATABASE_URL: database.url,
          PORT: '0',
          SEED_DEMO_DATA: 'false',
          LOG_LEVEL: 'info',
          DATABASE_POOL_SIZE: '2',
          JWT_SIGNING_KEY_FILE: keyFile,
          CONTRACTS_DIR: contractsDirectory,
          ...variables,
        }),
      ),
    );
    running.push(...started);
    return started;
  }

  /** REQUESTS concurrent calls by one principal, alternating between the instances. */
  async function burst(gateways: GatewayProcess[], subject: string) {
    const token = issuer.issue({ subject, kind: 'internal', scopes: ['items:read'] }).accessToken;
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, n) =>
        fetch(`${gateways[n % gateways.length]?.url}/system/v1/items?limit=1`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    // The same check as expectContract, for answers of other processes.
    const bodies: unknown[] = await Promise.all(responses.map((response) => response.json()));
    responses.forEach((response, n) =>
      expect(contracts.validateResponse('listItems', response.status, bodies[n])).toEqual([]),
    );
    const passed = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 429);
    return { responses, passed, refused };
  }

  it('with REDIS_URL, two instances enforce one budget: exactly `limit` pass in total', async () => {
    const gateways = await twoGateways({
      REDIS_URL,
      RATE_LIMIT_REDIS_PREFIX: keyPrefix,
    });
    expect(
      await Promise.all(gateways.map((gateway) => gateway.waitForOutput(/counters in Redis/))),
    ).toEqual([true, true]);

    const { passed, refused } = await burst(gateways, 'shared-budget');
    expect(passed).toHaveLength(LIMIT);
    expect(refused).toHaveLength(REQUESTS - LIMIT);
    // Each success saw its own place in the one shared count.
    const left = passed.map((response) => parseRateLimit(response.headers.get('ratelimit') ?? ''));
    expect(new Set(left.map((state) => state.remaining)).size).toBe(LIMIT);
    expect(refused.every((response) => Number(response.headers.get('retry-after')) > 3500)).toBe(
      true,
    );
    expect((await redis.keys(`${keyPrefix}listItems:*`)).length).toBe(1);
    await Promise.all(gateways.map((gateway) => gateway.stop()));
  }, 120_000);

  it('without REDIS_URL, each instance counts alone and lets 2 x limit through', async () => {
    const gateways = await twoGateways({});
    expect(
      await Promise.all(gateways.map((gateway) => gateway.waitForOutput(/counters in memory/))),
    ).toEqual([true, true]);

    const { passed, refused } = await burst(gateways, 'split-budget');
    expect(passed).toHaveLength(2 * LIMIT);
    expect(refused).toHaveLength(REQUESTS - 2 * LIMIT);
    await Promise.all(gateways.map((gateway) => gateway.stop()));
  }, 120_000);

  it('Redis unreachable: requests pass uncounted with a logged warning, never a 500', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const gateway = await startTestGateway({
      CONTRACTS_DIR: contractsDirectory,
      REDIS_URL: 'redis://127.0.0.1:1',
      RATE_LIMIT_REDIS_PREFIX: keyPrefix,
    });
    try {
      const user = { subject: 'no-redis', kind: 'internal' as const, scopes: ['items:read'] };
      for (let call = 0; call < LIMIT + 5; call += 1) {
        const response = await gateway.as(user).get('/system/v1/items?limit=1');
        gateway.expectContract('listItems', response);
        expect(response.status).toBe(200);
        expect(response.headers['ratelimit-policy']).toBe(`"hourly";q=${LIMIT};w=3600`);
        // No count, so no claim about what is left.
        expect(response.headers.ratelimit).toBeUndefined();
      }
      const logged = warnings.mock.calls.map(([message]) => String(message));
      expect(logged).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/unreachable at start-up/),
          expect.stringMatching(/let through uncounted/),
        ]),
      );
    } finally {
      warnings.mockRestore();
      await gateway.close();
    }
  });
});
