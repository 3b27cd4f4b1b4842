import type { Units } from './units.js';
import type { AccountBook, AccountTable } from './account-table.js';
import type { Members } from './member-table.js';
import type { MinerColumns } from './miner-columns.js';

export type AccountId = string;

/** Miner states (AMA, seed 001): Idle = online, not matched to a named cluster. */
export type MinerState = 'Idle' | 'Active' | 'CoolingDown' | 'Stopped';

/**
 * A miner (worker) and its value-promise ledger (paper §4). The paper's running sum
 * Σ(f + g − s − w) is `accrued − slashed − paid`.
 */
export interface Miner {
  readonly id: string;
  /** Position in `EraState.miners`; never reused, so arrays indexed by slot stay valid. */
  readonly slot: number;
  /** The operator: puts down the stake S and receives payouts. */
  readonly owner: AccountId;
  /** Performance score P (= Q_j, its computing power). */
  readonly performance: number;
  /** Confidence C (paper §4, from the remote-attestation level). */
  readonly confidence: number;
  /** S as put down when the miner joined. */
  readonly stake: Units;
  /** What of S is still locked; slashes beyond the unpaid promise take from it (SPEC §3.7). */
  stakeLocked: Units;
  /** Σ (f + g): the value promise V. */
  accrued: Units;
  /** Σ s. */
  slashed: Units;
  /** Σ w actually paid. */
  paid: Units;
  state: MinerState;
  /** Contract cluster index this era, or GENERAL. */
  cluster: number;
  points: number;
  bracket: number;
  readonly joinedEra: number;
  /** Era it went CoolingDown, or null. */
  leftEra: number | null;
  /** Whether the miner is on the clusters' preference lists (membership as of the last era). */
  onLists: boolean;
  /** The stake pool that staked it and receives its payouts (doc 002), or null for a solo miner. */
  pool: string | null;
}

/** A contract cluster (paper §2, §3). */
export interface Cluster {
  readonly id: string;
  readonly index: number;
  readonly developer: AccountId;
  /** s_i: the sum of `stakes`. */
  stake: Units;
  /** Locked stake per staker. */
  stakes: Map<AccountId, Units>;
  /** Stake above which further stake is refused (paper §2.1), or null. */
  cap: Units | null;
  /** Stake taken out and waiting out the unbonding period (paper §2.1); replaced when it changes. */
  unbonding: readonly { readonly staker: AccountId; readonly amount: Units; readonly release: number }[];
  /** Name of the preference policy that keeps `list`. */
  readonly policy: string;
  readonly createdEra: number;
  /** L_i: miner slots, most preferred first. Replaced, never edited in place. */
  list: Int32Array;
}

/** A delegator's stake in a pool: a copy of its row in the pool's member table (member-table.ts). */
export interface Membership {
  readonly shares: bigint;
  /** Σ PHA delegated. */
  readonly deposited: Units;
  /** Σ PHA withdrawn. */
  readonly withdrawn: Units;
}

/** A withdrawal waiting for free PHA (doc 002 "Exit Staking"); it holds shares, so it keeps earning. */
export interface QueuedWithdrawal {
  readonly delegator: AccountId;
  readonly shares: bigint;
  /** Era of the request: the grace period runs from here. */
  readonly since: number;
}

/** A stake pool (doc 002; SPEC §4). Its value is `free` plus the stake locked in its workers. */
export interface Pool {
  readonly id: string;
  readonly index: number;
  readonly owner: AccountId;
  commission: number;
  /** Cap on delegated PHA, or null. */
  cap: Units | null;
  /** Free delegation: PHA in the pool not staked in a worker (SPEC §1: a holding). */
  free: Units;
  shares: bigint;
  /**
   * Per delegator, keyed by its account's position in the balances (`AccountBook.positionOf`,
   * `index.keyAt` for the id back): a probe of a number key reads no key strings, and the best
   * pools hold hundreds of thousands (member-table.ts). Replaced when a member changes
   * (copy-on-write).
   */
  members: Members;
  /** Miner ids bound to the pool, in the order they were added. */
  workers: readonly string[];
  /** FIFO; replaced when it changes. */
  queue: readonly QueuedWithdrawal[];
  /** Moving average of the delegators' return per era (reward / value): public, for agents. */
  returnEma: number;
  /** Era of the last forced stop, or null. */
  lastForcedStop: number | null;
}

export interface Ledger {
  /** Free balances of every account (agents); an array per era (account-table.ts). */
  balances: AccountBook<AccountId>;
  subsidyPool: Units;
  treasury: Units;
  burned: Units;
}

/** The state after an era; `era` is the next era to run. */
export interface EraState {
  readonly era: number;
  readonly initialSupply: Units;
  readonly miners: readonly Miner[];
  /** The miners' numbers by slot; `miners` are views of its rows (miner-columns.ts). */
  readonly minerColumns: MinerColumns;
  readonly minerSlots: ReadonlyMap<string, number>;
  readonly clusters: readonly Cluster[];
  readonly clusterIndex: ReadonlyMap<string, number>;
  readonly pools: readonly Pool[];
  readonly poolIndex: ReadonlyMap<string, number>;
  /** Which pool each bound miner belongs to (a worker belongs to one pool at a time, doc 002). */
  readonly workerPool: ReadonlyMap<string, string>;
  /**
   * The pools (by index) each delegator has stake in: an index kept as memberships begin and end.
   * It shares the balances' positions (AccountBook.emptyTable; `--check` holds it to that).
   */
  readonly memberships: AccountTable<AccountId, readonly number[]>;
  readonly ledger: Readonly<Ledger>;
}

export function isOnline(miner: Miner): boolean {
  return miner.state === 'Idle' || miner.state === 'Active';
}

/** The paper's S + Σ(f + g − s − w). */
export function stakePlusNet(miner: Miner): Units {
  return miner.stake + miner.accrued - miner.slashed - miner.paid;
}

/** The paper's Σ(f + g − s) − Σ w: the cap on an intermediate payout, before flooring at 0. */
export function netPromise(miner: Miner): Units {
  return miner.accrued - miner.slashed - miner.paid;
}
