import { pickWeighted, sample } from '../agents/distributions.js';
import type { DeveloperPlayer, MinerPlayer, Population } from '../agents/decide-era.js';
import { findStrategy } from '../agents/registry.js';
import type { DeveloperStrategy, FaultModel, MinerStrategy, PreferencePolicyStrategy } from '../agents/strategy.js';
import type { PreferencePolicy } from '../mechanism/preference-lists.js';
import { rngFor } from '../mechanism/rng.js';
import { phaToUnits, type Units } from '../mechanism/units.js';
import type { Scenario } from '../scenarios/load-scenario.js';

export interface Cast {
  readonly population: Population;
  /** What every agent holds before era 0: the operator of a miner its stake plus its spare balance, a developer its stake. */
  readonly balances: ReadonlyArray<readonly [string, Units]>;
  readonly policies: ReadonlyMap<string, PreferencePolicy>;
}

/** Miner `<group>-<n>`, its operator `op:<group>-<n>`; cluster `<group>-<n>`, its developer `dev:<group>-<n>`. */
export function castAgents(scenario: Scenario, runSeed: number): Cast {
  const balances: [string, Units][] = [];
  const miners: MinerPlayer[] = [];
  const constants = scenario.network.constants;
  scenario.miners.forEach((group, g) => {
    const choice = scenario.strategies.miners[g]!;
    const strategy = findStrategy('miner', choice.strategy.name) as MinerStrategy;
    const faultModel = findStrategy('fault-model', choice.faults.name) as FaultModel;
    for (let n = 1; n <= group.count; n++) {
      const id = `${group.group}-${n}`;
      const rng = rngFor(runSeed, 'genesis', 'miner', id);
      const performance = Math.max(0, Math.round(sample(group.performance, rng)));
      const level =
        typeof group.confidence_level === 'number'
          ? group.confidence_level
          : pickWeighted([1, 2, 3, 4, 5], group.confidence_level.weights, rng);
      const confidence = scenario.network.confidence_scores[level - 1] as number;
      const S_min = scenario.formulas.minStake.evaluate({ ...constants, C: confidence, P: performance });
      const stake = phaToUnits(scenario.formulas.groupStakes[g]!.evaluate({ ...constants, S_min, C: confidence, P: performance }));
      const owner = `op:${id}`;
      balances.push([owner, stake + phaToUnits(group.balance)]);
      miners.push({
        agent: { id, group: group.group, owner, performance, confidence, stake, joinEra: group.join_era },
        strategy,
        params: choice.strategy.params,
        faultModel,
        faultParams: choice.faults.params,
      });
    }
  });
  const developers: DeveloperPlayer[] = [];
  const policies = new Map<string, PreferencePolicy>();
  scenario.clusters.forEach((group, g) => {
    const choice = scenario.strategies.clusters[g]!;
    const strategy = findStrategy('developer', choice.strategy.name) as DeveloperStrategy;
    const policyName = `${group.group}:${choice.preferences.name}`;
    const policy = findStrategy('preference-policy', choice.preferences.name) as PreferencePolicyStrategy;
    policies.set(policyName, policy.create(choice.preferences.params));
    for (let n = 1; n <= group.count; n++) {
      const cluster = `${group.group}-${n}`;
      const stake = phaToUnits(sample(group.stake, rngFor(runSeed, 'genesis', 'cluster', cluster)));
      const id = `dev:${cluster}`;
      balances.push([id, stake]);
      const cap = group.cap === null ? null : phaToUnits(group.cap);
      developers.push({
        agent: { id, group: group.group, cluster, stake, cap, createEra: group.create_era, policy: policyName },
        strategy,
        params: choice.strategy.params,
      });
    }
  });
  return { population: { miners, developers }, balances, policies };
}
