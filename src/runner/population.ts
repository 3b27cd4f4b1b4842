import { pickWeighted, sample } from '../agents/distributions.js';
import type { MinerPlayer, Player, Population } from '../agents/decide-era.js';
import { HolderRoster, MinerRoster } from '../agents/rosters.js';
import { findStrategy } from '../agents/registry.js';
import type { ScriptAction } from '../agents/script.js';
import type {
  DelegatorAgent,
  DelegatorStrategy,
  DeveloperAgent,
  DeveloperStrategy,
  EndUserAgent,
  EndUserStrategy,
  FaultModel,
  MinerStrategy,
  PoolOwnerAgent,
  PoolOwnerStrategy,
  PreferencePolicyStrategy,
} from '../agents/strategy.js';
import type { PreferencePolicy } from '../mechanism/preference-lists.js';
import { CounterStream, keyOf, streamKey } from '../mechanism/counter-rng.js';
import { PairMemo } from '../mechanism/pair-memo.js';
import type { Rng } from '../mechanism/rng.js';
import { LASTING_SEED, PURPOSE } from '../agents/decide-era.js';
import { ceilUnits, phaToUnits, UNITS_PER_PHA, type Units } from '../mechanism/units.js';
import {
  delegatorIdsOf,
  developerAccount,
  minerIdsOf,
  numbered,
  operatorAccount,
  ownerAccount,
  poolIdsOf,
} from '../scenarios/agent-ids.js';
import { pricePath } from '../agents/market.js';
import type { Scenario } from '../scenarios/load-scenario.js';
import type { ScriptEntry } from '../scenarios/schema.js';

export interface Cast {
  /**
   * Every agent with its strategy. Delegators' and end-users' account positions are their balance
   * entries' places until `settleAccountPositions` holds them to the genesis book.
   */
  readonly population: Population;
  /** What every account holds before era 0 (SPEC §1: the initial supply, with the subsidy pool and treasury). */
  readonly balances: ReadonlyArray<readonly [string, Units]>;
  readonly policies: ReadonlyMap<string, PreferencePolicy>;
}

/**
 * S_min(C, P) in units, rounded up: a requirement is never under-met by rounding (SPEC §4).
 * Remembered per (C, P) for as long as the scenario lives, across its runs: pool owners ask every
 * era for each worker they might start, every run casts every miner, and a formula evaluation
 * costs microseconds where a look-up costs nanoseconds.
 */
export function minStakeOf(scenario: Scenario): (confidence: number, performance: number) => Units {
  const memo = minStakes(scenario);
  return (C, P) => memo.get(C, P);
}

/**
 * `make(scenario)`, made once per scenario object and kept while it lives: the runs of a scenario
 * share what it makes (remembered formula values).
 */
export function perScenario<T>(make: (scenario: Scenario) => T): (scenario: Scenario) => T {
  const made = new WeakMap<Scenario, T>();
  return (scenario) => {
    let value = made.get(scenario);
    if (value === undefined) made.set(scenario, (value = make(scenario)));
    return value;
  };
}

const minStakes = perScenario((scenario) => {
  const constants = scenario.network.constants;
  const formula = scenario.formulas.minStake;
  return new PairMemo((C, P) => ceilUnits(formula.evaluate({ ...constants, C, P }) * UNITS_PER_PHA));
});

/**
 * The stake S a solo miner of each group puts down, in units rounded up, by (C, P): the group's
 * formula reads S_min(C, P), C, P and constants only, so it is remembered as S_min is.
 */
const groupStakesOf = perScenario((scenario): readonly PairMemo[] => {
  const constants = scenario.network.constants;
  const minStake = minStakeOf(scenario);
  return scenario.formulas.groupStakes.map(
    (formula) =>
      new PairMemo((C, P) => {
        const S_min = minStake(C, P) / UNITS_PER_PHA;
        return ceilUnits(formula.evaluate({ ...constants, S_min, C, P }) * UNITS_PER_PHA);
      }),
  );
});

/** An agent's stream keys for one run (`Player.streamKey`, `Player.lastingKey`). */
interface AgentKey {
  readonly streamKey: number;
  readonly lastingKey: number;
}

