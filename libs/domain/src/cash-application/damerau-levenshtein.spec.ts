import fc from 'fast-check';
import { boundedEditDistance, isSingleTransposition } from './damerau-levenshtein';

describe('boundedEditDistance', () => {
  it.each([
    ['1234', '1234', 0],
    ['1234', '1243', 1], // adjacent transposition
    ['1234', '2134', 1],
    ['1234', '1235', 1], // substitution
    ['1234', '123', 1], // deletion
    ['1234', '12345', 1], // insertion
    ['1234', '4321', 3], // beyond the bound: max + 1
    ['', '12', 2],
    ['12', '', 2],
    ['00001234', '00001243', 1],
  ])('%p -> %p is %d (bound 2)', (a, b, expected) => {
    expect(boundedEditDistance(a, b, 2)).toBe(expected);
  });

  it('answers max + 1 as soon as the bound is passed', () => {
    expect(boundedEditDistance('123456', '654321', 2)).toBe(3);
    expect(boundedEditDistance('1', '123456789', 2)).toBe(3); // length gap alone
    expect(boundedEditDistance('1234', '5678', 1)).toBe(2);
  });

  it('is symmetric and agrees with an unbounded computation within the bound', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '3'), maxLength: 7 });
    fc.assert(
      fc.property(digits, digits, (a, b) => {
        const full = fullDistance(a, b);
        expect(boundedEditDistance(a, b, 2)).toBe(Math.min(full, 3));
        expect(boundedEditDistance(b, a, 2)).toBe(boundedEditDistance(a, b, 2));
      }),
    );
  });
});

describe('isSingleTransposition', () => {
  it.each([
    ['1234', '1243', true],
    ['1234', '2134', true],
    ['1234', '1324', true],
    ['1234', '1234', false],
    ['1234', '1235', false],
    ['1234', '4231', false],
    ['1234', '2143', false], // two swaps
    ['123', '1234', false],
  ])('%p / %p -> %p', (a, b, expected) => {
    expect(isSingleTransposition(a, b)).toBe(expected);
  });
});

/** Plain optimal-string-alignment distance, the specification the bounded one must meet. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
