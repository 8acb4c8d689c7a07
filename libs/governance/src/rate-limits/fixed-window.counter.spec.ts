import { countHit, isExpired, toStorageRecord } from './fixed-window.counter';

describe('fixed-window counter', () => {
  it('opens a window at the first hit that lasts the full window', () => {
    expect(countHit(undefined, 10_000, 1_000)).toEqual({ hits: 1, resetsAt: 11_000 });
  });

  it('counts hits inside the window in place without moving the reset', () => {
    const counter = countHit(undefined, 10_000, 1_000);
    const again = countHit(counter, 10_999, 1_000);
    expect(again).toBe(counter);
    expect(again).toEqual({ hits: 2, resetsAt: 11_000 });
  });

  it('starts over once the window has closed (the reset instant belongs to the next window)', () => {
    const counter = { hits: 7, resetsAt: 11_000 };
    expect(isExpired(counter, 10_999)).toBe(false);
    expect(isExpired(counter, 11_000)).toBe(true);
    expect(countHit(counter, 11_000, 1_000)).toEqual({ hits: 1, resetsAt: 12_000 });
  });

  it('counts many hits at constant cost: a million hits hold one number', () => {
    let counter = countHit(undefined, 0, 86_400_000);
    for (let hit = 1; hit < 1_000_000; hit += 1) counter = countHit(counter, hit, 86_400_000);
    expect(counter).toEqual({ hits: 1_000_000, resetsAt: 86_400_000 });
  });
});

describe('toStorageRecord', () => {
  it('allows up to the limit, this hit included', () => {
    expect(toStorageRecord(20, 400, 20)).toEqual({
      totalHits: 20,
      timeToExpire: 1,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('blocks past the limit until the window resets, in whole seconds rounded up', () => {
    expect(toStorageRecord(21, 59_001, 20)).toEqual({
      totalHits: 21,
      timeToExpire: 60,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
  });

  it('reports at least one second left', () => {
    expect(toStorageRecord(1, 0, 5).timeToExpire).toBe(1);
  });
});
