import { allocateBudgets } from './budgets.js';
import { releaseUnbonded } from './cluster-intents.js';
import { AccountBook, AccountTable } from './account-table.js';
import { matchingEfficiency, matchingUpperBound } from './efficiency.js';
import type { MechanismEvent } from './events.js';
import { applyIntent, orderIntents, type Intent, type IntentRules } from './intents.js';
import { credit, type SlashSink } from './ledger.js';
import { GENERAL, matchClusters, orderClustersByStake, type Matching, type MatchingRule } from './matching.js';
import { closeEra, openEra, type OpenEra } from './open-era.js';
import { excludeIfExhausted, payIntermediate, settleFinalPayout } from './payouts.js';
import {
  forceStopIfOverdue,
  payPoolReward,
  returnStakeToPool,
  serveQueue,
  stakedByPool,
  updateReturnAverage,
} from './pools.js';
import { assignBrackets, scorePopularity } from './popularity.js';
import { freshList, refreshList, type PreferencePolicy } from './preference-lists.js';
import type { EraReport } from './report.js';
import type { RewardModel } from './rewards.js';
import type { Rng } from './rng.js';
import { slashMiner, type Fault } from './slashing.js';
import { isOnline, type AccountId, type EraState, type Miner, type Pool } from './types.js';
import type { Units } from './units.js';

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
}

/** What the era starts from (SPEC §3.1): scripted events, then the agents' intents and faults. */
export interface EraInputs {
  /** Applied first, in the order given; each outcome becomes an event. */
  readonly script?: readonly Intent[];
  readonly intents: readonly Intent[];
  readonly faults: readonly Fault[];
}

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
  const sums = new Map<AccountId, Units>();
  for (const [account, amount] of init.balances) sums.set(account, (sums.get(account) ?? 0) + amount);
  let supply = init.subsidyPool + init.treasury;
  for (const b of sums.values()) supply += b;
  const balances = AccountBook.from(sums);
  return {
    era: 0,
    initialSupply: supply,
    miners: [],
    minerSlots: new Map(),
    clusters: [],
    clusterIndex: new Map(),
    pools: [],
    poolIndex: new Map(),
    workerPool: new Map(),
    memberships: AccountTable.empty<AccountId, readonly number[]>(),
    ledger: { balances, subsidyPool: init.subsidyPool, treasury: init.treasury, burned: 0 },
  };
}

/**
 * One era, in the order SPEC §3 fixes. Pure: `prev` is not changed; the step works on its own
 * copy and returns the next state, the events it produced and the era's figures.
 */
export function stepEra(prev: EraState, inputs: EraInputs, ctx: EraContext): EraResult {
  const mark = ctx.mark ?? (() => {});
  const s = openEra(prev);
  applyIntents(s, inputs.script ?? [], true, ctx.params); // step 1: scripted events first
  applyIntents(s, orderIntents(inputs.intents), false, ctx.params); // then the agents, in kind order
  mark('intents');
  const online = s.miners.filter(isOnline).map((m) => m.slot);
  refreshLists(s, online, ctx); // step 4 runs before matching, which reads the lists
  mark('lists');
  const matching = allocateAndMatch(s, online, ctx); // steps 2-3
  mark('matching');
  rankPopularity(s, online, ctx.params.brackets); // step 5
  mark('popularity');
  const credits = accrueRewards(s, online, ctx.rewards, ctx.params.brackets); // step 6
  mark('rewards');
  applyFaults(s, inputs.faults, ctx.params); // step 7
  settlePayouts(s, online, ctx.params); // step 8
  mark('payouts');
  settlePools(s, ctx.params); // step 9
  releaseUnbonded(s); // clusters: unbonded stake back to its stakers (paper §2.1)
  mark('pools');
  const report: EraReport = { era: s.era, online, matching, tally: s.tally, poolFlows: s.poolFlows, credits };
  return { state: closeEra(s), events: s.events, report };
}