/**
 * An agent's stream keys: from its kind and id, so agents of different kinds never share draws, and
 * the run's seed (lasting streams with the seed's bits turned, to be streams of their own).
 */
function agentKey(kind: string, id: string, runSeed: number): AgentKey {
  const [key0, key1] = keyOf(`${kind}:${id}`);
  return { streamKey: streamKey(key0, key1, runSeed), lastingKey: streamKey(key0, key1, runSeed ^ LASTING_SEED) };
}

/** The stream an agent's attributes are drawn from at genesis. */
function genesis(key: AgentKey): Rng {
  return new CounterStream(key.streamKey, PURPOSE.genesis);
}

/** Every agent of one run, drawn from the run's seed (agent ids: scenarios/agent-ids.ts). */
export function castAgents(scenario: Scenario, runSeed: number): Cast {
  const balances: [string, Units][] = Object.entries(scenario.accounts).map(([id, pha]) => [id, phaToUnits(pha)]);
  const minStake = minStakeOf(scenario);
  const miners = withAccounts(castMiners(scenario, runSeed), balances, (miner) => miner.agent.owner);
  const { developers, policies } = castDevelopers(scenario, runSeed, balances);
  const constants = scenario.network.constants;
  const { f, g } = scenario.formulas;
  // Each kind in id order: SPEC §3.1 applies a kind's intents by actor id, and intents produced
  // in that order need no sort (Population.inIdOrder). The kinds are cast in this order because
  // each takes the next accounts in the balances.
  const endUsers = withAccounts(castEndUsers(scenario, runSeed), balances);
  const owners = byId(castOwners(scenario, runSeed, balances));
  const delegators = withAccounts(castDelegators(scenario, runSeed), balances);
  const population: Population = {
    miners,
    roster: new MinerRoster(miners),
    developers: byId(developers),
    endUsers,
    owners,
    delegators,
    holderRoster: new HolderRoster(delegators.length),
    script: scriptByEra(scenario.script),
    minStake,
    prices: pricePath(scenario.market.price, scenario.eras, runSeed),
    rewardEstimate: (C, P, b, t, m) => {
      const k = scenario.network.brackets;
      return (
        f.evaluate({ ...constants, C, P, k, m, t }) +
        g.evaluate({ ...constants, b: Math.min(Math.max(b, 1), k), k, m, t })
      );
    },
    bracketCount: scenario.network.brackets,
    inIdOrder: true,
    minerIndex: new Map(miners.map((m) => [m.agent.id, m.agent])),
    minersByGroup: groupBy(
      miners.map((m) => m.agent),
      (a) => a.group,
    ),
  };
  return { population, balances, policies };
}

function castMiners(scenario: Scenario, runSeed: number): WithBalance<MinerPlayer>[] {
  const stakes = groupStakesOf(scenario);
  return scenario.miners.flatMap((group, g) => {
    const choice = scenario.strategies.miners[g]!;
    const strategy = findStrategy('miner', choice.strategy.name) as MinerStrategy;
    const faultModel = findStrategy('fault-model', choice.faults.name) as FaultModel;
    return minerIdsOf(group).map((id) => {
      const key = agentKey('miner', id, runSeed);
      const rng = genesis(key);
      const performance = Math.max(0, Math.round(sample(group.performance, rng)));
      const level =
        typeof group.confidence_level === 'number'
          ? group.confidence_level
          : pickWeighted([1, 2, 3, 4, 5], group.confidence_level.weights, rng);
      const confidence = scenario.network.confidence_scores[level - 1] as number;
      const stake = group.pool ? 0 : (stakes[g] as PairMemo).get(confidence, performance);
      const player = {
        agent: {
          id,
          group: group.group,
          owner: operatorAccount(id),
          performance,
          confidence,
          stake,
          joinEra: group.join_era,
        },
        strategy,
        params: choice.strategy.params,
        faultModel,
        faultParams: choice.faults.params,
        streamKey: key.streamKey,
        lastingKey: key.lastingKey,
        account: -1,
      };
      return { player, balance: stake + phaToUnits(group.balance) };
    });
  });
}

