import { balanceOf, credit, debit } from './ledger.js';
import { flowsOf, ownMembers, ownQueue, type OpenEra } from './open-era.js';
import { sharesForDeposit, sharesForPayment, valueOfShares } from './shares.js';
import { isOnlineAt, isStoppedAt, type MinerColumns } from './miner-columns.js';
import { isOnline, type AccountId, type Miner, type Pool, type QueuedWithdrawal } from './types.js';
import { floorUnits, formatPha, type Units } from './units.js';

/**
 * The stake locked in each pool's workers, by pool index: what the miner columns keep as stakes
 * change. (A miner mining for a pool is one of its workers: workers are only ever added, and only
 * a worker is started.)
 */
export function stakedByPool(s: PoolsAndMiners): Float64Array {
  return s.minerColumns.stakedInPools(s.pools.length);
}

/** The same, counted afresh from every miner's row: what `--check` compares the kept sums with. */
export function countStakedByPool(s: PoolsAndMiners): Float64Array {
  const { poolIndex, stakeLocked } = s.minerColumns;
  const sums = new Float64Array(s.pools.length);
  if (sums.length === 0) return sums; // no pools (a solo scenario): no pass over the miners
  for (let slot = 0; slot < s.miners.length; slot++) {
    const index = poolIndex[slot] as number;
    if (index >= 0) sums[index]! += stakeLocked[slot] as number;
  }
  return sums;
}

/** Per pool, its workers that are mining (Idle or Active) now. */
export function miningByPool(s: PoolsAndMiners): Float64Array {
  return countPerPool(s, isOnlineAt);
}

/** Per pool, its workers that were started and are not stopped (mining or cooling down). */
export function startedByPool(s: PoolsAndMiners): Float64Array {
  return countPerPool(s, (columns, slot) => !isStoppedAt(columns, slot));
}

interface PoolsAndMiners {
  readonly miners: readonly Miner[];
  readonly minerColumns: MinerColumns;
  readonly pools: readonly Pool[];
}

function countPerPool(s: PoolsAndMiners, counts: (columns: MinerColumns, slot: number) => boolean): Float64Array {
  const columns = s.minerColumns;
  const poolIndex = columns.poolIndex;
  const sums = new Float64Array(s.pools.length);
  if (sums.length === 0) return sums; // no pools (a solo scenario): no pass over the miners
  for (let slot = 0; slot < s.miners.length; slot++) {
    const index = poolIndex[slot] as number;
    if (index >= 0 && counts(columns, slot)) sums[index]! += 1;
  }
  return sums;
}

/** Delegated PHA (doc 002): free delegation plus the stake locked in its workers. */
export function poolValue(s: { readonly minerColumns: MinerColumns }, pool: Pool): Units {
  return pool.free + s.minerColumns.stakedIn(pool.index);
}

/**
 * A reward paid to a pool (doc 002 "Commission"): Owner = R · commission, rounded down; the rest
 * goes to the delegators pro rata through the share price. With no delegator, the owner takes all.
 *
 * Figure 6: R = 10 PHA at 60%: 6 PHA to the owner, 4 PHA to five delegators of 1400 PHA: 0.8 each.
 */
export function payPoolReward(s: OpenEra, pool: Pool, amount: Units): void {
  if (amount <= 0) return;
  const owner = pool.shares === 0n ? amount : floorUnits(amount * pool.commission);
  credit(s.ledger, pool.owner, owner);
  pool.free += amount - owner;
  const flows = flowsOf(s, pool);
  flows.reward += amount;
  flows.owner += owner;
  flows.delegators += amount - owner;
  serveQueue(s, pool);
}

/** Stake coming back from a worker: free again, and the queue is paid first (SPEC §4). */
export function returnStakeToPool(s: OpenEra, pool: Pool, amount: Units): void {
  pool.free += amount;
  serveQueue(s, pool);
}

interface QueuePlan {
  /** Per served request, from the front: shares burned and PHA paid. */
  readonly payments: { delegator: AccountId; burned: bigint; paid: Units; whole: boolean }[];
  readonly paid: Units;
}

/**
 * What serving the queue from `free` would pay, front first (doc 002 Figure 11): pure, so a
 * delegation can check the cap after the queue is served before anything changes.
 */
