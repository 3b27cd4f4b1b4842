import { decideEra, PURPOSE, type AgentStreams } from '../agents/decide-era.js';
import { CounterStream, streamBase } from '../mechanism/counter-rng.js';
import type { ListWork } from '../mechanism/list-work.js';
import { MatchMemo } from '../mechanism/match-memo.js';
import { OnlineMemo } from '../mechanism/online-memo.js';
import {
  createGenesis,
  stepEra,
  type EraContext,
  type EraPhase,
  type EraResult,
  type MechanismParams,
} from '../mechanism/era.js';
import { mapPacked } from '../mechanism/packed-arrays.js';
import type { PairMemo } from '../mechanism/pair-memo.js';
import type { EraState } from '../mechanism/types.js';
import { createPaperRewardModel } from '../mechanism/rewards.js';
import { deriveSeed, rngFor, type Rng } from '../mechanism/rng.js';
import { phaToUnits, UNITS_PER_PHA } from '../mechanism/units.js';
import type { Scenario } from '../scenarios/load-scenario.js';
import { formatCount } from '../scenarios/problems.js';
import { MAX_PHA } from '../scenarios/schema.js';
import { checkInvariants } from './check-invariants.js';
import { RunInputError } from './failures.js';
import { castAgents, minStakeOf, perScenario, settleAccountPositions, type Cast } from './population.js';
import { ListPool } from './list-pool.js';
import { canBegin, guessMoves, planInsertions } from './list-speculation.js';
import type { RunId } from './era-metrics.js';

/** The seed of one run, derived by labels from the root seed (SPEC §7). */
export function runSeed(rootSeed: number, point: number, run: number): number {
  return deriveSeed('phala-sim', rootSeed, 'point', point, 'run', run);
}

/** SPEC §1: periods in days become whole eras, rounded up. */
export function daysToEras(days: number, eraDays: number): number {
  return Math.ceil(days / eraDays);
}

export function mechanismParams(scenario: Scenario): MechanismParams {
  const net = scenario.network;
  const window = Math.max(1, daysToEras(net.pool_return_window_days, scenario.era_days));
  return {
    alpha: net.alpha,
    brackets: net.brackets,
    rule: net.matching as MechanismParams['rule'],
    cooldownEras: daysToEras(net.cooldown_days, scenario.era_days),
    graceEras: daysToEras(net.grace_period_days, scenario.era_days),
    unbondingEras: daysToEras(net.unbonding_days, scenario.era_days),
    // An exponential moving average over about `window` eras.
    returnSmoothing: 2 / (window + 1),
    minStake: minStakeOf(scenario),
    slashAmounts: new Map(Object.entries(net.slashing).map(([level, pha]) => [Number(level), phaToUnits(pha)])),
    slashSink: net.slash_to,
  };
}

/**
 * The run's agents and its genesis state. The genesis balances' entries (a pair per account, a
 * million at L) are left here, not kept for the whole run by the caller's frame: the collector
 * would mark them at every full collection.
 */
function castAndOpen(scenario: Scenario, seed: number): Omit<Cast, 'balances'> & { genesis: EraState } {
  const { population, policies, balances } = castAgents(scenario, seed);
  const genesis = createGenesis({
    balances,
    subsidyPool: phaToUnits(scenario.network.subsidy_pool),
    treasury: phaToUnits(scenario.network.treasury),
  });
  // Drawn balances can add up past what units count exactly (schema.ts MAX_PHA); every amount of
  // the run is a part of this supply, so checking it checks them all.
  if (genesis.initialSupply > Number.MAX_SAFE_INTEGER)
    throw new RunInputError(
      `the run's supply, about ${formatCount(Math.round(genesis.initialSupply / UNITS_PER_PHA))} PHA with its drawn balances, is more than the ${formatCount(MAX_PHA)} PHA counted exactly to the unit: lower the balances, stakes or subsidy pool`,
    );
  settleAccountPositions(population.delegators, genesis.ledger.balances.index);
  settleAccountPositions(population.endUsers, genesis.ledger.balances.index);
  return { population, policies, genesis };
}

/** A static f's values by (C, P), kept per scenario for all its runs (createPaperRewardModel). */
const fByScenario = perScenario(() => new Map<number, PairMemo>());

/**
 * Runs one run of a scenario from genesis through its last era, handing each era's result to
 * `onEra`. Deterministic: the same scenario, point and run give the same results. A result is
 * valid during its callback only: the loop keeps no older state, so the next era changes this
 * state in place and reuses the arrays of the preference lists it replaced (runner/list-pool.ts);
 * keep what you need of it, not the state.
 */
