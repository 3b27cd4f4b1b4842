import { shuffled, type Rng } from './rng.js';
import { filledPacked, mapPacked } from './packed-arrays.js';

/**
 * Cluster-to-miner matching (paper §3 and Appendix A, Algorithm 1).
 *
 * - `algorithm1`: the appendix's pseudo-code; a cluster's walk stops at the first free miner that
 *   does not fit its remaining budget (line 11, `break`).
 * - `budget-set`: the text of §3 ("most preferred miners ... still in their budget set"); a
 *   miner that does not fit is skipped and the walk goes on down the list.
 */
export type MatchingRule = 'algorithm1' | 'budget-set';
export const MATCHING_RULES: readonly MatchingRule[] = ['algorithm1', 'budget-set'];

/** Marks a miner left to the general cluster (index n+1 in the paper). */
export const GENERAL = -1;

export interface MatchingInput {
  /** Q_j, indexed by miner slot. */
  readonly power: ArrayLike<number>;
  /** Slots of the miners on the lists this era; every list holds exactly these. */
  readonly miners: readonly number[];
  /** P_it, indexed by cluster. */
  readonly budgets: readonly number[];
  /** L_it, indexed by cluster: miner slots, most preferred first. */
  readonly lists: readonly ArrayLike<number>[];
  /** The order in which clusters walk their lists (see `orderClustersByStake`). */
  readonly order: readonly number[];
  readonly rule: MatchingRule;
}

export interface Matching {
  /** Cluster index per miner slot; GENERAL for the general cluster, GENERAL too for slots not on the lists. */
  readonly assignment: Int32Array;
  /** B_it = (A_t × Q_t)_i, indexed by cluster. */
  readonly allocated: number[];
  /** Whether the cluster's walk ended at a miner that did not fit (Theorem 1's slack bound applies). */
  readonly stoppedAtMisfit: boolean[];
}

/**
 * Clusters in decreasing stake; equal stakes in an order drawn from `rng` (paper §3: "contract
 * clusters with identical stakes are ordered randomly"). The shuffle comes first and the sort
 * is stable, so ties keep their drawn order. Without a tie no order is drawn: the sort alone
 * decides it, whatever order it starts from, and `rng` (a stream of its own) is left unopened,
 * which spares seeding a generator every era.
 */
export function orderClustersByStake(stakes: readonly number[], rng: Rng): number[] {
  const byStake = (a: number, b: number) => (stakes[b] as number) - (stakes[a] as number);
  const sorted = mapPacked(stakes, (_, i) => i).sort(byStake);
  let tied = false;
  for (let i = 1; i < sorted.length && !tied; i++)
    tied = stakes[sorted[i] as number] === stakes[sorted[i - 1] as number];
  return tied
    ? shuffled(
        mapPacked(stakes, (_, i) => i),
        rng,
      ).sort(byStake)
    : sorted;
}

export function matchClusters(input: MatchingInput, slotCount: number): Matching {
  const assignment = new Int32Array(slotCount).fill(GENERAL);
  const taken = new Uint8Array(slotCount);
  const allocated = filledPacked(input.budgets.length, 0);
  const stoppedAtMisfit = filledPacked(input.budgets.length, false);
  for (const cluster of input.order) {
    const budget = input.budgets[cluster] as number;
    const list = input.lists[cluster] as ArrayLike<number>;
    let sum = 0;
    for (let r = 0; r < list.length; r++) {
      const slot = list[r] as number;
      if (taken[slot]) continue; // Algorithm 1 line 5: only miners still in M_t
      const q = input.power[slot] as number;
      if (sum + q <= budget) {
        // lines 6-8
        sum += q;
        taken[slot] = 1;
        assignment[slot] = cluster;
      } else if (input.rule === 'algorithm1') {
        stoppedAtMisfit[cluster] = true;
        break; // line 11
      }
    }
    allocated[cluster] = sum;
  }
  return { assignment, allocated, stoppedAtMisfit };
}
