import { credit } from './ledger.js';
import type { MechanismParams } from './era.js';
import type { OpenEra } from './open-era.js';
import { excludeIfExhausted, payIntermediate, settleFinalPayout } from './payouts.js';
import {
  forceStopIfOverdue,
  payPoolReward,
  returnStakeToPool,
  serveQueue,
  stakedByPool,
  updateReturnAverage,
} from './pools.js';
import { stakePlusNetAt, STATE_CODE } from './miner-columns.js';
import { slashMiner, type Fault } from './slashing.js';
import { isOnline, type Miner, type Pool } from './types.js';
import type { Units } from './units.js';

/** Steps 7 to 9 of an era (SPEC §3): slashing, payouts, exclusion, final payouts, and the pools. */

/** Faults of miners that are online; a fault level the scenario does not price slashes nothing. */
export function applyFaults(s: OpenEra, faults: readonly Fault[], params: MechanismParams): void {
  for (const fault of faults) {
    // A slot given is taken if its miner is the one named (a slot is one miner's for the whole run).
    const given = fault.slot === undefined ? undefined : s.miners[fault.slot];
    const slot = given !== undefined && given.id === fault.miner ? fault.slot : s.minerSlots.get(fault.miner);
    const miner = slot === undefined ? undefined : s.miners[slot];
    const amount = params.slashAmounts.get(fault.level) ?? 0;
    if (!miner || !isOnline(miner) || amount <= 0) continue;
    const outcome = slashMiner(miner, amount, s.ledger, params.slashSink);
    s.events.push({
      type: 'MinerSlashed',
      miner: miner.id,
      slot: miner.slot,
      level: fault.level,
      amount: outcome.amount,
      fromPromise: outcome.fromPromise,
      fromStake: outcome.fromStake,
      uncollected: outcome.uncollected,
    });
    s.tally.slashed += amount;
    s.tally.unpaid += outcome.uncollected;
  }
}

/**
 * The era's payout requests, in slot order (SPEC §3.8: each capped at what the miner is owed), and
 * one event with what each asked for, was paid and was left unpaid.
 */
function payRequests(s: OpenEra): void {
  const slots = s.payoutRequests.requestedSlots();
  if (slots.length === 0) return;
  const requested = new Float64Array(slots.length);
  const paid = new Float64Array(slots.length);
  const unpaid = new Float64Array(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    const request = s.payoutRequests.get(slot) as Units | 'all';
    const miner = s.miners[slot] as Miner;
    const outcome = payIntermediate(miner, request === 'all' ? Number.MAX_SAFE_INTEGER : request, s.ledger);
    payToPayee(s, miner, 0, outcome.paid);
    requested[i] = outcome.requested;
    paid[i] = outcome.paid;
    unpaid[i] = outcome.unpaid;
    s.tally.paid += outcome.paid;
    s.tally.unpaid += outcome.unpaid;
  }
  s.events.push({ type: 'PayoutsPaid', slots, requested, paid, unpaid });
}

/** Step 8: intermediate payouts, then exclusion, then final payouts of ended cool-downs. */
export function settlePayouts(s: OpenEra, online: readonly number[], params: MechanismParams): void {
  payRequests(s);
  const columns = s.minerColumns;
  for (let i = 0; i < online.length; i++) {
    const slot = online[i] as number;
    // Read from the columns first: almost every miner is far from exhaustion, and its row stays unfetched.
    if (stakePlusNetAt(columns, slot) > 0) continue;
    const miner = s.miners[slot] as Miner;
    const forfeited = excludeIfExhausted(miner, s.ledger, params.slashSink);
    if (forfeited === null) continue;
    s.events.push({ type: 'MinerExcluded', miner: miner.id, forfeited });
    s.tally.excluded += 1;
  }
  const { state, leftEra } = columns;
  for (let slot = 0; slot < s.miners.length; slot++) {
    if (state[slot] !== STATE_CODE.CoolingDown || s.era < (leftEra[slot] as number) + params.cooldownEras) continue;
    const miner = s.miners[slot] as Miner;
    const outcome = settleFinalPayout(miner, s.ledger, params.slashSink);
    payToPayee(s, miner, outcome.stakeReturned, outcome.fromPool);
    s.events.push({
      type: 'FinalPayoutPaid',
      miner: miner.id,
      slot: miner.slot,
      due: outcome.due,
      stakeReturned: outcome.stakeReturned,
      fromPool: outcome.fromPool,
      unpaid: outcome.unpaid,
    });
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
  // By the column, not the pools' map: a probe by id for each of 20,000 pool workers on their payday.
  const pool = s.pools[s.minerColumns.poolIndex[miner.slot] as number] as Pool;
  if (stake > 0) returnStakeToPool(s, pool, stake);
  payPoolReward(s, pool, reward);
}

/**
 * Step 9 (SPEC §3.9, §4): serve withdrawal queues, force stops past the grace period, update returns.
 * @returns the stake locked in each pool's workers, by pool index, as the era leaves it.
 */
export function settlePools(s: OpenEra, params: MechanismParams): Float64Array {
  for (const pool of s.pools) {
    serveQueue(s, pool);
    forceStopIfOverdue(s, pool, params.graceEras);
  }
  // Serving queues and stopping workers leave every worker's locked stake as it was.
  const staked = stakedByPool(s);
  for (const pool of s.pools) updateReturnAverage(s, pool, params.returnSmoothing, staked[pool.index] as number);
  return staked;
}
