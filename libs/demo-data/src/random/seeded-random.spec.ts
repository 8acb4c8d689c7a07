import { SeededRandom } from './seeded-random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draws(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.nextUint32());
}

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draws(SeededRandom.from(42, 'items'), 50)).toEqual(
      draws(SeededRandom.from(42, 'items'), 50),
    );
  });

  it('gives different sequences for other seeds and other streams', () => {
    const base = draws(SeededRandom.from(42, 'items'), 10);
    expect(draws(SeededRandom.from(43, 'items'), 10)).not.toEqual(base);
    expect(draws(SeededRandom.from(42, 'customers'), 10)).not.toEqual(base);
  });

  it('keeps values in range', () => {
    const random = SeededRandom.from(7, 'range');
    for (let i = 0; i < 10_000; i += 1) {
      const unit = random.next();
      expect(unit).toBeGreaterThanOrEqual(0);
      expect(unit).toBeLessThan(1);
      const value = random.int(-3, 5);
      expect(value).toBeGreaterThanOrEqual(-3);
      expect(value).toBeLessThanOrEqual(5);
      expect(Number.isInteger(value)).toBe(true);
      const skewed = random.skewedInt(10, 20, 3);
      expect(skewed).toBeGreaterThanOrEqual(10);
      expect(skewed).toBeLessThanOrEqual(20);
    }
  });

  it('reaches both ends of an integer range', () => {
    const random = SeededRandom.from(1, 'ends');
    const seen = new Set(Array.from({ length: 1_000 }, () => random.int(0, 3)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('honours weights roughly', () => {
    const random = SeededRandom.from(3, 'weights');
    let heavy = 0;
    for (let i = 0; i < 10_000; i += 1) {
      if (
        random.weighted([
          ['heavy', 9],
          ['light', 1],
        ] as const) === 'heavy'
      )
        heavy += 1;
    }
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
  });

  it('draws distinct indices, sparse or dense', () => {
    const random = SeededRandom.from(5, 'distinct');
    for (const [size, count] of [
      [1_000, 10],
      [10, 8],
      [3, 5],
    ]) {
      const picked = random.distinctIndices(size, count);
      expect(new Set(picked).size).toBe(Math.min(size, count));
      picked.forEach((index) => expect(index).toBeLessThan(size));
    }
  });

  it('makes well-formed, distinct v4 UUIDs', () => {
    const random = SeededRandom.from(9, 'ids');
    const ids = Array.from({ length: 5_000 }, () => random.uuid());
    ids.forEach((id) => expect(id).toMatch(UUID_V4));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => SeededRandom.from(1.5, 'x')).toThrow(RangeError);
    expect(() => SeededRandom.from(Number.MAX_SAFE_INTEGER + 1, 'x')).toThrow(RangeError);
  });
});
