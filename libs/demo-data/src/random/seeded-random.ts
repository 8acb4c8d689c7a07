/**
 * Deterministic pseudo-random numbers (sfc32, 128-bit state): the same seed and stream name
 * always give the same sequence, so demo data and test fixtures are reproducible. Each kind of
 * record draws from its own named stream, so asking for more items never changes the customers.
 * Values drive choices and integer amounts only; money is never derived from a float here.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(state: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = state;
    // The first outputs of sfc32 still echo the seed; burn them.
    for (let i = 0; i < 15; i += 1) this.nextUint32();
  }

  /** A generator for `stream` under `seed`; any safe integer is a valid seed. */
  static from(seed: number, stream: string): SeededRandom {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer: ${seed}`);
    return new SeededRandom(hash128(`${seed}/${stream}`));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`invalid integer range [${min}, ${max}]`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Integer in [min, max] leaning towards min: most accounts and stock levels are small. */
  skewedInt(min: number, max: number, power = 2): number {
    return min + Math.floor(this.next() ** power * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(choices: readonly T[]): T {
    if (choices.length === 0) throw new RangeError('cannot pick from an empty list');
    return choices[Math.floor(this.next() * choices.length)];
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [value, weight] of choices) {
      point -= weight;
      if (point < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** `count` distinct indices from [0, size), in draw order. */
  distinctIndices(size: number, count: number): number[] {
    const wanted = Math.min(count, size);
    // Sparse rejection is cheap while the sample is a small part of the range; otherwise shuffle.
    if (wanted * 3 < size) {
      const seen = new Set<number>();
      while (seen.size < wanted) seen.add(Math.floor(this.next() * size));
      return [...seen];
    }
    const all = Array.from({ length: size }, (_, index) => index);
    for (let i = 0; i < wanted; i += 1) {
      const j = i + Math.floor(this.next() * (size - i));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, wanted);
  }

  /** A version-4-shaped UUID made from this stream, so ids repeat with the seed too. */
  uuid(): string {
    const first = hex32(this.nextUint32());
    // Bitwise operators yield signed 32-bit values; `>>> 0` brings them back to unsigned.
    const second = hex32(((this.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0);
    const third = hex32(((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0);
    const fourth = hex32(this.nextUint32());
    return `${first}-${second.slice(0, 4)}-${second.slice(4)}-${third.slice(0, 4)}-${third.slice(4)}${fourth}`;
  }
}

/** Hex by byte: formatting ~1M ids with toString(16) and padStart costs seconds. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(word: number): string {
  return (
    HEX_BYTES[word >>> 24] +
    HEX_BYTES[(word >>> 16) & 0xff] +
    HEX_BYTES[(word >>> 8) & 0xff] +
    HEX_BYTES[word & 0xff]
  );
}

/** cyrb128: spreads a short text over four 32-bit words to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
