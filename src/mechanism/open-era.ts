import type { MechanismEvent } from './events.js';
import { emptyTally, type EraTally, type PoolFlows } from './report.js';
import type { AccountId, Cluster, EraState, Ledger, Miner, Pool, QueuedWithdrawal } from './types.js';
import type { AccountTable } from './account-table.js';
import { MemberTable } from './member-table.js';
import { copyMiners, type MinerColumns } from './miner-columns.js';
import { PayoutRequests } from './payout-requests.js';
import type { Units } from './units.js';

/**
 * The era step's private, mutable copy of the state (house style: local mutation inside a pure
 * function). Miners, clusters and pools are copied shallowly each era; a pool's member table and
 * queue are copied only when the era first changes them, so an era never copies every delegator.
 *
 * A caller that hands the last state over (it will never read it again) lets the era work on it
 * in place instead: the same steps on the same values, without copying every miner, map and
 * balance each era (EraContext.handOver).
 */
export interface OpenEra {
  readonly era: number;
  readonly initialSupply: Units;
  readonly miners: Miner[];
  readonly minerColumns: MinerColumns;
  readonly minerSlots: Map<string, number>;
  readonly clusters: Cluster[];
  readonly clusterIndex: Map<string, number>;
  readonly pools: Pool[];
  readonly poolIndex: Map<string, number>;
  readonly workerPool: Map<string, string>;
  readonly memberships: AccountTable<AccountId, readonly number[]>;
  readonly ledger: Ledger;
  /** Payout requests collected for step 8, per miner slot. */
  readonly payoutRequests: PayoutRequests;
  readonly events: MechanismEvent[];
  readonly tally: EraTally;
  /** This era's reward flows per pool index. */
  readonly poolFlows: Map<number, PoolFlows>;
  readonly ownedMembers: Set<number>;
  readonly ownedQueues: Set<number>;
  /** Whether the era works on the handed-over state itself: every map and queue is its own. */
  readonly inPlace: boolean;
  /** The slot `slotOf` found last, where it looks first next time. */
  lastSlot: number;
}

export function openEra(prev: EraState, handOver = false): OpenEra {
  return handOver ? takeOver(prev) : copyOf(prev);
}

function copyOf(prev: EraState): OpenEra {
  const miners = copyMiners(prev.miners, prev.poolIndex);
  return {
    era: prev.era,
    initialSupply: prev.initialSupply,
    miners: miners.miners,
    minerColumns: miners.columns,
    minerSlots: new Map(prev.minerSlots),
    clusters: prev.clusters.map((c) => ({ ...c, stakes: new Map(c.stakes) })),
    clusterIndex: new Map(prev.clusterIndex),
    pools: prev.pools.map((p) => ({ ...p })),
    poolIndex: new Map(prev.poolIndex),
    workerPool: new Map(prev.workerPool),
    memberships: prev.memberships.fork(),
    ledger: { ...prev.ledger, balances: prev.ledger.balances.fork() },
    ...eraScratch(miners.miners.length),
    inPlace: false,
  };
}

/** What every era starts empty: its requests, events, figures and copy-on-write bookkeeping. */
function eraScratch(slotCount: number) {
  return {
    payoutRequests: new PayoutRequests(slotCount),
    events: [] as MechanismEvent[],
    tally: emptyTally(),
    poolFlows: new Map<number, PoolFlows>(),
    ownedMembers: new Set<number>(),
    ownedQueues: new Set<number>(),
    lastSlot: -1,
  };
}

/** The state itself, made mutable: only for a caller that will never read `prev` again. */
function takeOver(prev: EraState): OpenEra {
  return {
    era: prev.era,
    initialSupply: prev.initialSupply,
    miners: prev.miners as Miner[],
    minerColumns: prev.minerColumns,
    minerSlots: prev.minerSlots as Map<string, number>,
    clusters: prev.clusters as Cluster[],
    clusterIndex: prev.clusterIndex as Map<string, number>,
    pools: prev.pools as Pool[],
    poolIndex: prev.poolIndex as Map<string, number>,
    workerPool: prev.workerPool as Map<string, string>,
    memberships: prev.memberships,
    ledger: { ...prev.ledger },
    ...eraScratch(prev.miners.length),
    inPlace: true,
  };
}

export function closeEra(s: OpenEra): EraState {
  return {
    era: s.era + 1,
    initialSupply: s.initialSupply,
    miners: s.miners,
    minerColumns: s.minerColumns,
    minerSlots: s.minerSlots,
    clusters: s.clusters,
    clusterIndex: s.clusterIndex,
    pools: s.pools,
    poolIndex: s.poolIndex,
    workerPool: s.workerPool,
    memberships: s.memberships,
    ledger: s.ledger,
  };
}

/** How many slots past the last one found `slotOf` looks before the map of slots. */
const AHEAD = 2;

/**
 * The slot of miner `id`, if it ever joined. Intents are applied in actor order, and miners that
 * joined together hold slots in that order (a payday's requests find thousands of solo miners one
 * after another), so the slot found last and the next ones are tried before the map, whose probe is
 * a cache miss at tens of thousands of miners. Only a few: each try reads a miner's record, itself
 * a miss where slots are not in actor order (pool workers, started as their pools fill). A slot is
 * one miner's for the whole run: the one whose record has this id is this miner's.
 */
export function slotOf(s: OpenEra, id: string): number | undefined {
  const miners = s.miners;
  const end = Math.min(s.lastSlot + 1 + AHEAD, miners.length);
  for (let slot = Math.max(s.lastSlot, 0); slot < end; slot++) {
    if ((miners[slot] as Miner).id !== id) continue;
    s.lastSlot = slot;
    return slot;
  }
  const slot = s.minerSlots.get(id);
  if (slot !== undefined) s.lastSlot = slot;
  return slot;
}

/** The pool's members, copied on the era's first change to them. */
export function ownMembers(s: OpenEra, pool: Pool): MemberTable {
  if (!s.inPlace && !s.ownedMembers.has(pool.index)) {
    pool.members = new MemberTable(pool.members as MemberTable);
    s.ownedMembers.add(pool.index);
  }
  return pool.members as MemberTable;
}

/** The pool's queue, copied on the era's first change to it. */
export function ownQueue(s: OpenEra, pool: Pool): QueuedWithdrawal[] {
  if (!s.inPlace && !s.ownedQueues.has(pool.index)) {
    pool.queue = pool.queue.slice();
    s.ownedQueues.add(pool.index);
  }
  return pool.queue as QueuedWithdrawal[];
}

export function flowsOf(s: OpenEra, pool: Pool): PoolFlows {
  let flows = s.poolFlows.get(pool.index);
  if (!flows) {
    flows = { reward: 0, owner: 0, delegators: 0, forcedStop: false };
    s.poolFlows.set(pool.index, flows);
  }
  return flows;
}
