import { Logger } from '@nestjs/common';
import { RedisRateLimitStore } from '@o2c/governance';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** The Redis counter store against the machine's real Redis. */
describe('governance: Redis rate-limit store', () => {
  const keyPrefix = `o2c-test:${process.pid}-${randomBytes(4).toString('hex')}:`;
  const stores: RedisRateLimitStore[] = [];
  let redis: Redis;

  async function store(url = REDIS_URL): Promise<RedisRateLimitStore> {
    const created = new RedisRateLimitStore({ url, keyPrefix });
    stores.push(created);
    await created.connect(2_000);
    return created;
  }

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    stores.forEach((created) => created.onApplicationShutdown());
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('counts concurrent hits atomically: exactly `limit` pass, across two connections', async () => {
    const [first, second] = [await store(), await store()];
    const records = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        (n % 2 === 0 ? first : second).increment('race', 60_000, 50, 60_000, 'minute'),
      ),
    );
    expect(records.filter((record) => !record.isBlocked)).toHaveLength(50);
    expect(new Set(records.map((record) => record.totalHits)).size).toBe(200);
    expect(Math.max(...records.map((record) => record.totalHits))).toBe(200);
  });

  it('keeps the counter under the prefix with the window as its expiry', async () => {
    const counters = await store();
    const record = await counters.increment('expiring', 86_400_000, 5, 0, 'daily');
    expect(record).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 86_400 });
    const ttl = await redis.pttl(`${keyPrefix}expiring`);
    expect(ttl).toBeGreaterThan(86_000_000);
    expect(ttl).toBeLessThanOrEqual(86_400_000);
  });

  it('starts a new window once the old one expires', async () => {
    const counters = await store();
    const hit = () => counters.increment('short', 1_000, 1, 0, 'burst');
    // Sent together, so both land in one window however loaded the machine is.
    const both = await Promise.all([hit(), hit()]);
    expect(both.map((record) => record.isBlocked).sort()).toEqual([false, true]);
    const deadline = Date.now() + 5_000;
    while ((await redis.exists(`${keyPrefix}short`)) === 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('gives a counter that lost its expiry one again instead of counting forever', async () => {
    await redis.set(`${keyPrefix}stale`, '7');
    const record = await (await store()).increment('stale', 60_000, 10, 0, 'minute');
    expect(record.totalHits).toBe(8);
    expect(await redis.pttl(`${keyPrefix}stale`)).toBeGreaterThan(59_000);
  });

  it('fails fast while Redis is unreachable (the guard then lets requests through)', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const started = Date.now();
    const unreachable = await store('redis://127.0.0.1:1');
    await expect(unreachable.increment('down', 1_000, 5, 0, 'burst')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(String(warnings.mock.calls[0]?.[0])).toMatch(/unreachable at start-up .*ECONNREFUSED/);
    warnings.mockRestore();
  });
});