function planQueue(pool: Pool, totalShares: bigint, value: Units, free: Units): QueuePlan {
  const payments: QueuePlan['payments'] = [];
  let shares = totalShares;
  let v = value;
  let left = free;
  let paid = 0;
  for (const request of pool.queue) {
    if (left <= 0) break;
    const worth = valueOfShares(request.shares, shares, v);
    const whole = worth <= left;
    const pay = whole ? worth : left;
    const burned = whole ? request.shares : minBig(request.shares, sharesForPayment(pay, shares, v));
    payments.push({ delegator: request.delegator, burned, paid: pay, whole });
    shares -= burned;
    v -= pay;
    left -= pay;
    paid += pay;
    if (!whole) break;
  }
  return { payments, paid };
}

export function serveQueue(s: OpenEra, pool: Pool): void {
  if (pool.queue.length === 0 || pool.free <= 0) return;
  const plan = planQueue(pool, pool.shares, poolValue(s, pool), pool.free);
  const queue = ownQueue(s, pool);
  for (const p of plan.payments) {
    payOut(s, pool, p.delegator, p.burned, p.paid);
    const front = queue[0]!;
    if (p.whole) queue.shift();
    else queue[0] = { ...front, shares: front.shares - p.burned };
    s.events.push({
      type: 'WithdrawalPaid',
      pool: pool.id,
      delegator: p.delegator,
      amount: p.paid,
      fromQueue: true,
      account: accountKey(s, p.delegator) as number, // payOut found it, and remembers it
      poolIndex: pool.index,
    });
  }
}

function payOut(s: OpenEra, pool: Pool, delegator: AccountId, burned: bigint, paid: Units): void {
  const members = ownMembers(s, pool);
  const key = accountKey(s, delegator) as number; // a member has an account
  const entry = members.entryOf(key);
  const held = members.sharesAt(entry);
  members.update(entry, held - burned, members.depositedAt(entry), members.withdrawnAt(entry) + paid);
  if (held === burned) noteMembership(s, delegator, pool.index, false);
  pool.shares -= burned;
  pool.free -= paid;
  credit(s.ledger, delegator, paid);
}

/**
 * Delegate PHA to a pool (doc 002). The cap is checked after the queue has been served (SPEC §4):
 * PHA that pays waiting withdrawals does not count against it.
 */
export function delegate(s: OpenEra, pool: Pool, delegator: AccountId, amount: Units): string | null {
  if (amount <= 0) return 'amount must be above 0';
  if (balanceOf(s.ledger, delegator) < amount) return 'balance below the amount';
  const value = poolValue(s, pool);
  if (pool.shares > 0n && value === 0) return 'the pool has no value left';
  const minted = sharesForDeposit(amount, pool.shares, value);
  if (pool.cap !== null) {
    const served = planQueue(pool, pool.shares + minted, value + amount, pool.free + amount).paid;
    if (value + amount - served > pool.cap) {
      return `cap reached: ${formatPha(value + amount - served)} PHA would be delegated, above the cap of ${formatPha(pool.cap)} PHA`;
    }
  }
  debit(s.ledger, delegator, amount);
  const members = ownMembers(s, pool);
  const key = accountKey(s, delegator) as number; // debit found it, and remembers it
  // An account without an entry in the memberships index has no record in any pool (a record is
  // made only here, and never without the entry): its first delegation skips the probe of the
  // pool's members, a cache miss or more in a table of half a million at L.
  const indexed = s.memberships.atPosition(key) !== undefined;
  const entry = indexed ? members.entryOf(key) : -1;
  const before = entry < 0 ? 0n : members.sharesAt(entry);
  if (entry < 0) members.add(key, minted, amount, 0);
  else members.update(entry, before + minted, members.depositedAt(entry) + amount, members.withdrawnAt(entry));
  if (before === 0n && minted > 0n) noteMembership(s, delegator, pool.index, true);
  else if (!indexed) s.memberships.set(delegator, NO_POOLS);
  pool.shares += minted;
  pool.free += amount;
  serveQueue(s, pool);
  return null;
}

/**
 * Withdraw up to the delegator's stake, or all of it (doc 002 Figures 8-9): up to the free
 * delegation is paid at once, the rest waits in the FIFO queue. A new request replaces the delegator's earlier one and
 * goes to the back (SPEC §4, as on chain).
 */
