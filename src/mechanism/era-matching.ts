import { allocateBudgets } from './budgets.js';
import { matchingEfficiency, upperBoundOf } from './efficiency.js';
import type { EraContext } from './era.js';
import { GENERAL, matchClusters, orderClustersByStake, type Matching } from './matching.js';
import type { OpenEra } from './open-era.js';
import { isOnlineAt, type MinerColumns } from './miner-columns.js';
import { filledPacked, mapPacked } from './packed-arrays.js';

/** Steps 2 and 3 of an era (SPEC §3): budgets, matching, and what they did to each cluster. */
export interface EraMatching extends Matching {
  readonly totalPower: number;
  readonly reservedPower: number;
  readonly budgets: readonly number[];
  readonly order: readonly number[];
  readonly upperBound: number;
  readonly efficiency: number | null;
  /** max_j Q_j over the miners on the lists (Theorem 1's slack bound). */
  readonly maxPower: number;
  /** Per cluster: miners it has this era and did not have last era. */
  readonly gained: readonly number[];
  /** Per cluster: miners it had last era and has not now (moved, or left the network). */
  readonly lost: readonly number[];
  /** Per cluster: lost miners still online that went lower although they fitted its budget. */
  readonly lostWithBudget: readonly number[];
}

export function allocateAndMatch(s: OpenEra, online: readonly number[], ctx: EraContext): EraMatching {
  // The passes over every miner are functions of their own, and this one has no long loop. V8
  // compiles a long loop while it runs (on-stack replacement), with the code after it, which has
  // not run yet that era; that code met values it had no feedback for and was thrown away, and the
  // loop's compiled code was entered again the next era (M: 66 times in its first 60 eras; no time
  // change was measured).
  const miners = s.miners;
  const columns = s.minerColumns;
  const power = columns.performance; // Q_j by slot (rows past the last miner are never read)
  const { totalPower, maxPower, wholePowers } = sumPowers(power, online);
  const stakes = mapPacked(s.clusters, (c) => c.stake);
  const { reservedPower, budgets } = allocateBudgets(stakes, ctx.params.alpha, totalPower);
  const order = orderClustersByStake(stakes, ctx.rng('cluster-order'));
  const lists = mapPacked(s.clusters, (c) => c.list);
  const input = { power, miners: online, budgets, lists, order, rule: ctx.params.rule };
  const result = ctx.matchMemo ? ctx.matchMemo.match(input, miners.length) : matchClusters(input, miners.length);
  // A matching the memo gives again is the one the columns hold already: recordAssignments wrote it,
  // and a miner coming or going since would have changed a list, and so the memo's inputs. No miner
  // moved, and there is nothing to record (two passes over every miner, most eras at S).
  const repeated = ctx.matchMemo?.repeated === true;
  const churn = repeated ? noChurn(budgets.length) : measureChurn(s, result, budgets);
  if (!repeated) recordAssignments(columns, miners.length, result.assignment);
  const upperBound = upperBoundOf(totalPower, wholePowers, budgets);
  const efficiency = matchingEfficiency(result.allocated, upperBound);
  // Written out, not spread: a spread of two objects into one of 13 fields, every era, was this
  // step's largest single cost at S.
  return {
    assignment: result.assignment,
    allocated: result.allocated,
    stoppedAtMisfit: result.stoppedAtMisfit,
    totalPower,
    reservedPower,
    budgets,
    order,
    upperBound,
    efficiency,
    maxPower,
    gained: churn.gained,
    lost: churn.lost,
    lostWithBudget: churn.lostWithBudget,
  };
}

/**
 * Σ_j Q_j and max_j Q_j over the miners on the lists, and whether every Q_j is whole. An indexed
 * loop: array methods' inlined forms were deoptimized era after era at M (an era's arrays change length).
 */
function sumPowers(
  power: Float64Array,
  online: readonly number[],
): { totalPower: number; maxPower: number; wholePowers: boolean } {
  let totalPower = 0;
  let maxPower = 0;
  let wholePowers = true;
  for (let i = 0; i < online.length; i++) {
    const q = power[online[i] as number] as number;
    totalPower += q;
    if (q > maxPower) maxPower = q;
    if (!Number.isInteger(q)) wholePowers = false;
  }
  return { totalPower, maxPower, wholePowers };
}

/** Each miner's cluster and state as the matching left them: Active if it has a contract cluster, Idle if not. */
function recordAssignments(columns: MinerColumns, count: number, assignment: ArrayLike<number>): void {
  const { cluster } = columns;
  for (let slot = 0; slot < count; slot++) {
    // Offline miners keep last era's cluster until here, so that their loss is counted once.
    if (!isOnlineAt(columns, slot)) {
      cluster[slot] = GENERAL;
      continue;
    }
    const assigned = assignment[slot] as number;
    cluster[slot] = assigned;
    columns.setMatched(slot, assigned !== GENERAL);
  }
}

/** No miner gained or lost by any of `clusters` clusters (the counts measureChurn starts from). */
function noChurn(clusters: number): { gained: number[]; lost: number[]; lostWithBudget: number[] } {
  return {
    gained: filledPacked(clusters, 0),
    lost: filledPacked(clusters, 0),
    lostWithBudget: filledPacked(clusters, 0),
  };
}

/**
 * Reassignment churn per cluster (paper §3 Discussion: a new entrant should change the allocation
 * little, and the less the more a cluster stakes). Compares last era's clusters (still in
 * `miner.cluster`) with this era's matching. A miner lost "with budget" went to the general cluster
 * or to a cluster with less stake although it would still have fitted the cluster's budget.
 */
function measureChurn(
  s: OpenEra,
  result: Matching,
  budgets: readonly number[],
): Pick<EraMatching, 'gained' | 'lost' | 'lostWithBudget'> {
  const { gained, lost, lostWithBudget } = noChurn(budgets.length);
  const columns = s.minerColumns;
  for (let slot = 0; slot < s.miners.length; slot++) {
    const before = columns.cluster[slot] as number;
    const stayedOnline = isOnlineAt(columns, slot);
    const now = stayedOnline ? (result.assignment[slot] as number) : GENERAL;
    if (before === now) continue;
    if (now !== GENERAL) gained[now]! += 1;
    if (before === GENERAL) continue;
    lost[before]! += 1;
    const wentLower = now === GENERAL || (s.clusters[now]?.stake ?? 0) < (s.clusters[before]?.stake ?? 0);
    if (
      stayedOnline &&
      wentLower &&
      (result.allocated[before] as number) + (columns.performance[slot] as number) <= (budgets[before] as number)
    ) {
      lostWithBudget[before]! += 1;
    }
  }
  return { gained, lost, lostWithBudget };
}
