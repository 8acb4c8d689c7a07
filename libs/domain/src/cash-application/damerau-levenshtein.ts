/**
 * Edit distance with adjacent transpositions (the "optimal string alignment" form of
 * Damerau-Levenshtein): '1234' -> '1243' is 1, as a typist swapping two digits expects.
 * Bounded: returns `max + 1` as soon as the distance must exceed `max`, so comparing a
 * reference against thousands of invoice numbers stays linear in practice.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let before = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[width - 1], max + 1);
}

/** True when `b` is `a` with exactly one pair of adjacent characters swapped. */
export function isSingleTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = -1;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === b[i]) continue;
    if (first !== -1) return i === first + 1 && a[first] === b[i] && a[i] === b[first] && rest(i);
    first = i;
  }
  return false;

  function rest(from: number): boolean {
    return a.slice(from + 1) === b.slice(from + 1);
  }
}