export function withdraw(s: OpenEra, pool: Pool, delegator: AccountId, amount: Units | 'all'): string | null {
  const key = accountKey(s, delegator);
  const entry = key === undefined ? -1 : pool.members.entryOf(key);
  const held = entry < 0 ? 0n : pool.members.sharesAt(entry);
  if (held === 0n || key === undefined) return `no stake of ${delegator} in pool ${pool.id}`;
  if (amount !== 'all' && amount <= 0) return 'amount must be above 0';
  const waiting = queuedAt(pool.queue, delegator);
  if (waiting >= 0) ownQueue(s, pool).splice(waiting, 1);
  const value = poolValue(s, pool);
  const worth = valueOfShares(held, pool.shares, value);
  const wanted = amount === 'all' ? worth : Math.min(amount, worth);
  const shares = wanted === worth ? held : minBig(held, sharesForPayment(wanted, pool.shares, value));
  const now = Math.min(wanted, pool.free);
  const burnedNow = now === wanted ? shares : minBig(shares, sharesForPayment(now, pool.shares, value));
  if (now > 0) {
    payOut(s, pool, delegator, burnedNow, now);
    s.events.push({
      type: 'WithdrawalPaid',
      pool: pool.id,
      delegator,
      amount: now,
      fromQueue: false,
      account: key,
      poolIndex: pool.index,
    });
  }
  if (burnedNow < shares) {
    ownQueue(s, pool).push({ delegator, shares: shares - burnedNow, since: s.era });
    s.events.push({
      type: 'WithdrawalQueued',
      pool: pool.id,
      delegator,
      amount: wanted - now,
      account: key,
      poolIndex: pool.index,
    });
  }
  return null;
}

/**
 * Forced stop (doc 002 Figure 10): a request still waiting a grace period after it was made stops
 * every worker of the pool; their stake unlocks after the cool-down and then pays the queue.
 */
export function forceStopIfOverdue(s: OpenEra, pool: Pool, graceEras: number): void {
  const front = pool.queue[0];
  if (!front || s.era < front.since + graceEras) return;
  const stopped: string[] = [];
  for (const id of pool.workers) {
    const miner = s.miners[s.minerSlots.get(id) ?? -1];
    if (!miner || miner.pool !== pool.id || !isOnline(miner)) continue;
    miner.state = 'CoolingDown';
    miner.leftEra = s.era;
    stopped.push(id);
  }
  if (stopped.length === 0) return;
  pool.lastForcedStop = s.era;
  flowsOf(s, pool).forcedStop = true;
  s.events.push({ type: 'PoolForcedToStop', pool: pool.id, workers: stopped });
}

/** The delegators' return this era folded into a moving average agents can read. */
export function updateReturnAverage(s: OpenEra, pool: Pool, smoothing: number, staked: number): void {
  const value = pool.free + staked;
  const reward = s.poolFlows.get(pool.index)?.delegators ?? 0;
  const r = value > 0 ? reward / value : 0;
  pool.returnEma += smoothing * (r - pool.returnEma);
}

/**
 * Where the delegator's request waits in the queue, or −1. A loop, not `some` and `findIndex` with
 * callbacks: each callback held the delegator and was made anew for each withdrawal (M: 2,900 an
 * era), and for each return chaser's review.
 */
export function queuedAt(queue: readonly QueuedWithdrawal[], delegator: AccountId): number {
  for (let i = 0; i < queue.length; i++) if ((queue[i] as QueuedWithdrawal).delegator === delegator) return i;
  return -1;
}

/** A delegator in no pool: shared, as the index's arrays are replaced, never changed. */
const NO_POOLS: readonly number[] = [];

/** The key of an account's records in the pools' members: its position in the balances. */
function accountKey(s: OpenEra, account: AccountId): number | undefined {
  return s.ledger.balances.positionOf(account);
}

/** Keeps the delegator → pools index in step as a stake in a pool begins or ends. */
function noteMembership(s: OpenEra, delegator: AccountId, pool: number, member: boolean): void {
  const pools = s.memberships.get(delegator) ?? NO_POOLS;
  // Most delegators are in one pool: their first membership needs no sort, and leaving it no filter.
  const next = !member
    ? pools.length === 1 && pools[0] === pool
      ? NO_POOLS
      : pools.filter((p) => p !== pool)
    : pools.length === 0
      ? onlyPool(pool)
      : [...pools, pool].sort((a, b) => a - b);
  s.memberships.set(delegator, next);
}

/**
 * The one-pool list of each pool, shared by every delegator in that pool alone (most of them): the
 * index's arrays are replaced, never changed, and at a million delegators an array each was a good
 * part of the memory their first delegations took.
 */
const ONLY_POOL: (readonly number[])[] = [];

function onlyPool(pool: number): readonly number[] {
  return (ONLY_POOL[pool] ??= [pool]);
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
