/**
 * Which open invoices add up exactly to a payment that names none of them? A subset-sum
 * search, exponential in principle; these bounds keep it cheap whatever the input:
 * - combinations are tried by size, smallest first (two invoices paid together are far more
 *   likely than five), and within a size oldest invoices first;
 * - at most `maxSize` invoices per combination;
 * - at most `nodeBudget` search nodes in all (each invoice tried counts one); when spent, the
 *   search stops and says so instead of answering wrongly;
 * - it stops at the second combination of the smallest size that has one: two mean the amount
 *   is ambiguous and a person must choose, so looking further proves nothing.
 * Branches are cut when the invoices left cannot reach the amount, or the fewest picks left
 * would overshoot it; the last invoice of a combination is looked up by its amount instead of
 * tried one by one. Amounts are whole minor units (cents): exact and fast.
 */
export interface CombinationSearchInput {
  /** Minor units, positive. */
  readonly target: number;
  /** Minor units, in the order combinations are preferred (oldest invoice first). */
  readonly amounts: readonly number[];
  readonly maxSize: number;
  readonly nodeBudget: number;
}

export interface CombinationSearchResult {
  /** Up to two combinations of the same size, as ascending indexes into `amounts`. */
  readonly solutions: readonly (readonly number[])[];
  readonly nodesVisited: number;
  /** True when the budget ran out before the search was complete. */
  readonly exhausted: boolean;
}

const MAX_SOLUTIONS = 2;

export function searchInvoiceCombination(input: CombinationSearchInput): CombinationSearchResult {
  const { target, amounts, maxSize, nodeBudget } = input;
  const count = amounts.length;
  if (!(target > 0) || count === 0 || maxSize < 1) {
    return { solutions: [], nodesVisited: 0, exhausted: false };
  }
  // suffixSum[i]: all positive amounts from i on; suffixMin[i]: the smallest of them.
  const suffixSum = new Float64Array(count + 1);
  const suffixMin = new Float64Array(count + 1).fill(Number.POSITIVE_INFINITY);
  for (let i = count - 1; i >= 0; i -= 1) {
    const amount = amounts[i] > 0 ? amounts[i] : 0;
    suffixSum[i] = suffixSum[i + 1] + amount;
    suffixMin[i] = amounts[i] > 0 ? Math.min(suffixMin[i + 1], amount) : suffixMin[i + 1];
  }
  // Positions of each amount, ascending, to find a combination's last invoice in one look-up.
  const positions = new Map<number, number[]>();
  amounts.forEach((amount, index) => {
    if (amount <= 0) return;
    const list = positions.get(amount);
    if (list === undefined) positions.set(amount, [index]);
    else list.push(index);
  });

  const solutions: number[][] = [];
  const chosen: number[] = [];
  let nodes = 0;
  let exhausted = false;

  /** Picks `left` more invoices from `from` on that sum to `remaining`. */
  function pick(from: number, remaining: number, left: number): void {
    if (left === 1) {
      if (nodes >= nodeBudget) {
        exhausted = true;
        return;
      }
      nodes += 1;
      for (const index of positions.get(remaining) ?? []) {
        if (index < from) continue;
        solutions.push([...chosen, index]);
        if (solutions.length >= MAX_SOLUTIONS) return;
      }
      return;
    }
    for (let index = from; index <= count - left; index += 1) {
      if (exhausted || solutions.length >= MAX_SOLUTIONS) return;
      if (suffixSum[index] < remaining || suffixMin[index] * left > remaining) return;
      if (nodes >= nodeBudget) {
        exhausted = true;
        return;
      }
      nodes += 1;
      const amount = amounts[index];
      if (amount <= 0 || amount >= remaining) continue;
      chosen.push(index);
      pick(index + 1, remaining - amount, left - 1);
      chosen.pop();
    }
  }

  for (let size = 1; size <= Math.min(maxSize, count); size += 1) {
    pick(0, target, size);
    if (solutions.length > 0 || exhausted) break;
  }
  return { solutions, nodesVisited: nodes, exhausted };
}