function castDevelopers(scenario: Scenario, runSeed: number, balances: [string, Units][]) {
  const developers: Player<DeveloperAgent, DeveloperStrategy>[] = [];
  const policies = new Map<string, PreferencePolicy>();
  scenario.clusters.forEach((group, g) => {
    const choice = scenario.strategies.clusters[g]!;
    const strategy = findStrategy('developer', choice.strategy.name) as DeveloperStrategy;
    const policyName = `${group.group}:${choice.preferences.name}`;
    const policy = findStrategy('preference-policy', choice.preferences.name) as PreferencePolicyStrategy;
    const context = {
      minerIdsOf: (name: string) => scenario.miners.filter((m) => m.group === name).flatMap(minerIdsOf),
    };
    policies.set(policyName, policy.create(choice.preferences.params, context));
    for (let n = 1; n <= group.count; n++) {
      const cluster = `${group.group}-${n}`;
      const key = agentKey('developer', cluster, runSeed);
      const rng = genesis(key);
      const stake = phaToUnits(sample(group.stake, rng));
      const createEra = Math.max(0, Math.round(sample(group.create_era, rng)));
      const id = developerAccount(cluster);
      balances.push([id, stake]);
      const cap = group.cap === null ? null : phaToUnits(group.cap);
      developers.push({
        agent: { id, group: group.group, cluster, stake, cap, createEra, policy: policyName },
        strategy,
        params: choice.strategy.params,
        streamKey: key.streamKey,
        lastingKey: key.lastingKey,
        account: -1,
      });
    }
  });
  return { developers, policies };
}

/** Miners of groups bound to a pool group are dealt to its pools in turn. */
function castOwners(
  scenario: Scenario,
  runSeed: number,
  balances: [string, Units][],
): Player<PoolOwnerAgent, PoolOwnerStrategy>[] {
  return scenario.pools.flatMap((group, g) => {
    const pools = poolIdsOf(group);
    const workers = pools.map((): string[] => []);
    scenario.miners
      .filter((m) => m.pool === group.group)
      .flatMap(minerIdsOf)
      .forEach((id, k) => workers[k % pools.length]!.push(id));
    const strategy = findStrategy('pool-owner', scenario.strategies.pools[g]!.name) as PoolOwnerStrategy;
    return pools.map((pool, n) => {
      const id = ownerAccount(pool);
      balances.push([id, phaToUnits(group.owner_balance)]);
      const cap = group.cap === null ? null : phaToUnits(group.cap);
      const key = agentKey('owner', pool, runSeed);
      const commission = sample(group.commission, genesis(key));
      const agent = { id, group: group.group, pool, commission, cap, workers: workers[n]! };
      return { agent, strategy, params: scenario.strategies.pools[g]!.params, ...key, account: -1 };
    });
  });
}

function castEndUsers(scenario: Scenario, runSeed: number): WithBalance<Player<EndUserAgent, EndUserStrategy>>[] {
  return scenario.end_users.flatMap((group, g) => {
    const strategy = findStrategy('end-user', scenario.strategies.endUsers[g]!.name) as EndUserStrategy;
    return numbered(group.group, group.count).map((id) => {
      const key = agentKey('end-user', id, runSeed);
      const balance = phaToUnits(sample(group.balance, genesis(key)));
      const player = {
        agent: { id, group: group.group, joinEra: group.join_era },
        strategy,
        params: scenario.strategies.endUsers[g]!.params,
        streamKey: key.streamKey,
        lastingKey: key.lastingKey,
        account: -1,
      };
      return { player, balance };
    });
  });
}

/**
 * Keeps each player's account position where the genesis book agrees (its key there is the
 * player's id) and forgets it elsewhere, to be found by id when first needed. Delegators and
 * end-users are cast with the place of their balance entry, which is their position unless an
 * account listed before them was listed twice: checked in one pass, where a million first look-ups
 * by id were a tenth of L's second era.
 */
