import { balanceOf, debit } from './ledger.js';
import { GENERAL } from './matching.js';
import type { IntentOf, IntentRules } from './intents.js';
import { slotOf, type OpenEra } from './open-era.js';
import { findPoolOf } from './pool-intents.js';
import { isOnline, type AccountId, type Miner } from './types.js';
import { formatPha, type Units } from './units.js';

/** A solo miner becomes active with V = 0 (paper §4, "Remuneration") after putting down S ≥ S_min (SPEC §4). */
export function joinMining(s: OpenEra, intent: IntentOf<'JoinMining'>, rules: IntentRules): string | null {
  const pool = s.workerPool.get(intent.actor);
  if (pool !== undefined) return `miner ${intent.actor} is a worker of pool ${pool}: its pool starts it`;
  const busy = busyReason(s, intent.actor);
  if (busy) return busy;
  const minimum = rules.minStake(intent.confidence, intent.performance);
  if (intent.stake < minimum) return `stake ${formatPha(intent.stake)} PHA below the minimum ${formatPha(minimum)} PHA`;
  if (balanceOf(s.ledger, intent.owner) < intent.stake) return 'balance below the stake';
  debit(s.ledger, intent.owner, intent.stake);
  beginMining(s, intent.actor, intent.owner, null, intent);
  return null;
}

/**
 * The pool owner stakes pool PHA for one of its workers (doc 002 Figures 3-5): at least S_min
 * (SPEC §4), and no more than the free delegation. A worker's stake is set only here: changing it
 * means stopping the worker first (doc 002 "Commission").
 */
export function startWorker(s: OpenEra, intent: IntentOf<'StartWorker'>, rules: IntentRules): string | null {
  const pool = findPoolOf(s, intent.pool, intent.actor);
  if (typeof pool === 'string') return pool;
  if (s.workerPool.get(intent.miner) !== pool.id) return `miner ${intent.miner} is not a worker of pool ${pool.id}`;
  const busy = busyReason(s, intent.miner);
  if (busy) return busy;
  const minimum = rules.minStake(intent.confidence, intent.performance);
  if (intent.stake < minimum) return `stake ${formatPha(intent.stake)} PHA below the minimum ${formatPha(minimum)} PHA`;
  if (pool.free < intent.stake)
    return `free delegation ${formatPha(pool.free)} PHA below the stake ${formatPha(intent.stake)} PHA`;
  pool.free -= intent.stake;
  beginMining(s, intent.miner, pool.owner, pool.id, intent);
  return null;
}

/** Leaving starts the cool-down; W is paid when it ends (paper §4, doc 002 "Exit Staking"). */
export function leaveMining(s: OpenEra, intent: IntentOf<'LeaveMining'>): string | null {
  const miner = onlineMiner(s, intent.actor);
  if (typeof miner === 'string') return miner;
  if (miner.pool !== null) return `miner ${miner.id} is a worker of pool ${miner.pool}: its pool stops it`;
  startCoolDown(s, miner);
  return null;
}

export function stopWorker(s: OpenEra, intent: IntentOf<'StopWorker'>): string | null {
  const pool = findPoolOf(s, intent.pool, intent.actor);
  if (typeof pool === 'string') return pool;
  const miner = onlineMiner(s, intent.miner);
  if (typeof miner === 'string') return miner;
  if (miner.pool !== pool.id) return `miner ${miner.id} is not mining for pool ${pool.id}`;
  startCoolDown(s, miner);
  return null;
}

export function requestPayout(s: OpenEra, intent: IntentOf<'RequestPayout'>): string | null {
  const miner = onlineMiner(s, intent.actor);
  if (typeof miner === 'string') return miner;
  s.payoutRequests.add(miner.slot, intent.amount); // a miner's requests in one era add up
  return null;
}

function startCoolDown(s: OpenEra, miner: Miner): void {
  miner.state = 'CoolingDown';
  miner.leftEra = s.era;
}

/** A miner that is mining or cooling down cannot start again; a stopped one can (V starts at 0). */
function busyReason(s: OpenEra, id: string): string | null {
  const slot = slotOf(s, id);
  const miner = slot === undefined ? undefined : s.miners[slot];
  if (miner && miner.state !== 'Stopped') return `miner ${id} is ${miner.state}`;
  return null;
}

/** A fresh value-promise ledger, in the miner's old slot if it mined before (slots are never reused by others). */
function beginMining(
  s: OpenEra,
  id: string,
  owner: AccountId,
  pool: string | null,
  spec: { performance: number; confidence: number; stake: Units },
): void {
  const existing = slotOf(s, id);
  const slot = existing ?? s.miners.length;
  s.miners[slot] = s.minerColumns.write(
    slot,
    {
      id,
      owner,
      performance: spec.performance,
      confidence: spec.confidence,
      stake: spec.stake,
      stakeLocked: spec.stake,
      accrued: 0,
      slashed: 0,
      paid: 0,
      state: 'Idle',
      cluster: GENERAL,
      points: 0,
      bracket: 0,
      joinedEra: s.era,
      leftEra: null,
      onLists: false,
      pool,
    },
    pool === null ? -1 : (s.poolIndex.get(pool) as number),
  );
  s.minerSlots.set(id, slot);
}

function onlineMiner(s: OpenEra, id: string): Miner | string {
  const slot = slotOf(s, id);
  const miner = slot === undefined ? undefined : s.miners[slot];
  if (!miner) return `miner ${id} has not joined`;
  if (!isOnline(miner)) return `miner ${id} is ${miner.state}`;
  return miner;
}
