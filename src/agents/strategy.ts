import type * as z from 'zod';
import type { Intent } from '../mechanism/intents.js';
import type { PreferencePolicy } from '../mechanism/preference-lists.js';
import type { Rng } from '../mechanism/rng.js';
import type { Fault } from '../mechanism/slashing.js';
import type { EraState, Miner, Pool } from '../mechanism/types.js';
import type { Units } from '../mechanism/units.js';

/** "Nothing this era": one shared empty answer, as most agents give it most eras (no garbage per call). */
export const NO_INTENTS: readonly Intent[] = Object.freeze([]);
export const NO_FAULTS: readonly Fault[] = Object.freeze([]);

/** The kinds of named, parameterised behaviour a scenario picks from (SPEC §6). */
export type StrategyKind =
  'miner' | 'fault-model' | 'developer' | 'preference-policy' | 'end-user' | 'pool-owner' | 'delegator';

/** What every registered strategy declares: a name, a one-line summary and a typed parameter schema. */
export interface StrategyInfo<Params = unknown> {
  readonly kind: StrategyKind;
  readonly name: string;
  readonly summary: string;
  /** Validates and fills defaults; each field's `.describe()` says its meaning and unit. */
  readonly params: z.ZodType<Params>;
}

/** A miner as the agent layer knows it before and after it joins. */
export interface MinerAgent {
  readonly id: string;
  readonly group: string;
  readonly owner: string;
  readonly performance: number;
  readonly confidence: number;
  readonly stake: Units;
  readonly joinEra: number;
}

export interface MinerStrategy<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'miner';
  /** Pure: (the state after era t−1, the agent, its mechanism record if joined, params, rng, env) -> intents. */
  decide(
    view: EraState,
    self: MinerAgent,
    record: Miner | undefined,
    params: Params,
    rng: Rng,
    env: AgentEnv,
  ): readonly Intent[];
  /**
   * Optional. Asked after `decide` at `era` for a miner online on `record` (whatever it said): the
   * first later era at which it might say something, as long as the miner stays online (Idle or
   * Active), and so on that record (a new record means leaving first, and an offline miner is asked
   * every era); `era + 1` if it cannot tell. Until then the run's fast path does not ask (at 40,000
   * miners, asking each miner each era was most of the miners' time, almost always for nothing).
   * Not asking draws nothing from anyone else's streams: each agent has its own.
   */
  quietUntil?(era: number, self: MinerAgent, record: Miner, params: Params): number;
}

/** Fault levels that each strike with a fixed chance per era, by one draw each in level order. */
export type FaultChances = readonly (readonly [level: number, chance: number])[];

export interface FaultModel<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'fault-model';
  /**
   * Faults an online miner commits this era (SPEC §3.7). `rng` is this era's stream; `lasting(n)`
   * is the miner's n-th stream that every era sees alike (a spell of bad luck).
   */
  faults(era: number, self: MinerAgent, params: Params, rng: Rng, lasting: (n: number) => Rng): readonly Fault[];
  /**
   * Optional, for a model whose `faults` is exactly one draw of `rng` per level in level order, a
   * fault where the draw falls under the level's chance, whatever the era and miner: those chances.
   * The run's fast path then draws them itself, without fetching each miner's agent.
   */
  fixedChances?(params: Params): FaultChances;
}

export interface DeveloperAgent {
  readonly id: string;
  readonly group: string;
  readonly cluster: string;
  readonly stake: Units;
  readonly cap: Units | null;
  readonly createEra: number;
  readonly policy: string;
}

export interface DeveloperStrategy<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'developer';
  decide(view: EraState, self: DeveloperAgent, params: Params, rng: Rng): readonly Intent[];
}

export interface PreferencePolicyStrategy<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'preference-policy';
  /** A policy instance for the given params (policies are called by the mechanism, SPEC §3.4). */
  create(params: Params, context: PolicyContext): PreferencePolicy;
}

/** What a policy may know of the scenario when it is created. */
export interface PolicyContext {
  /** The ids of a miner group's miners (for a policy that favours some miners). */
  minerIdsOf(group: string): readonly string[];
}

/** An end-user who stakes into contract clusters (paper §2, §2.1). */
export interface EndUserAgent {
  readonly id: string;
  readonly group: string;
  readonly joinEra: number;
}

