import type { AnyStrategy, StrategyKind } from './strategy.js';
import { alwaysOn } from './miners/always-on.js';
import { independentFaults } from './miners/independent-faults.js';
import { staticCluster } from './developers/static-cluster.js';
import { randomPreferences } from './developers/random-preferences.js';
import { poolWorker } from './miners/pool-worker.js';
import { greedyOwner } from './pools/greedy-owner.js';
import { passiveDelegator } from './delegators/passive.js';
import { returnChasing } from './delegators/return-chasing.js';
import { profitSeeking } from './miners/profit-seeking.js';
import { capacityExpanding } from './miners/capacity-expanding.js';
import { burstyFaults } from './miners/bursty-faults.js';
import { performanceFirst } from './developers/performance-first.js';
import { confidenceFirst } from './developers/confidence-first.js';
import { stickyPreferences } from './developers/sticky-preferences.js';
import { sybilPopularity } from './developers/sybil-popularity.js';
import { capHeadroom } from './developers/cap-headroom.js';
import { utilityStaker } from './end-users/utility-staker.js';
import { crowdFollower } from './end-users/crowd-follower.js';

/**
 * Every named strategy, by kind. A scenario refers to them by name; the scenario checker and
 * `phala-sim strategies` read this list, so a new strategy needs no other edit (house style).
 */
export const STRATEGIES: readonly AnyStrategy[] = [
  alwaysOn,
  profitSeeking,
  capacityExpanding,
  poolWorker,
  independentFaults,
  burstyFaults,
  staticCluster,
  capHeadroom,
  randomPreferences,
  performanceFirst,
  confidenceFirst,
  stickyPreferences,
  sybilPopularity,
  utilityStaker,
  crowdFollower,
  greedyOwner,
  passiveDelegator,
  returnChasing,
] as AnyStrategy[];

export function strategiesOf<K extends StrategyKind>(kind: K): Extract<AnyStrategy, { kind: K }>[] {
  return STRATEGIES.filter((s): s is Extract<AnyStrategy, { kind: K }> => s.kind === kind);
}

export function findStrategy<K extends StrategyKind>(
  kind: K,
  name: string,
): Extract<AnyStrategy, { kind: K }> | undefined {
  return strategiesOf(kind).find((s) => s.name === name);
}
