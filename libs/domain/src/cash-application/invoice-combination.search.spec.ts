import fc from 'fast-check';
import { searchInvoiceCombination } from './invoice-combination.search';

const search = (target: number, amounts: number[], maxSize = 5, nodeBudget = 20_000) =>
  searchInvoiceCombination({ target, amounts, maxSize, nodeBudget });

describe('searchInvoiceCombination', () => {
  it('finds the one combination, as indexes in oldest-first order', () => {
    const result = search(1750, [1000, 300, 450, 900, 2000]);
    expect(result.solutions).toEqual([[0, 1, 2]]);
    expect(result.exhausted).toBe(false);
  });

  it('finds a single invoice equal to the amount', () => {
    expect(search(900, [1000, 900, 300]).solutions).toEqual([[1]]);
  });

  it('stops at the second solution: the amount is ambiguous', () => {
    const result = search(1000, [500, 500, 500, 250, 750]);
    expect(result.solutions).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });

  it('prefers fewer invoices, then older ones', () => {
    expect(search(300, [100, 200, 300]).solutions).toEqual([[2]]);
    expect(search(300, [100, 200, 50, 250]).solutions).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(search(600, [100, 200, 300, 150, 450]).solutions[0]).toEqual([3, 4]);
  });

  it('finds three invoices among a hundred within a small budget', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    const amounts = Array.from({ length: 100 }, () => 5_000 + (next() % 495_000));
    const target = amounts[17] + amounts[52] + amounts[88];
    const result = search(target, amounts, 5, 20_000);
    expect(result.exhausted).toBe(false);
    expect(result.solutions).toContainEqual([17, 52, 88]);
    expect(result.nodesVisited).toBeLessThan(10_000);
  });

  it('respects the maximum combination size', () => {
    const amounts = [100, 100, 100, 100, 100, 100];
    expect(search(600, amounts, 5).solutions).toEqual([]);
    expect(search(500, amounts, 5).solutions[0]).toEqual([0, 1, 2, 3, 4]);
    expect(search(200, [100, 100], 1).solutions).toEqual([]);
  });

  it('ignores non-positive amounts and answers nothing for no target', () => {
    expect(search(300, [0, -100, 300]).solutions).toEqual([[2]]);
    expect(search(0, [100]).solutions).toEqual([]);
    expect(search(100, []).solutions).toEqual([]);
  });

  it('is bounded on a pathological input: 2,000 equal invoices and an unreachable amount', () => {
    // Unbounded, this is C(2000, <=5) ~ 2.7e14 combinations.
    const amounts = Array.from({ length: 2000 }, () => 300);
    const started = performance.now();
    const result = search(100_001, amounts, 5, 20_000);
    const elapsed = performance.now() - started;
    expect(result.solutions).toEqual([]);
    expect(result.exhausted).toBe(true);
    expect(result.nodesVisited).toBeLessThanOrEqual(20_000);
    expect(elapsed).toBeLessThan(250);
  });

  it('never visits more nodes than the budget, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 6 }),
        (amounts, target, budget, maxSize) => {
          const result = search(target, amounts, maxSize, budget);
          expect(result.nodesVisited).toBeLessThanOrEqual(budget);
          for (const solution of result.solutions) {
            expect(solution.length).toBeLessThanOrEqual(maxSize);
            expect(new Set(solution).size).toBe(solution.length);
            expect(solution.reduce((sum, index) => sum + amounts[index], 0)).toBe(target);
          }
        },
      ),
    );
  });

  it('finds a solution whenever one exists and the budget allows the full search', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(11), { minLength: 1, maxLength: 3 }),
        (amounts, picks) => {
          const chosen = [...new Set(picks.filter((pick) => pick < amounts.length))];
          fc.pre(chosen.length > 0);
          const target = chosen.reduce((sum, index) => sum + amounts[index], 0);
          const result = search(target, amounts, 3, 1_000_000);
          expect(result.exhausted).toBe(false);
          expect(result.solutions.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
