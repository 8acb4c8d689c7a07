import type { SeededRandom } from './seeded-random';

/**
 * A keyed shuffle of [0, size) that needs no array: `at(k)` is the k-th element of a random
 * permutation (a 4-round Feistel network with cycle walking). Drawing `at(0), at(1), ...` gives
 * distinct, well-mixed indices, which is how SKUs stay unique without a lookup set.
 */
export class IndexPermutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: readonly number[];

  constructor(
    readonly size: number,
    random: SeededRandom,
  ) {
    if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** 30) {
      throw new RangeError(`permutation size must be in [1, 2^30]: ${size}`);
    }
    const bits = Math.max(2, Math.ceil(Math.log2(size)));
    this.halfBits = Math.ceil(bits / 2);
    this.mask = 2 ** this.halfBits - 1;
    this.keys = [
      random.nextUint32(),
      random.nextUint32(),
      random.nextUint32(),
      random.nextUint32(),
    ];
  }

  at(position: number): number {
    if (!Number.isInteger(position) || position < 0 || position >= this.size) {
      throw new RangeError(`position ${position} outside [0, ${this.size})`);
    }
    // The network permutes a power-of-two domain; walk until the value lands inside the range.
    let value = this.feistel(position);
    while (value >= this.size) value = this.feistel(value);
    return value;
  }

  private feistel(value: number): number {
    let left = Math.floor(value / 2 ** this.halfBits);
    let right = value & this.mask;
    for (const key of this.keys) {
      const next = left ^ (mix32(right ^ key) & this.mask);
      left = right;
      right = next;
    }
    return left * 2 ** this.halfBits + right;
  }
}

/** murmur3's finalizer: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
