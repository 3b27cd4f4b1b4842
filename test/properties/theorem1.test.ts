import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBudgets } from '../../src/mechanism/budgets.js';
import { GENERAL, matchClusters, orderClustersByStake, type MatchingRule } from '../../src/mechanism/matching.js';
import { rngFor } from '../../src/mechanism/rng.js';

/** A random era: miners with powers, clusters with stakes and full preference lists. */
const instance = fc
  .record({
    powers: fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true })), {
      minLength: 1,
      maxLength: 40,
    }),
    stakes: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 8 }),
    alpha: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer(),
  })
  .map(({ powers, stakes, alpha, seed }) => {
    const slots = powers.map((_, i) => i);
    const lists = stakes.map(
      (_, c) => fc.sample(fc.shuffledSubarray(slots, { minLength: slots.length }), { seed: seed + c, numRuns: 1 })[0]!,
    );
    return { powers, stakes, alpha, seed, slots, lists };
  });

interface Instance {
  powers: number[];
  stakes: number[];
  alpha: number;
  seed: number;
  slots: number[];
  lists: number[][];
}

function solve(x: Instance, rule: MatchingRule) {
  const total = x.powers.reduce((a, b) => a + b, 0);
  const { budgets } = allocateBudgets(x.stakes, x.alpha, total);
  const order = orderClustersByStake(x.stakes, rngFor('theorem1', x.seed));
  const m = matchClusters({ power: x.powers, miners: x.slots, budgets, lists: x.lists, order, rule }, x.powers.length);
  return { budgets, m, total };
}

describe('Theorem 1 of the paper on random instances', () => {
  it('algorithm1: (F), (B) and P_i − B_i ≤ max_j Q_j for every walk stopped at a misfit', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { budgets, m, total } = solve(x, 'algorithm1');
        const maxQ = Math.max(...x.powers);
        // (F): each miner in exactly one cluster; the clusters' powers and the general cluster's add up to P.
        let general = 0;
        const sums = budgets.map(() => 0);
        x.slots.forEach((slot) => {
          const c = m.assignment[slot]!;
          expect(c === GENERAL || (c >= 0 && c < budgets.length)).toBe(true);
          if (c === GENERAL) general += x.powers[slot]!;
          else sums[c]! += x.powers[slot]!;
        });
        // Summed in slot order here and in list order by the walk: equal up to rounding.
        sums.forEach((sum, i) => expect(sum).toBeCloseTo(m.allocated[i]!, 6));
        expect(general + sums.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
        budgets.forEach((budget, i) => {
          expect(m.allocated[i]!).toBeLessThanOrEqual(budget); // (B)
          if (m.stoppedAtMisfit[i]) expect(budget - m.allocated[i]!).toBeLessThanOrEqual(maxQ);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('budget-set: (F) and (B), and every cluster gets at least what algorithm1 gives it when it walks first', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const bs = solve(x, 'budget-set');
        bs.budgets.forEach((budget, i) => expect(bs.m.allocated[i]!).toBeLessThanOrEqual(budget));
        const a1 = solve(x, 'algorithm1');
        const first = orderClustersByStake(x.stakes, rngFor('theorem1', x.seed))[0];
        if (first !== undefined) expect(bs.m.allocated[first]!).toBeGreaterThanOrEqual(a1.m.allocated[first]!);
      }),
      { numRuns: 200 },
    );
  });
});
