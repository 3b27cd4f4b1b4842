import { AccountBook } from './account-table.js';
import { releaseUnbonded } from './cluster-intents.js';
import { allocateAndMatch, type EraMatching } from './era-matching.js';
import { applyFaults, settlePayouts, settlePools } from './era-settlement.js';
import type { MechanismEvent } from './events.js';
import { applyIntent, orderIntents, type Intent, type IntentRules } from './intents.js';
import type { SlashSink } from './ledger.js';
import type { MatchMemo } from './match-memo.js';
import type { OnlineMemo } from './online-memo.js';
import type { MatchingRule } from './matching.js';
import { closeEra, openEra, type OpenEra } from './open-era.js';
import { isOnlineAt, MinerColumns, onlineFlags } from './miner-columns.js';
import { IN_THIS_THREAD, type InsertionJob, type ListWork } from './list-work.js';
import { assignBrackets } from './popularity.js';
import { freshList, listMoves, refreshList, type Departed, type PreferencePolicy } from './preference-lists.js';
import type { EraReport } from './report.js';
import type { RewardModel } from './rewards.js';
import type { Rng } from './rng.js';
import type { Fault } from './slashing.js';
import type { AccountId, Cluster, EraState } from './types.js';
import type { Units } from './units.js';
import { mapPacked } from './packed-arrays.js';

export interface MechanismParams extends IntentRules {
  /** α: share of power reserved for the general cluster (paper §2.1). */
  readonly alpha: number;
  /** k: number of popularity brackets (paper §4). */
  readonly brackets: number;
  readonly rule: MatchingRule;
  /** Eras between leaving and the final payout (SPEC §1: ceil(cooldown_days / era_days)). */
  readonly cooldownEras: number;
  /** Eras a withdrawal may wait before the pool's workers are forced to stop (SPEC §4: 7 days). */
  readonly graceEras: number;
  /** Weight of the latest era in a pool's moving average of returns. */
  readonly returnSmoothing: number;
  /** s_it per fault severity level, in units (SPEC §3.7). */
  readonly slashAmounts: ReadonlyMap<number, Units>;
  readonly slashSink: SlashSink;
}

/** The steps of an era, as a benchmark times them (SPEC §3). */
export type EraPhase = 'intents' | 'lists' | 'matching' | 'popularity' | 'rewards' | 'payouts' | 'pools';

export interface EraContext {
  readonly params: MechanismParams;
  readonly rewards: RewardModel;
  readonly policies: ReadonlyMap<string, PreferencePolicy>;
  /** This era's random streams, by label (SPEC §7). */
  readonly rng: (...labels: string[]) => Rng;
  /** Called as each step ends; a benchmark passes a clock here (the mechanism reads none). */
  readonly mark?: (phase: EraPhase) => void;
  /**
   * Where new preference lists get their arrays; fresh ones by default. A caller that keeps no
   * state older than `prev` may hand back the lists earlier steps replaced (runner/list-pool.ts),
   * sparing a large run hundreds of megabytes of new arrays, and their collection, every era.
   */
  readonly allocateList?: (length: number) => Int32Array;
  /**
   * The caller hands `prev` over and will never read it again, so the era may change it in place
   * instead of copying every miner, map and balance first (runner/simulate-run.ts keeps only the
   * newest state). The results are the same either way; a test compares the two paths.
   */
  readonly handOver?: boolean;
  /**
   * Keep last era's popularity points and brackets when no list changed (no miner came or went,
   * no cluster was created) instead of recounting them: they depend on the lists alone, so they
   * are the same numbers. Off, every era recounts (the plain path a test compares with).
   */
  readonly keepUnchanged?: boolean;
  /**
   * Last era's matching, which this era takes again if it is made from the same inputs (they
   * decide it alone: mechanism/match-memo.ts). One per run, given by a caller that runs its eras
   * in order; without it every era matches anew (the plain path a test compares with).
   */
  readonly matchMemo?: MatchMemo;
  /**
   * Last era's online miners, taken again while no miner came or went (mechanism/online-memo.ts).
   * For a caller that hands each era's state over to the next; without it every era reads the
   * state column of every miner (the plain path a test compares with).
   */
  readonly onlineMemo?: OnlineMemo;
  /**
   * Who inserts at random into the lists whose policy does only that, and scores the lists
   * (mechanism/list-work.ts): this thread by default, or this thread and a helper
   * (runner/list-helper.ts), which gives the same lists and points.
   */
  readonly listWork?: ListWork;
}

