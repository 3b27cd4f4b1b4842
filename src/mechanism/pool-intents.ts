import { drawFromSubsidyPool } from './ledger.js';
import type { IntentOf } from './intents.js';
import type { OpenEra } from './open-era.js';
import { MemberTable } from './member-table.js';
import { delegate, payPoolReward, withdraw } from './pools.js';
import type { AccountId, Pool } from './types.js';

/** Anyone may create a pool (doc 002 "Introduction"); the creator is its owner. */
export function createPool(s: OpenEra, intent: IntentOf<'CreatePool'>): string | null {
  if (s.poolIndex.has(intent.pool)) return `pool ${intent.pool} exists`;
  if (!(intent.commission >= 0 && intent.commission <= 1)) return 'commission outside [0, 1]';
  const index = s.pools.length;
  s.pools.push({
    id: intent.pool,
    index,
    owner: intent.actor,
    commission: intent.commission,
    cap: intent.cap,
    free: 0,
    shares: 0n,
    members: new MemberTable(),
    workers: [],
    queue: [],
    returnEma: 0,
    lastForcedStop: null,
  });
  s.poolIndex.set(intent.pool, index);
  return null;
}

/** A worker belongs to one pool at a time and must not be mining for anyone (doc 002 "Other cases"). */
export function addWorker(s: OpenEra, intent: IntentOf<'AddWorker'>): string | null {
  const pool = findPoolOf(s, intent.pool, intent.actor);
  if (typeof pool === 'string') return pool;
  const bound = s.workerPool.get(intent.miner);
  if (bound !== undefined) return `miner ${intent.miner} is already a worker of pool ${bound}`;
  const slot = s.minerSlots.get(intent.miner);
  const miner = slot === undefined ? undefined : s.miners[slot];
  if (miner && miner.state !== 'Stopped') return `miner ${intent.miner} is ${miner.state}: it must stop first`;
  pool.workers = [...pool.workers, intent.miner];
  s.workerPool.set(intent.miner, pool.id);
  return null;
}

export function delegateTo(s: OpenEra, intent: IntentOf<'Delegate'>): string | null {
  const pool = findPool(s, intent.pool);
  return typeof pool === 'string' ? pool : delegate(s, pool, intent.actor, intent.amount);
}

export function withdrawFrom(s: OpenEra, intent: IntentOf<'Withdraw'>): string | null {
  const pool = findPool(s, intent.pool);
  return typeof pool === 'string' ? pool : withdraw(s, pool, intent.actor, intent.amount);
}

export function setCommission(s: OpenEra, intent: IntentOf<'SetCommission'>): string | null {
  const pool = findPoolOf(s, intent.pool, intent.actor);
  if (typeof pool === 'string') return pool;
  if (!(intent.commission >= 0 && intent.commission <= 1)) return 'commission outside [0, 1]';
  pool.commission = intent.commission;
  return null;
}

/** A cap below what is delegated refuses new delegation; it does not push anyone out. */
export function setCap(s: OpenEra, intent: IntentOf<'SetCap'>): string | null {
  const pool = findPoolOf(s, intent.pool, intent.actor);
  if (typeof pool === 'string') return pool;
  pool.cap = intent.cap;
  return null;
}

/** A reward paid to the pool from the subsidy pool, as the chain does each block (doc 002 Figure 4). */
export function injectReward(s: OpenEra, intent: IntentOf<'InjectReward'>): string | null {
  const pool = findPool(s, intent.pool);
  if (typeof pool === 'string') return pool;
  const { paid, unpaid } = drawFromSubsidyPool(s.ledger, intent.amount);
  s.tally.unpaid += unpaid;
  payPoolReward(s, pool, paid);
  return null;
}

export function findPool(s: OpenEra, id: string): Pool | string {
  const index = s.poolIndex.get(id);
  return index === undefined ? `no pool ${id}` : (s.pools[index] as Pool);
}

/** The pool, if `actor` owns it: only the owner manages a pool (doc 002 "Role Relationships"). */
export function findPoolOf(s: OpenEra, id: string, actor: AccountId): Pool | string {
  const pool = findPool(s, id);
  if (typeof pool === 'string') return pool;
  return pool.owner === actor ? pool : `${actor} does not own pool ${pool.id}`;
}