export function simulateRun(
  scenario: Scenario,
  options: {
    point: number;
    run: number;
    check: boolean;
    mark?: (phase: EraPhase | 'agents') => void;
    /**
     * Take the fast paths (the default): the era changes the state it is handed instead of a copy,
     * replaced preference lists are reused, popularity is kept while no list changes, a matching
     * is taken again while its inputs stay the same, agents' streams are one object per purpose,
     * rekeyed, and the agents' intents are applied in the order they were asked in when that is
     * SPEC §3.1's. Off, every era copies, every list is a fresh array, popularity is recounted, the
     * matching redone, every stream is a new object and the intents are ordered: the plain path,
     * which a test proves gives the same bytes.
     */
    fastPaths?: boolean;
    /**
     * A helper for the list work of a run of `clusters` lists of up to `miners` entries, or none
     * (runner/list-helper.ts): asked once, on the fast path; its lists and points are the ones the
     * run's thread alone gives.
     */
    listHelper?: (clusters: number, miners: number) => ListWork | undefined;
  },
  onEra: (id: RunId, result: EraResult) => void,
): void {
  const seed = runSeed(scenario.seed, options.point, options.run);
  const id: RunId = { point: options.point, run: options.run, seed };
  const { population, policies, genesis } = castAndOpen(scenario, seed);
  const params = mechanismParams(scenario);
  const rewards = createPaperRewardModel(
    scenario.formulas.f,
    scenario.formulas.g,
    scenario.network.constants,
    fByScenario(scenario),
  );
  let state = genesis;
  const fast = options.fastPaths !== false;
  const clusterCount = scenario.clusters.reduce((n, group) => n + group.count, 0);
  const listWork = fast ? options.listHelper?.(clusterCount, population.miners.length) : undefined;
  const early = listWork !== undefined && canBegin(listWork) ? listWork : undefined;
  // A helper writes the lists too: their arrays in shared memory, or in its own (ListHelper.listPool).
  const lists = early
    ? early.listPool(population.miners.length, clusterCount)
    : new ListPool(population.miners.length, clusterCount, listWork !== undefined);
  const matchMemo = new MatchMemo();
  const onlineMemo = new OnlineMemo();
  const streams = new RunStreams(fast);
  for (let era = 0; era < scenario.eras; era++) {
    const stream = (...labels: string[]) => rngFor(seed, 'era', era, ...labels);
    const mechanismRng = (...labels: string[]) => stream('mechanism', ...labels);
    streams.currentEra = era;
    // A helper that can begin the era's insertions does so as soon as the miners' and pool owners'
    // intents are known, while the other agents decide and the era applies the intents
    // (runner/list-speculation.ts).
    const begin =
      early === undefined
        ? undefined
        : (moving: Parameters<typeof guessMoves>[1]) => {
            const moves = guessMoves(state, moving);
            // As the era names a list's stream (refreshLists in mechanism/era.ts).
            const streamName = (cluster: string) => mechanismRng('list', cluster).streamName as string;
            const arrays = { allocate: lists.take, release: (list: Int32Array) => lists.give(list) };
            const plan = moves && planInsertions(state, policies, moves, streamName, arrays);
            if (plan) early.begin(plan);
          };
    const decided = decideEra(population, state, streams, fast, begin);
    // The plain path orders the intents itself, whatever decideEra knows of their order.
    const inputs = fast ? decided : { ...decided, inKindOrder: false };
    options.mark?.('agents');
    const ctx: EraContext = {
      params,
      rewards,
      policies,
      rng: mechanismRng,
      ...(fast ? { allocateList: lists.take, handOver: true, keepUnchanged: true, matchMemo, onlineMemo } : {}),
      ...(listWork ? { listWork } : {}),
      ...(options.mark ? { mark: options.mark } : {}),
    };
    const listsBefore = mapPacked(state.clusters, (c) => c.list);
    let result: EraResult;
    try {
      result = stepEra(state, inputs, ctx);
    } finally {
      early?.endEra(); // a plan the era did not take: its arrays back once the helper lets go of them
    }
    if (options.check) checkInvariants(result, params.rule);
    onEra(id, result);
    // This loop keeps no state but the newest: the lists this era replaced can serve later eras.
    listsBefore.forEach((list, i) => {
      if (result.state.clusters[i]?.list !== list) lists.give(list);
    });
    state = result.state;
  }
}

/**
 * The agents' streams of a run (AgentStreams), opened for the era in `currentEra`. Methods of a class, not
 * functions made for each run or era: new functions were new call targets for the agents' loops,
 * whose optimized code V8 then threw away (each era, and then in each run of a thread).
 */
class RunStreams implements AgentStreams {
  currentEra = 0;
  // On the fast path, one stream object per purpose, rekeyed for each agent in turn (decideEra is
  // done with an agent's stream before it opens the next agent's).
  private readonly reused: CounterStream[] | null;

  constructor(fast: boolean) {
    this.reused = fast
      ? Array.from({ length: Math.max(...Object.values(PURPOSE)) + 1 }, () => new CounterStream(0, 0))
      : null;
  }

  era(purpose: number, key: number): Rng {
    const k3 = this.currentEra * 16 + purpose;
    return this.reused ? (this.reused[purpose] as CounterStream).rekey(key, k3) : new CounterStream(key, k3);
  }

  eraBase(purpose: number, key: number): number {
    return streamBase(key, this.currentEra * 16 + purpose);
  }

  lasting(key: number, n: number): Rng {
    return new CounterStream(key, n * 16 + PURPOSE.lasting);
  }
}
