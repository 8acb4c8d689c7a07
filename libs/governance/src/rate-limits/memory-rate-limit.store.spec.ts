import { MemoryRateLimitStore } from './memory-rate-limit.store';

describe('MemoryRateLimitStore', () => {
  let now = 0;
  let store: MemoryRateLimitStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryRateLimitStore(() => now);
  });
  afterEach(() => store.onApplicationShutdown());

  it('counts per key within a fixed window and blocks past the limit', async () => {
    const results = [];
    for (let hit = 0; hit < 4; hit += 1)
      results.push(await store.increment('a', 60_000, 3, 0, 'minute'));
    expect(results.map((record) => [record.totalHits, record.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(results[3]).toMatchObject({ timeToExpire: 60, timeToBlockExpire: 60 });
    expect((await store.increment('b', 60_000, 3, 0, 'minute')).totalHits).toBe(1);
  });

  it('reports the time left in the window and starts over when it closes', async () => {
    await store.increment('a', 10_000, 1, 0, '10s');
    now += 2_500;
    expect(await store.increment('a', 10_000, 1, 0, '10s')).toMatchObject({
      totalHits: 2,
      isBlocked: true,
      timeToExpire: 8,
    });
    now += 7_500;
    expect(await store.increment('a', 10_000, 1, 0, '10s')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
      timeToExpire: 10,
    });
  });

  it('sweeps expired counters only', async () => {
    await store.increment('short', 1_000, 5, 0, 'burst');
    await store.increment('long', 86_400_000, 5, 0, 'daily');
    now += 1_000;
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
  });

  it('keeps a hit cheap however many hits the window holds', async () => {
    for (let hit = 0; hit < 200_000; hit += 1)
      await store.increment('busy', 86_400_000, 1e9, 0, 'daily');
    expect(store.size).toBe(1);
    expect((await store.increment('busy', 86_400_000, 1e9, 0, 'daily')).totalHits).toBe(200_001);
  });
});
