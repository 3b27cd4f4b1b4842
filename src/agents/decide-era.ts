import type { EraInputs } from '../mechanism/era.js';
import { KIND_ORDER, kindRank, type Intent } from '../mechanism/intents.js';
import { isOnlineAt, sumByCluster } from '../mechanism/miner-columns.js';
import { drawAt } from '../mechanism/counter-rng.js';
import { poolValue, startedByPool } from '../mechanism/pools.js';
import type { Rng } from '../mechanism/rng.js';
import type { Fault } from '../mechanism/slashing.js';
import { isOnline, type EraState, type Pool } from '../mechanism/types.js';
import type { Units } from '../mechanism/units.js';
import type { HolderRoster, MinerRoster } from './rosters.js';
import { scriptIntents, type ScriptAction } from './script.js';
import type {
  AgentEnv,
  ClusterOffer,
  DelegatorAgent,
  DelegatorStrategy,
  EndUserAgent,
  EndUserStrategy,
  DeveloperAgent,
  DeveloperStrategy,
  FaultModel,
  MinerAgent,
  MinerStrategy,
  PoolOwnerAgent,
  PoolOwnerStrategy,
} from './strategy.js';

export interface Player<Agent, Strategy> {
  readonly agent: Agent;
  readonly strategy: Strategy;
  readonly params: unknown;
  /**
   * The agent's streams of this run, keyed by its id and the run's seed (mechanism/counter-rng.ts
   * `streamKey`): worked out once per run, so opening an era's stream mixes in only the era and
   * purpose. Numbers on the player itself, where a key object would be one more to fetch per agent
   * and era.
   */
  readonly streamKey: number;
  /** The same for its lasting streams (AgentStreams.lasting). */
  readonly lastingKey: number;
  /**
   * Its account's position in the balances (AccountBook.positionOf), −1 until known. Delegators and
   * end-users are cast with their balance entry's place, which the run checks against the genesis
   * book before its first era (runner/population.ts `settleAccountPositions`).
   */
  account: number;
}

/** What an agent's draws are for: each purpose is a stream of its own. */
export const PURPOSE = {
  developer: 1,
  endUser: 2,
  delegator: 3,
  owner: 4,
  miner: 5,
  faults: 6,
  lasting: 7,
  genesis: 8,
} as const;

/** Lasting streams are keyed with the run's seed with these bits turned: streams of their own. */
export const LASTING_SEED = 0x5f3759df;

/**
 * The run's streams for the agents, by the player's keys: one per agent and purpose this era, and
 * lasting ones per agent. An era stream is good until the next one of the same purpose is opened
 * (the run loop reuses one object per purpose), so an agent draws from it during its own turn only.
 */
export interface AgentStreams {
  era(purpose: number, streamKey: number): Rng;
  /**
   * The base (counter-rng's `streamBase`) of `era(purpose, streamKey)`: its i-th draw is
   * `drawAt(base, i)`. For the fast path's fault draws, two for every online miner every era,
   * without rekeying a stream object for each.
   */
  eraBase(purpose: number, streamKey: number): number;
  lasting(lastingKey: number, n: number): Rng;
}

export interface MinerPlayer extends Player<MinerAgent, MinerStrategy> {
  readonly faultModel: FaultModel;
  readonly faultParams: unknown;
}

/** Every agent of a run with its chosen strategy, and the run's script. */
export interface Population {
  readonly miners: readonly MinerPlayer[];
  /** The miners' per-era fields, by their index in `miners`. */
  readonly roster: MinerRoster;
  /** The delegators' per-era fields, by their index in `delegators`. */
  readonly holderRoster: HolderRoster;
  readonly developers: readonly Player<DeveloperAgent, DeveloperStrategy>[];
  readonly endUsers: readonly Player<EndUserAgent, EndUserStrategy>[];
  readonly owners: readonly Player<PoolOwnerAgent, PoolOwnerStrategy>[];
  readonly delegators: readonly Player<DelegatorAgent, DelegatorStrategy>[];
  /** Scripted actions by era. */
  readonly script: ReadonlyMap<number, readonly ScriptAction[]>;
  readonly minStake: (confidence: number, performance: number) => Units;
  /** The PHA price per era of this run (agents/market.ts). */
  readonly prices: Float64Array;
  /** f(C, P) + g(b) in PHA at era t with m miners online. */
  readonly rewardEstimate: (
    confidence: number,
    performance: number,
    bracket: number,
    era: number,
    miners: number,
  ) => number;
  readonly bracketCount: number;
  /** Miner agents by id, and by group in id order: fixed for the run. */
  readonly minerIndex: ReadonlyMap<string, MinerAgent>;
  readonly minersByGroup: ReadonlyMap<string, readonly MinerAgent[]>;
  /**
   * Each kind's players are in id order, as runner/population.ts casts them, so that agents asked
   * in turn give their intents in SPEC §3.1's order (EraInputs.inKindOrder).
   */
  readonly inIdOrder?: boolean;
}

