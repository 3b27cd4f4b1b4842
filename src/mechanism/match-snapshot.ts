import { allocateBudgets } from './budgets.js';
import { matchingEfficiency, matchingUpperBound } from './efficiency.js';
import { GENERAL, matchClusters, orderClustersByStake, type MatchingRule } from './matching.js';
import { assignBrackets, scorePopularity } from './popularity.js';
import { rngFor, shuffled } from './rng.js';

/** One era's snapshot for `phala-sim match` (issue 2, item 4). */
export interface MatchInstance {
  readonly alpha: number;
  readonly brackets: number;
  readonly rule: MatchingRule;
  readonly seed: number;
  readonly miners: readonly { readonly id: string; readonly power: number }[];
  readonly clusters: readonly {
    readonly id: string;
    readonly stake: number;
    readonly preferences?: readonly string[];
  }[];
}

export interface MatchOutcome {
  totalPower: number;
  reservedPower: number;
  budgets: Record<string, number>;
  allocated: Record<string, number>;
  assignment: Record<string, string>;
  generalPower: number;
  points: Record<string, number>;
  brackets: Record<string, number>;
  upperBound: number;
  efficiency: number | null;
}

/**
 * Steps 2-5 of an era (SPEC §3) on a snapshot: budgets, matching, the general cluster's residual,
 * popularity points and brackets. A cluster without `preferences` gets a random order drawn from
 * `seed`; ties in stake are ordered from `seed` too.
 */
export function matchSnapshot(instance: MatchInstance): MatchOutcome {
  const slots = instance.miners.map((_, i) => i);
  const slotOf = new Map(instance.miners.map((m, i) => [m.id, i]));
  const power = instance.miners.map((m) => m.power);
  const lists = instance.clusters.map((c) =>
    Int32Array.from(
      c.preferences
        ? c.preferences.map((id) => slotOf.get(id) as number)
        : shuffled(slots, rngFor(instance.seed, 'match', 'preferences', c.id)),
    ),
  );
  const stakes = instance.clusters.map((c) => c.stake);
  const totalPower = power.reduce((a, b) => a + b, 0);
  const { reservedPower, budgets } = allocateBudgets(stakes, instance.alpha, totalPower);
  const order = orderClustersByStake(stakes, rngFor(instance.seed, 'match', 'cluster-order'));
  const matching = matchClusters({ power, miners: slots, budgets, lists, order, rule: instance.rule }, slots.length);
  const points = scorePopularity(lists, slots.length, slots.length);
  const brackets = assignBrackets(slots, points, instance.brackets, slots.length);
  const upperBound = matchingUpperBound(power, budgets);
  const allocatedSum = matching.allocated.reduce((a, b) => a + b, 0);
  const byCluster = (values: readonly number[]) =>
    Object.fromEntries(instance.clusters.map((c, i) => [c.id, values[i] as number]));
  const byMiner = <T>(value: (slot: number) => T) =>
    Object.fromEntries(instance.miners.map((m, i) => [m.id, value(i)]));
  return {
    totalPower,
    reservedPower,
    budgets: byCluster(budgets),
    allocated: byCluster(matching.allocated),
    assignment: byMiner((slot) => {
      const cluster = matching.assignment[slot] as number;
      return cluster === GENERAL ? 'general' : (instance.clusters[cluster]?.id as string);
    }),
    generalPower: totalPower - allocatedSum,
    points: byMiner((slot) => points[slot] as number),
    brackets: byMiner((slot) => brackets[slot] as number),
    upperBound,
    efficiency: matchingEfficiency(matching.allocated, upperBound),
  };
}
