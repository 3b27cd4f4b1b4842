import type { AnyStrategy, StrategyKind } from './strategy.js';
import { alwaysOn } from './miners/always-on.js';
import { independentFaults } from './miners/independent-faults.js';
import { staticCluster } from './developers/static-cluster.js';
import { randomPreferences } from './developers/random-preferences.js';
import { poolWorker } from './miners/pool-worker.js';
import { greedyOwner } from './pools/greedy-owner.js';
import { passiveDelegator } from './delegators/passive.js';
import { returnChasing } from './delegators/return-chasing.js';

/**
 * Every named strategy, by kind. A scenario refers to them by name; the scenario checker and
 * `phala-sim strategies` read this list, so a new strategy needs no other edit (house style).
 */
export const STRATEGIES: readonly AnyStrategy[] = [
  alwaysOn,
  poolWorker,
  independentFaults,
  staticCluster,
  randomPreferences,
  greedyOwner,
  passiveDelegator,
  returnChasing,
] as AnyStrategy[];

export function strategiesOf<K extends StrategyKind>(kind: K): Extract<AnyStrategy, { kind: K }>[] {
  return STRATEGIES.filter((s): s is Extract<AnyStrategy, { kind: K }> => s.kind === kind);
}

export function findStrategy<K extends StrategyKind>(kind: K, name: string): Extract<AnyStrategy, { kind: K }> | undefined {
  return strategiesOf(kind).find((s) => s.name === name);
}