/**
 * Step 1 of an era (SPEC §3.1): the era's scripted actions, then every agent, seeing the state
 * after the last era, says what it wants; online miners' fault models say what went wrong. Each
 * agent draws from its own named stream, so adding an agent does not change another's draws.
 * `fast`: the run's fast path, which leaves quiet miners and delegators unasked (decideMiners,
 * decideWithAccounts); the plain path asks every agent every era, and gives the same intents and
 * faults.
 *
 * `movesDecided`: told the script's, the pool owners' and the miners' intents (those that start
 * and stop miners) as soon as they are known, before the other agents are asked (a run's list
 * helper starts the era's list work from them: runner/list-speculation.ts). Every agent decides
 * from last era's state alone, so the order in which kinds are asked changes nothing but when
 * each kind's intents are known; they are returned in SPEC §3.1's order all the same.
 */
export function decideEra(
  population: Population,
  view: EraState,
  streams: AgentStreams,
  fast = false,
  movesDecided?: (decided: readonly (readonly Intent[])[]) => void,
): EraInputs {
  const turn: Turn = { player: null };
  const balances = view.ledger.balances;
  /** The deciding agent's account position (kept on its player), or −1. */
  const ownPosition = (): number => {
    const player = turn.player;
    if (player === null) throw new Error('ownBalance() is for delegators and end-users, whose id is their account');
    if (player.account < 0) player.account = balances.positionOf(player.agent.id) ?? -1;
    return player.account;
  };
  const own = {
    balance: () => {
      const p = ownPosition();
      return p < 0 ? 0 : balances.atPosition(p);
    },
    // The delegator → pools index shares the balances' positions (AccountBook.emptyTable), so a
    // delegator asking after its own pools needs no look-up either.
    pools: (delegator: string): readonly number[] | undefined => {
      if (turn.player === null || turn.player.agent.id !== delegator) return view.memberships.get(delegator);
      const p = ownPosition();
      return p < 0 ? undefined : view.memberships.atPosition(p);
    },
  };
  const env = createEnv(population, view, own);
  const script = scriptIntents(population.script.get(view.era) ?? [], view, env);
  const faults: Fault[] = [];
  // In SPEC §3.1's order while every agent's intents are its own and of its kind (pushOwn).
  const order: KindOrder = { kept: population.inIdOrder === true };
  // A function per kind of agent: V8 optimizes and throws away a function's code as a whole, and in
  // one function for all kinds, a strategy meeting a case it had not met (a pool owner's first era
  // with its pool) sent the rest of the era's agents, tens of thousands of miners, back to the
  // interpreter, era after era (M: 35 times in its first 60 eras).
  const owners: Intent[] = [];
  decideOwners(population.owners, view, streams, env, owners, order);
  const miners: Intent[] = [];
  decideMiners(population.miners, population.roster, view, streams, env, miners, faults, order, fast);
  movesDecided?.([script, owners, miners]);
  const intents: Intent[] = [];
  decideDevelopers(population.developers, view, streams, intents, order);
  const endUsers = { purpose: PURPOSE.endUser, rank: KIND_ORDER.endUser };
  decideWithAccounts(population.endUsers, endUsers, view, streams, env, turn, intents, order, null);
  const delegators = { purpose: PURPOSE.delegator, rank: KIND_ORDER.delegator };
  const holders = fast ? population.holderRoster : null;
  decideWithAccounts(population.delegators, delegators, view, streams, env, turn, intents, order, holders);
  appendAll(intents, owners);
  appendAll(intents, miners);
  return { script, intents, inKindOrder: order.kept, faults };
}

/** `more` pushed onto `into` one by one (a spread of a payday's 50,000 requests would pass them as arguments). */
function appendAll(into: Intent[], more: readonly Intent[]): void {
  for (let i = 0; i < more.length; i++) into.push(more[i] as Intent);
}

/** Whether the era's intents are still in SPEC §3.1's order. */
interface KindOrder {
  kept: boolean;
}

/** Whose turn it is among the agents whose id is their account (`AgentEnv.ownBalance` reads its account). */
interface Turn {
  player: Player<{ readonly id: string }, unknown> | null;
}