function applyIntents(s: OpenEra, intents: readonly Intent[], scripted: boolean, params: MechanismParams): void {
  for (const intent of intents) {
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

/** SPEC §3.4: departed miners leave every list; joined ones are placed by each cluster's policy. */
function refreshLists(s: OpenEra, online: readonly number[], ctx: EraContext): void {
  const flags = new Uint8Array(s.miners.length);
  let count = 0;
  const joined: number[] = [];
  for (const m of s.miners) {
    const nowOnline = isOnline(m);
    if (m.onLists && !nowOnline) {
      flags[m.slot] = 1;
      count += 1;
    }
    if (!m.onLists && nowOnline) joined.push(m.slot);
    m.onLists = nowOnline;
  }
  const departed = { flags, count };
  const view = { era: s.era, miners: s.miners, allocate: ctx.allocateList ?? freshList };
  for (const cluster of s.clusters) {
    const policy = ctx.policies.get(cluster.policy);
    if (!policy) throw new Error(`no preference policy named ${cluster.policy}`);
    const rng = ctx.rng('list', cluster.id);
    cluster.list =
      cluster.createdEra === s.era
        ? policy.draw(online, view, rng)
        : refreshList(cluster.list, departed, joined, policy, view, rng);
  }
}

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

function allocateAndMatch(s: OpenEra, online: readonly number[], ctx: EraContext): EraMatching {
  const power = s.miners.map((m) => m.performance);
  let totalPower = 0;
  for (const slot of online) totalPower += power[slot] as number;
  const stakes = s.clusters.map((c) => c.stake);
  const { reservedPower, budgets } = allocateBudgets(stakes, ctx.params.alpha, totalPower);
  const order = orderClustersByStake(stakes, ctx.rng('cluster-order'));
  const lists = s.clusters.map((c) => c.list);
  const result = matchClusters(
    { power, miners: online, budgets, lists, order, rule: ctx.params.rule },
    s.miners.length,
  );
  const churn = measureChurn(s, result, budgets);
  for (const miner of s.miners) {
    // Offline miners keep last era's cluster until here, so that their loss is counted once.
    miner.cluster = isOnline(miner) ? (result.assignment[miner.slot] as number) : GENERAL;
    if (isOnline(miner)) miner.state = miner.cluster === GENERAL ? 'Idle' : 'Active';
  }
  const onlinePower = online.map((slot) => power[slot] as number);
  const upperBound = matchingUpperBound(onlinePower, budgets);
  const efficiency = matchingEfficiency(result.allocated, upperBound);
  const maxPower = onlinePower.reduce((a, b) => Math.max(a, b), 0);
  return { ...result, totalPower, reservedPower, budgets, order, upperBound, efficiency, maxPower, ...churn };
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
  const gained = budgets.map(() => 0);
  const lost = budgets.map(() => 0);
  const lostWithBudget = budgets.map(() => 0);
  for (const miner of s.miners) {
    const before = miner.cluster;
    const now = isOnline(miner) ? (result.assignment[miner.slot] as number) : GENERAL;
    if (before === now) continue;
    if (now !== GENERAL) gained[now]! += 1;
    if (before === GENERAL) continue;
    lost[before]! += 1;
    const stayedOnline = isOnline(miner);
    const wentLower = now === GENERAL || (s.clusters[now]?.stake ?? 0) < (s.clusters[before]?.stake ?? 0);
    if (
      stayedOnline &&
      wentLower &&
      (result.allocated[before] as number) + miner.performance <= (budgets[before] as number)
    ) {
      lostWithBudget[before]! += 1;
    }
  }
  return { gained, lost, lostWithBudget };
}

function rankPopularity(s: OpenEra, online: readonly number[], k: number): void {
  const points = scorePopularity(
    s.clusters.map((c) => c.list),
    online.length,
    s.miners.length,
  );
  const brackets = assignBrackets(online, points, k, s.miners.length);
  for (const slot of online) {
    const miner = s.miners[slot] as Miner;
    miner.points = points[slot] as number;
    miner.bracket = brackets[slot] as number;
  }
}

function accrueRewards(s: OpenEra, online: readonly number[], model: RewardModel, k: number): Units[] {
  const credits = model.accrue({
    era: s.era,
    miners: online,
    performance: s.miners.map((m) => m.performance),
    confidence: s.miners.map((m) => m.confidence),
    brackets: s.miners.map((m) => m.bracket),
    bracketCount: k,
  });
  online.forEach((slot, i) => {
    const units = credits[i] as Units;
    (s.miners[slot] as Miner).accrued += units;
    s.tally.accrued += units;
  });
  return credits;
}

/** Faults of miners that are online; a fault level the scenario does not price slashes nothing. */
function applyFaults(s: OpenEra, faults: readonly Fault[], params: MechanismParams): void {
  for (const fault of faults) {
    const slot = s.minerSlots.get(fault.miner);
    const miner = slot === undefined ? undefined : s.miners[slot];
    const amount = params.slashAmounts.get(fault.level) ?? 0;
    if (!miner || !isOnline(miner) || amount <= 0) continue;
    const outcome = slashMiner(miner, amount, s.ledger, params.slashSink);
    s.events.push({ type: 'MinerSlashed', miner: miner.id, level: fault.level, ...outcome });
    s.tally.slashed += amount;
    s.tally.unpaid += outcome.uncollected;
  }
}

/** Step 8: intermediate payouts, then exclusion, then final payouts of ended cool-downs. */
function settlePayouts(s: OpenEra, online: readonly number[], params: MechanismParams): void {
  for (const [slot, request] of [...s.payoutRequests].sort((a, b) => a[0] - b[0])) {
    const miner = s.miners[slot] as Miner;
    const outcome = payIntermediate(miner, request === 'all' ? Number.MAX_SAFE_INTEGER : request, s.ledger);
    payToPayee(s, miner, 0, outcome.paid);
    s.events.push({ type: 'PayoutPaid', miner: miner.id, ...outcome });
    s.tally.paid += outcome.paid;
    s.tally.unpaid += outcome.unpaid;
  }
  for (const slot of online) {
    const miner = s.miners[slot] as Miner;
    const forfeited = excludeIfExhausted(miner, s.ledger, params.slashSink);
    if (forfeited === null) continue;
    s.events.push({ type: 'MinerExcluded', miner: miner.id, forfeited });
    s.tally.excluded += 1;
  }
  for (const miner of s.miners) {
    if (miner.state !== 'CoolingDown' || s.era < (miner.leftEra as number) + params.cooldownEras) continue;
    const outcome = settleFinalPayout(miner, s.ledger, params.slashSink);
    payToPayee(s, miner, outcome.stakeReturned, outcome.fromPool);
    s.events.push({ type: 'FinalPayoutPaid', miner: miner.id, ...outcome });
    s.tally.paid += outcome.fromPool;
    s.tally.unpaid += outcome.unpaid;
  }
}

/**
 * A solo miner's payouts go to its operator. A pool worker's go to its pool (SPEC §3.9): the stake
 * back as free delegation, the reward split into commission and the delegators' share.
 */
function payToPayee(s: OpenEra, miner: Miner, stake: Units, reward: Units): void {
  if (miner.pool === null) {
    credit(s.ledger, miner.owner, stake + reward);
    return;
  }
  const pool = s.pools[s.poolIndex.get(miner.pool) as number] as Pool;
  if (stake > 0) returnStakeToPool(s, pool, stake);
  payPoolReward(s, pool, reward);
}

/** Step 9 (SPEC §3.9, §4): serve withdrawal queues, force stops past the grace period, update returns. */
function settlePools(s: OpenEra, params: MechanismParams): void {
  for (const pool of s.pools) {
    serveQueue(s, pool);
    forceStopIfOverdue(s, pool, params.graceEras);
  }
  // Serving queues and stopping workers leave every worker's locked stake as it was.
  const staked = stakedByPool(s);
  for (const pool of s.pools) updateReturnAverage(s, pool, params.returnSmoothing, staked[pool.index] as number);
}