export interface EndUserStrategy<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'end-user';
  decide(view: EraState, self: EndUserAgent, params: Params, rng: Rng, env: AgentEnv): readonly Intent[];
}

/** What a cluster offers its stakers this era: the power matched to it, weighted by confidence. */
export interface ClusterOffer {
  readonly index: number;
  readonly power: number;
  /** Σ C · P over its miners. */
  readonly quality: number;
}

/**
 * What an agent may look up beyond the state: figures computed once per era and shared by every
 * agent that asks (so a market of many delegators costs one ranking per era, not one each).
 */
export interface AgentEnv {
  /** S_min(C, P) in units (SPEC §4). */
  minStake(confidence: number, performance: number): Units;
  /** A miner agent by id (its P and C), known before it joins. */
  minerAgent(id: string): MinerAgent | undefined;
  /** Delegated PHA of a pool: free plus staked (doc 002). */
  poolValue(pool: Pool): Units;
  /** How many of a pool's workers are started and not stopped (Idle, Active or cooling down). */
  workersStarted(pool: Pool): number;
  /**
   * The free balance of the agent now deciding (a delegator's or end-user's own account): the
   * same as a look-up by its id, but by a position kept per agent, for a million agents per era.
   */
  ownBalance(): Units;
  /** Pools the delegator has stake in. */
  poolsOf(delegator: string): readonly Pool[];
  /** Pools by their delegators' recent return, best first; ties by creation order. */
  poolsByReturn(): readonly Pool[];
  /** Whether any pool's workers were forced to stop at or after `era`. */
  recentForcedStops(era: number): boolean;
  /** The PHA price in the currency costs are given in, at an era (the scenario's market). */
  price(era: number): number;
  /** f(C, P) + g(b) in PHA at this era: what a miner of that kind earns per era (paper §4). */
  rewardEstimate(confidence: number, performance: number, bracket: number): number;
  /** k, the number of popularity brackets. */
  bracketCount(): number;
  /** The miner agents of a group, in id order. */
  groupMiners(group: string): readonly MinerAgent[];
  /** What each cluster offers its stakers, by cluster index. */
  clusterOffers(): readonly ClusterOffer[];
}

/** A pool owner (doc 002 "PoolOwner") and the pool it runs. */
export interface PoolOwnerAgent {
  readonly id: string;
  readonly group: string;
  readonly pool: string;
  readonly commission: number;
  readonly cap: Units | null;
  /** Miners it operates, in the order it adds them. */
  readonly workers: readonly string[];
}

export interface PoolOwnerStrategy<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'pool-owner';
  decide(view: EraState, self: PoolOwnerAgent, params: Params, rng: Rng, env: AgentEnv): readonly Intent[];
}

export interface DelegatorAgent {
  readonly id: string;
  readonly group: string;
  readonly joinEra: number;
  /** A share in [0, 1) drawn at genesis: where in a strategy's cycle (a review period) it acts. */
  readonly phase: number;
}

export interface DelegatorStrategy<Params = unknown> extends StrategyInfo<Params> {
  readonly kind: 'delegator';
  decide(view: EraState, self: DelegatorAgent, params: Params, rng: Rng, env: AgentEnv): readonly Intent[];
  /**
   * Optional. Asked after `decide` at `era` (whatever it said): the first later era at which it
   * might say something, as long as its own balance is 0 and no pool is forced to stop; `era + 1`
   * if it cannot tell. Until then the run's fast path does not ask it (at 50,000 delegators, most
   * of them with everything delegated and between reviews, asking each was a fetch of its player
   * and agent for nothing). As for miners (MinerStrategy.quietUntil), not asking draws nothing from
   * anyone else's streams.
   */
  quietUntil?(era: number, self: DelegatorAgent, params: Params): number;
}

export type AnyStrategy =
  | MinerStrategy
  | FaultModel
  | DeveloperStrategy
  | PreferencePolicyStrategy
  | EndUserStrategy
  | PoolOwnerStrategy
  | DelegatorStrategy;

/** A strategy chosen in a scenario, with its validated params. */
export interface StrategyChoice {
  readonly name: string;
  readonly params: unknown;
}