// Indexed loops in what follows: a for-of loop made an iterator result per agent whenever its
// function ran unoptimized, which a loop of a million agents, run once an era, largely does (L: 40 MB
// an era).

/**
 * An agent's intents, after those of the agents asked before it. They keep the era's intents in
 * kind order if they are its own (agents of a kind are asked in id order) and of its kind: an
 * identity check and a table look-up each, where checking the order afterwards compared ids.
 */
function pushOwn(
  into: Intent[],
  more: readonly Intent[],
  agent: { readonly id: string },
  rank: number,
  order: KindOrder,
): void {
  // The agent's id is read only when it said something: most agents most eras say nothing, and the
  // read is a fetch of one more object per agent (M: miners deciding, 40,000 an era).
  for (let i = 0; i < more.length; i++) {
    const intent = more[i] as Intent;
    if (intent.actor !== agent.id || kindRank(intent.type) !== rank) order.kept = false;
    into.push(intent);
  }
}

function decideDevelopers(
  developers: Population['developers'],
  view: EraState,
  streams: AgentStreams,
  intents: Intent[],
  order: KindOrder,
): void {
  for (let i = 0; i < developers.length; i++) {
    const d = developers[i]!;
    const own = d.strategy.decide(view, d.agent, d.params, streams.era(PURPOSE.developer, d.streamKey));
    pushOwn(intents, own, d.agent, KIND_ORDER.developer, order);
  }
}

/**
 * End-users or delegators: agents whose id is their account, each read by `turn` while it decides.
 * With a roster (the fast path, delegators), one whose strategy said it would be quiet is passed
 * over while its balance is 0 and no pool has been forced to stop since it was asked.
 */
function decideWithAccounts<Agent extends { readonly id: string }>(
  players: readonly Player<Agent, AccountHolderStrategy<Agent>>[],
  kind: { readonly purpose: number; readonly rank: number },
  view: EraState,
  streams: AgentStreams,
  env: AgentEnv,
  turn: Turn,
  intents: Intent[],
  order: KindOrder,
  roster: HolderRoster | null,
): void {
  const { era } = view;
  const balances = view.ledger.balances;
  const forcedStop = roster === null ? 0 : latestForcedStop(view.pools);
  for (let i = 0; i < players.length; i++) {
    if (roster !== null && roster.isQuiet(i, era, forcedStop, balances)) continue;
    const p = players[i]!;
    turn.player = p;
    const own = p.strategy.decide(view, p.agent, p.params, streams.era(kind.purpose, p.streamKey), env);
    pushOwn(intents, own, p.agent, kind.rank, order);
    if (roster !== null) {
      const strategy = p.strategy;
      roster.asked(i, era, p.account, strategy.quietUntil ? strategy.quietUntil(era, p.agent, p.params) : 0);
    }
  }
  turn.player = null;
}

/** The latest era in which any pool was forced to stop, −1 if none was. */
function latestForcedStop(pools: readonly Pool[]): number {
  let latest = -1;
  for (let i = 0; i < pools.length; i++) latest = Math.max(latest, (pools[i] as Pool).lastForcedStop ?? -1);
  return latest;
}

/** What end-user and delegator strategies have in common. */
interface AccountHolderStrategy<Agent> {
  decide(view: EraState, self: Agent, params: unknown, rng: Rng, env: AgentEnv): readonly Intent[];
  quietUntil?(era: number, self: Agent, params: unknown): number;
}

function decideOwners(
  owners: Population['owners'],
  view: EraState,
  streams: AgentStreams,
  env: AgentEnv,
  intents: Intent[],
  order: KindOrder,
): void {
  for (let i = 0; i < owners.length; i++) {
    const o = owners[i]!;
    const own = o.strategy.decide(view, o.agent, o.params, streams.era(PURPOSE.owner, o.streamKey), env);
    pushOwn(intents, own, o.agent, KIND_ORDER.owner, order);
  }
}

/**
 * Miners decide, then the fault models of those online say what went wrong. On the fast path a
 * miner whose strategy said it would be quiet (MinerStrategy.quietUntil) is not asked, and fixed
 * fault chances (FaultModel.fixedChances) are drawn here from the miner's stream, as the model
 * would draw them: such a miner's era reads the roster's arrays alone (issue #6).
 */