/** What the era starts from (SPEC §3.1): scripted events, then the agents' intents and faults. */
export interface EraInputs {
  /** Applied first, in the order given; each outcome becomes an event. */
  readonly script?: readonly Intent[];
  readonly intents: readonly Intent[];
  /**
   * The intents are in SPEC §3.1's order already, as the caller knows: stepEra then applies them
   * as given instead of checking. The run loop's agents are asked in that order (agents/decide-era.ts
   * sets this when each agent's intents were its own, of its kind); checking cost M about 1 ms an
   * era of string comparisons.
   */
  readonly inKindOrder?: boolean;
  readonly faults: readonly Fault[];
}

export type { EraMatching };

export interface EraResult {
  readonly state: EraState;
  readonly events: readonly MechanismEvent[];
  readonly report: EraReport;
}

/** The state at the start of a run: balances only, nothing staked yet. */
export function createGenesis(init: {
  balances: Iterable<readonly [AccountId, Units]>;
  subsidyPool: Units;
  treasury: Units;
}): EraState {
  // An account listed twice (an operator that is also a declared account) holds the sum.
  const balances = AccountBook.from(init.balances);
  return {
    era: 0,
    initialSupply: init.subsidyPool + init.treasury + balances.total,
    miners: [],
    minerColumns: new MinerColumns(),
    minerSlots: new Map(),
    clusters: [],
    clusterIndex: new Map(),
    pools: [],
    poolIndex: new Map(),
    workerPool: new Map(),
    memberships: balances.emptyTable<readonly number[]>(),
    ledger: { balances, subsidyPool: init.subsidyPool, treasury: init.treasury, burned: 0 },
  };
}

/**
 * One era, in the order SPEC §3 fixes. Pure unless `ctx.handOver`: `prev` is not changed; the
 * step works on its own copy and returns the next state, the events it produced and the era's
 * figures.
 */
export function stepEra(prev: EraState, inputs: EraInputs, ctx: EraContext): EraResult {
  const mark = ctx.mark ?? (() => {});
  const s = openEra(prev, ctx.handOver === true);
  applyIntents(s, inputs.script ?? [], true, ctx.params); // step 1: scripted events first
  const intents = inputs.inKindOrder === true ? inputs.intents : orderIntents(inputs.intents);
  applyIntents(s, intents, false, ctx.params); // then the agents, in kind order
  mark('intents');
  const known = ctx.onlineMemo?.unchanged(s.minerColumns, s.miners.length) ?? null;
  const online = known ?? onlineSlots(s.minerColumns, s.miners.length);
  // Step 4 runs before matching, which reads the lists. With last era's online miners, no one moved.
  const listsChanged = refreshLists(s, online, ctx, known !== null);
  ctx.onlineMemo?.remember(s.minerColumns, s.miners.length, online);
  mark('lists');
  const matching = allocateAndMatch(s, online, ctx); // steps 2-3
  mark('matching');
  if (listsChanged || ctx.keepUnchanged !== true) rankPopularity(s, online, ctx); // step 5
  mark('popularity');
  const credits = accrueRewards(s, online, ctx.rewards, ctx.params.brackets); // step 6
  mark('rewards');
  applyFaults(s, inputs.faults, ctx.params); // step 7
  settlePayouts(s, online, ctx.params); // step 8
  mark('payouts');
  const poolStaked = settlePools(s, ctx.params); // step 9
  releaseUnbonded(s); // clusters: unbonded stake back to its stakers (paper §2.1)
  mark('pools');
  const report: EraReport = {
    era: s.era,
    online,
    matching,
    tally: s.tally,
    poolFlows: s.poolFlows,
    poolStaked,
    credits,
  };
  return { state: closeEra(s), events: s.events, report };
}

/** Slots of the miners in Idle or Active, ascending. */
function onlineSlots(columns: MinerColumns, count: number): number[] {
  // Counted first, then written into an array of that length: pushing 40,000 slots grew the array
  // a dozen times over, a megabyte of garbage an era at M.
  let online = 0;
  for (let slot = 0; slot < count; slot++) if (isOnlineAt(columns, slot)) online += 1;
  const slots = new Array<number>(online);
  for (let slot = 0, i = 0; slot < count; slot++) if (isOnlineAt(columns, slot)) slots[i++] = slot;
  return slots;
}