export function settleAccountPositions(
  players: readonly Player<{ readonly id: string }, unknown>[],
  accounts: { keyAt(position: number): string | undefined },
): void {
  for (const player of players) if (accounts.keyAt(player.account) !== player.agent.id) player.account = -1;
}

function castDelegators(scenario: Scenario, runSeed: number): WithBalance<Player<DelegatorAgent, DelegatorStrategy>>[] {
  return scenario.delegators.flatMap((group, g) => {
    const strategy = findStrategy('delegator', scenario.strategies.delegators[g]!.name) as DelegatorStrategy;
    return delegatorIdsOf(group).map((id) => {
      const key = agentKey('delegator', id, runSeed);
      const rng = genesis(key);
      const balance = phaToUnits(sample(group.balance, rng));
      const agent = { id, group: group.group, joinEra: group.join_era, phase: rng.next() };
      const player = { agent, strategy, params: scenario.strategies.delegators[g]!.params, ...key, account: -1 };
      return { player, balance };
    });
  });
}

/** A player whose id is its account, with the balance it starts with. */
interface WithBalance<P> {
  readonly player: P;
  readonly balance: Units;
}

/**
 * The players in id order, their accounts entered in the book in that order too: SPEC §3.1 applies
 * a kind's intents by actor id, so an era's transfers then find their accounts one after another
 * (AccountIndex.position tries the position after the last one found first). A player whose id is
 * its account (a delegator, an end-user) keeps its entry's place: its position in the genesis book
 * unless an account entered before it was listed twice (settleAccountPositions checks). A miner's
 * account is its operator's (`accountOf`): miners that join together take their slots in id order
 * and paydays pay them in slot order, so each credit finds its operator's account next too (in the
 * miners' cast order, numbered ids not sorting as text, each of S's thousand payouts on a payday
 * looked past sixteen accounts and then in the map).
 */
function withAccounts<P extends Player<{ readonly id: string }, unknown>>(
  cast: WithBalance<P>[],
  balances: [string, Units][],
  accountOf: (player: P) => string = (player) => player.agent.id,
): P[] {
  cast.sort((a, b) => compareIds(a.player, b.player));
  return cast.map(({ player, balance }) => {
    const account = accountOf(player);
    if (account === player.agent.id) player.account = balances.length;
    balances.push([account, balance]);
    return player;
  });
}

/** Script entries by era, amounts in units, in file order. */
function scriptByEra(entries: readonly ScriptEntry[]): Map<number, ScriptAction[]> {
  const byEra = new Map<number, ScriptAction[]>();
  for (const entry of entries) {
    const list = byEra.get(entry.era) ?? [];
    list.push(toUnits(entry));
    byEra.set(entry.era, list);
  }
  return byEra;
}

function toUnits(entry: ScriptEntry): ScriptAction {
  const cap = (pha: number | null) => (pha === null ? null : phaToUnits(pha));
  switch (entry.action) {
    case 'create_pool':
      return {
        action: entry.action,
        owner: entry.owner,
        pool: entry.pool,
        commission: entry.commission,
        cap: cap(entry.cap),
      };
    case 'set_cap':
      return { action: entry.action, pool: entry.pool, cap: cap(entry.cap) };
    case 'delegate':
    case 'withdraw':
      return { action: entry.action, delegator: entry.delegator, pool: entry.pool, amount: phaToUnits(entry.amount) };
    case 'reward':
      return { action: entry.action, pool: entry.pool, amount: phaToUnits(entry.amount) };
    case 'start_worker':
      return { action: entry.action, pool: entry.pool, miner: entry.miner, stake: phaToUnits(entry.stake) };
    case 'add_worker':
    case 'stop_worker':
      return { action: entry.action, pool: entry.pool, miner: entry.miner };
    case 'set_commission':
      return { action: entry.action, pool: entry.pool, commission: entry.commission };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function byId<P extends { readonly agent: { readonly id: string } }>(players: P[]): P[] {
  return players.sort(compareIds);
}

function compareIds(
  a: { readonly agent: { readonly id: string } },
  b: { readonly agent: { readonly id: string } },
): number {
  return a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0;
}