function decideMiners(
  miners: Population['miners'],
  roster: MinerRoster,
  view: EraState,
  streams: AgentStreams,
  env: AgentEnv,
  intents: Intent[],
  faults: Fault[],
  order: KindOrder,
  fast: boolean,
): void {
  const { era, minerColumns: columns } = view;
  // One `lasting` for the era, reading the key of the miner whose faults are being drawn.
  let faultKey = 0;
  const lasting = (n: number) => streams.lasting(faultKey, n);
  for (let i = 0; i < miners.length; i++) {
    let record = roster.recordOf(i, view);
    let online = record !== undefined && isOnlineAt(columns, roster.slots[i] as number);
    if (!(fast && online && era < (roster.quietUntil[i] as number))) {
      const m = miners[i]!;
      if (record === undefined) {
        record = roster.find(i, m.agent.id, view);
        online = record !== undefined && isOnlineAt(columns, roster.slots[i] as number);
      }
      const own = m.strategy.decide(view, m.agent, record, m.params, streams.era(PURPOSE.miner, m.streamKey), env);
      pushOwn(intents, own, m.agent, KIND_ORDER.miner, order);
      // Offline, or with a strategy that cannot tell, it is asked again next era.
      const strategy = m.strategy;
      if (fast)
        roster.askAt(
          i,
          online && record && strategy.quietUntil ? strategy.quietUntil(era, m.agent, record, m.params) : 0,
        );
    }
    if (!online) continue;
    // With the miner's slot, which the mechanism would look up by id (a miss in a map of every miner).
    // Written out, not spread: a spread of each fault cost more than the look-up it saves.
    const slot = roster.slots[i] as number;
    const chances = fast ? roster.chances[i] : null;
    if (chances) {
      // As FaultModel.fixedChances promises the model draws: once per level, in level order, the
      // draws of the miner's faults stream this era (as `streams.era(PURPOSE.faults, …).next()`).
      const base = streams.eraBase(PURPOSE.faults, roster.streamKeys[i] as number);
      for (let f = 0; f < chances.length; f++) {
        const level = chances[f] as readonly [number, number]; // indexed: no iterator per miner and era
        if (drawAt(base, f + 1) < level[1]) faults.push({ miner: miners[i]!.agent.id, level: level[0], slot });
      }
      continue;
    }
    const m = miners[i]!;
    faultKey = m.lastingKey;
    const own = m.faultModel.faults(era, m.agent, m.faultParams, streams.era(PURPOSE.faults, m.streamKey), lasting);
    for (let f = 0; f < own.length; f++) {
      const fault = own[f] as Fault;
      faults.push({ miner: fault.miner, level: fault.level, slot });
    }
  }
}

const NO_POOLS: readonly Pool[] = Object.freeze([]);

/** The era's shared look-ups, each computed on first use. */
function createEnv(
  population: Population,
  view: EraState,
  own: { balance: () => Units; pools: (delegator: string) => readonly number[] | undefined },
): AgentEnv {
  let ranking: Pool[] | null = null;
  let offers: ClusterOffer[] | null = null;
  let started: Float64Array | null = null;
  let latestStop: number | null = null;
  let online: number | null = null;
  const env: AgentEnv = {
    minStake: population.minStake,
    price: (era) => population.prices[Math.min(Math.max(era, 0), population.prices.length - 1)] as number,
    rewardEstimate(C, P, b) {
      // Counted on first use: only profit-minded strategies ask, and it is a pass over every miner.
      online ??= view.miners.reduce((n, m) => n + (isOnline(m) ? 1 : 0), 0);
      return population.rewardEstimate(C, P, b, view.era, online);
    },
    bracketCount: () => population.bracketCount,
    groupMiners: (group) => population.minersByGroup.get(group) ?? [],
    clusterOffers() {
      if (!offers) {
        const sums = sumByCluster(view, view.clusters.length);
        offers = view.clusters.map((c, i) => ({
          index: c.index,
          power: sums.power[i] as number,
          quality: sums.quality[i] as number,
        }));
      }
      return offers;
    },
    minerAgent: (id) => population.minerIndex.get(id),
    poolValue: (pool) => poolValue(view, pool),
    workersStarted(pool) {
      if (!started) started = startedByPool(view);
      return started[pool.index] ?? 0;
    },
    ownBalance: own.balance,
    poolsOf(delegator) {
      // Most delegators asked are in no pool yet (a million at L's first delegations): one shared
      // empty answer for them, not two new arrays each.
      const indices = own.pools(delegator);
      return indices === undefined || indices.length === 0 ? NO_POOLS : indices.map((i) => view.pools[i] as Pool);
    },
    recentForcedStops(era) {
      latestStop ??= latestForcedStop(view.pools);
      return latestStop >= era;
    },
    poolsByReturn() {
      ranking ??= view.pools.slice().sort((a, b) => b.returnEma - a.returnEma || a.index - b.index);
      return ranking;
    },
  };
  return env;
}