function applyIntents(s: OpenEra, intents: readonly Intent[], scripted: boolean, params: MechanismParams): void {
  // Indexed: a for-of loop made an iterator result per intent while this ran unoptimized.
  for (let i = 0; i < intents.length; i++) {
    const intent = intents[i]!;
    const refusal = applyIntent(s, intent, params);
    if (refusal !== null) {
      s.events.push({ type: 'IntentRefused', intent, reason: refusal, scripted });
      s.tally.refused += 1;
      continue;
    }
    if (scripted) s.events.push({ type: 'IntentApplied', intent, scripted });
    if (intent.type === 'JoinMining' || intent.type === 'StartWorker') s.tally.joined += 1;
    else if (intent.type === 'LeaveMining' || intent.type === 'StopWorker') s.tally.left += 1;
  }
}

/**
 * SPEC §3.4: departed miners leave every list; joined ones are placed by each cluster's policy.
 * @returns whether any list changed.
 */
function refreshLists(s: OpenEra, online: readonly number[], ctx: EraContext, noMoves: boolean): boolean {
  // The pass over every miner is a function of its own (see allocateAndMatch: a long loop here
  // was compiled with the rest of this function before it had run, and thrown away era after era).
  const { departed, joined } = noMoves ? NO_MOVES : movesOntoLists(s.minerColumns, s.miners.length);
  const count = departed.count;
  const view = { era: s.era, miners: s.miners, allocate: ctx.allocateList ?? freshList };
  const anyoneMoved = count > 0 || joined.length > 0;
  let changed = anyoneMoved;
  // Lists updated by random insertion alone are done together, after the others (each list's
  // result depends on nothing but its own inputs, so the order is free).
  const inserted: Cluster[] = [];
  const jobs: InsertionJob[] = [];
  for (const cluster of s.clusters) {
    const created = cluster.createdEra === s.era;
    // A list nobody joined or left stays as it is, and draws nothing: its stream is left unopened.
    if (!created && !anyoneMoved) continue;
    changed = true;
    const policy = ctx.policies.get(cluster.policy);
    if (!policy) throw new Error(`no preference policy named ${cluster.policy}`);
    const rng = ctx.rng('list', cluster.id);
    if (created) cluster.list = policy.draw(online, view, rng);
    else if (policy.updatesByRandomInsertion === true) {
      inserted.push(cluster);
      jobs.push({ list: cluster.list, rng });
    } else cluster.list = refreshList(cluster.list, departed, joined, policy, view, rng);
  }
  if (jobs.length > 0) {
    const lists = (ctx.listWork ?? IN_THIS_THREAD).insertAll(jobs, departed, joined, view.allocate);
    for (let i = 0; i < inserted.length; i++) (inserted[i] as Cluster).list = lists[i] as Int32Array;
  }
  return changed;
}

const NO_MOVES: { departed: Departed; joined: number[] } = Object.freeze({
  departed: Object.freeze({ flags: new Uint8Array(0), count: 0 }),
  joined: [],
});

/**
 * Who left the lists (flagged by slot) and who joined them (slots ascending) since last era, from
 * each miner's state and whether it was on the lists; marks them as on the lists or not now.
 */
function movesOntoLists(columns: MinerColumns, count: number): { departed: Departed; joined: number[] } {
  const online = onlineFlags(columns, count);
  const moves = listMoves(columns.onLists, online, count);
  columns.onLists.set(online); // on the lists now: those online
  return moves;
}

function rankPopularity(s: OpenEra, online: readonly number[], ctx: EraContext): void {
  const k = ctx.params.brackets;
  const points = (ctx.listWork ?? IN_THIS_THREAD).score(
    mapPacked(s.clusters, (c) => c.list),
    online.length,
    s.miners.length,
  );
  const brackets = assignBrackets(online, points, k, s.miners.length);
  const columns = s.minerColumns;
  for (let i = 0; i < online.length; i++) {
    const slot = online[i] as number;
    columns.points[slot] = points[slot] as number;
    columns.bracket[slot] = brackets[slot] as number;
  }
}

function accrueRewards(s: OpenEra, online: readonly number[], model: RewardModel, k: number): Float64Array {
  const credits = model.accrue({
    era: s.era,
    miners: online,
    traits: s.minerColumns,
    bracketCount: k,
  });
  const accrued = s.minerColumns.accrued;
  for (let i = 0; i < online.length; i++) {
    const units = credits[i] as Units;
    accrued[online[i] as number]! += units;
    s.tally.accrued += units;
  }
  return credits;
}
