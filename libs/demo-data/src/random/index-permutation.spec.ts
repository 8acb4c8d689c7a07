import { IndexPermutation } from './index-permutation';
import { SeededRandom } from './seeded-random';

describe('IndexPermutation', () => {
  it.each([1, 2, 3, 17, 256, 1_000, 4_097])('is a bijection of [0, %i)', (size) => {
    const permutation = new IndexPermutation(size, SeededRandom.from(1, `perm-${size}`));
    const values = Array.from({ length: size }, (_, k) => permutation.at(k));
    expect(new Set(values).size).toBe(size);
    values.forEach((value) => {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(size);
    });
  });

  it('shuffles: consecutive positions are not consecutive values', () => {
    const permutation = new IndexPermutation(10_000, SeededRandom.from(2, 'shuffle'));
    const firstTen = Array.from({ length: 10 }, (_, k) => permutation.at(k));
    expect(firstTen).not.toEqual(firstTen.slice().sort((a, b) => a - b));
  });

  it('depends on the random keys only', () => {
    const a = new IndexPermutation(500, SeededRandom.from(3, 'same'));
    const b = new IndexPermutation(500, SeededRandom.from(3, 'same'));
    const c = new IndexPermutation(500, SeededRandom.from(4, 'same'));
    const take = (p: IndexPermutation) => Array.from({ length: 20 }, (_, k) => p.at(k));
    expect(take(a)).toEqual(take(b));
    expect(take(a)).not.toEqual(take(c));
  });

  it('rejects positions outside the range', () => {
    const permutation = new IndexPermutation(5, SeededRandom.from(1, 'bounds'));
    expect(() => permutation.at(5)).toThrow(RangeError);
    expect(() => permutation.at(-1)).toThrow(RangeError);
  });
});
