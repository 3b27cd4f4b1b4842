import { MinerRow } from './miner-row.js';
import { STATE_CODE, stateCode } from './miner-state.js';
import type { Miner } from './types.js';
import type { Units } from './units.js';

export { MinerRow, plainMiner } from './miner-row.js';
export { STATE_CODE } from './miner-state.js';

/** What a miner record holds besides its slot: the fields `Miner` names. */
export type MinerFields = Omit<Miner, 'slot'>;

/**
 * The miners' numbers as a struct of arrays, one row per slot (issue #6). Passes over every miner
 * run each era, a dozen of them; over objects whose numbers each sit in a box of their own (about
 * 250 bytes a miner), a pass at 40,000 miners cost 1-2 ms once the era's other work had pushed
 * them out of the caches. Over typed columns it reads a few contiguous arrays.
 *
 * Code keeps reading and writing `miner.accrued`: each `Miner` of a state is a `MinerRow`, a view
 * of one row. Units are integers below 2^53, so a Float64Array holds them exactly.
 */
export class MinerColumns {
  private capacity = 0;
  /** Rows written so far: one past the highest slot. */
  private rows = 0;
  /**
   * Σ stakeLocked of the miners of each pool, by pool index, kept as stakes change: every
   * delegation and withdrawal values its pool, and walking the pool's workers each time was a
   * dozen look-ups by id per intent. `--check` recounts it every era (countStakedByPool).
   */
  private stakedByPool = new Float64Array(16);
  // Empty until the constructor grows them to their first capacity.
  performance = new Float64Array(0);
  confidence = new Float64Array(0);
  stake = new Float64Array(0);
  /** Written through `setStakeLocked` (or a row), which keeps the pools' sums. */
  stakeLocked = new Float64Array(0);
  accrued = new Float64Array(0);
  slashed = new Float64Array(0);
  paid = new Float64Array(0);
  points = new Float64Array(0);
  cluster = new Int32Array(0);
  bracket = new Int32Array(0);
  joinedEra = new Int32Array(0);
  /** −1 for a miner that has not left. */
  leftEra = new Int32Array(0);
  private stateCodes = new Uint8Array(0);
  onLists = new Uint8Array(0);
  /** The index of the miner's stake pool, −1 for a solo miner: pool sums need no look-up by id. */
  poolIndex = new Int32Array(0);
  /**
   * Counts the writes that may bring a miner on or off the lists: a record written (`write`) and a
   * state set (`setState`, as a row's state setter does). The matching's own Idle or Active
   * (`setMatched`) keeps a miner online either way and is not counted. The fast path reads it to
   * know that no miner came or went since it last looked (OnlineMemo).
   */
  stateVersion = 0;

  /**
   * Each miner's state (STATE_CODE), to read: written through `setState` (a row's state), `setMatched`
   * or `write`, so that `stateVersion` counts every write that may bring a miner on or off the lists.
   */
  get state(): Readonly<Uint8Array> {
    return this.stateCodes;
  }

  /** Sets a miner's state: a new version of the states (it may have come or gone). */
  setState(slot: number, code: number): void {
    this.stateCodes[slot] = code;
    this.stateVersion += 1;
  }

  /** The matching's Idle or Active for an online miner: online either way, so the same version. */
  setMatched(slot: number, active: boolean): void {
    this.stateCodes[slot] = active ? STATE_CODE.Active : STATE_CODE.Idle;
  }

  constructor(capacity = 64) {
    this.grow(capacity);
  }

  /**
   * Writes a miner into row `slot` (growing the columns) and returns the row's view; `poolIndex`
   * is the index of `fields.pool`, −1 for none.
   */
  write(slot: number, fields: MinerFields, poolIndex: number): MinerRow {
    if (slot >= this.capacity) this.grow(slot + 1);
    if (slot < this.rows) this.addStaked(this.poolIndex[slot] as number, -(this.stakeLocked[slot] as number));
    else this.rows = slot + 1;
    this.addStaked(poolIndex, fields.stakeLocked);
    this.performance[slot] = fields.performance;
    this.confidence[slot] = fields.confidence;
    this.stake[slot] = fields.stake;
    this.stakeLocked[slot] = fields.stakeLocked;
    this.accrued[slot] = fields.accrued;
    this.slashed[slot] = fields.slashed;
    this.paid[slot] = fields.paid;
    this.points[slot] = fields.points;
    this.cluster[slot] = fields.cluster;
    this.bracket[slot] = fields.bracket;
    this.joinedEra[slot] = fields.joinedEra;
    this.leftEra[slot] = fields.leftEra ?? -1;
    this.setState(slot, stateCode(fields.state));
    this.onLists[slot] = fields.onLists ? 1 : 0;
    this.poolIndex[slot] = poolIndex;
    return new MinerRow(this, slot, fields.id, fields.owner, fields.pool);
  }

  /** Sets a miner's locked stake, keeping its pool's sum. */
  setStakeLocked(slot: number, units: Units): void {
    this.addStaked(this.poolIndex[slot] as number, units - (this.stakeLocked[slot] as number));
    this.stakeLocked[slot] = units;
  }

  /** Σ stakeLocked of the pool's miners (a pool's workers, cooling-down ones included). */
  stakedIn(pool: number): Units {
    return pool < this.stakedByPool.length ? (this.stakedByPool[pool] as number) : 0;
  }

  /** The same for pools 0 … count − 1, as a copy. */
  stakedInPools(count: number): Float64Array {
    const out = new Float64Array(count);
    out.set(this.stakedByPool.subarray(0, Math.min(count, this.stakedByPool.length)));
    return out;
  }

  private addStaked(pool: number, units: Units): void {
    if (pool < 0 || units === 0) return;
    if (pool >= this.stakedByPool.length) {
      const wider = new Float64Array(Math.max(pool + 1, this.stakedByPool.length * 2));
      wider.set(this.stakedByPool);
      this.stakedByPool = wider;
    }
    this.stakedByPool[pool]! += units;
  }

  /** Doubles the capacity, or more if `needed` asks; rows keep their values, views stay valid. */
  private grow(needed: number): void {
    const capacity = Math.max(needed, this.capacity * 2);
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(column: T): T => {
      const wider = new (column.constructor as new (length: number) => T)(capacity);
      wider.set(column);
      return wider;
    };
    this.performance = widen(this.performance);
    this.confidence = widen(this.confidence);
    this.stake = widen(this.stake);
    this.stakeLocked = widen(this.stakeLocked);
    this.accrued = widen(this.accrued);
    this.slashed = widen(this.slashed);
    this.paid = widen(this.paid);
    this.points = widen(this.points);
    this.cluster = widen(this.cluster);
    this.bracket = widen(this.bracket);
    this.joinedEra = widen(this.joinedEra);
    this.leftEra = widen(this.leftEra);
    this.stateCodes = widen(this.stateCodes);
    this.onLists = widen(this.onLists);
    this.poolIndex = widen(this.poolIndex);
    this.capacity = capacity;
  }
}

/**
 * Copies miners (rows or plain records) into fresh columns: the pure era step's own copy, and a
 * test's way to a state from records of its own. A miner's slot is its position in `miners`.
 */
export function copyMiners(
  miners: readonly Miner[],
  poolIndex: ReadonlyMap<string, number>,
): { columns: MinerColumns; miners: MinerRow[] } {
  const columns = new MinerColumns(Math.max(64, miners.length));
  const rows = miners.map((m) => columns.write(m.slot, m, m.pool === null ? -1 : (poolIndex.get(m.pool) ?? -1)));
  return { columns, miners: rows };
}

/** Whether the miner in `slot` is online (Idle or Active): `isOnline` over the columns. */
export function isOnlineAt(columns: MinerColumns, slot: number): boolean {
  return (columns.state[slot] as number) <= STATE_CODE.Active;
}

/** `isOnlineAt` of the first `count` slots, as 1 or 0 each. */
export function onlineFlags(columns: MinerColumns, count: number): Uint8Array {
  const online = new Uint8Array(count);
  for (let slot = 0; slot < count; slot++) online[slot] = isOnlineAt(columns, slot) ? 1 : 0;
  return online;
}

/** `netPromise` over the columns: Σ(f + g − s) − Σ w of the miner in `slot` (paper §4). */
export function netPromiseAt(columns: MinerColumns, slot: number): Units {
  return (columns.accrued[slot] as number) - (columns.slashed[slot] as number) - (columns.paid[slot] as number);
}

/** `stakePlusNet` over the columns: S + Σ(f + g − s − w) of the miner in `slot` (paper §4, exclusion). */
export function stakePlusNetAt(columns: MinerColumns, slot: number): Units {
  return (columns.stake[slot] as number) + netPromiseAt(columns, slot);
}

/** Per contract cluster, its online miners: how many, their power Σ P and quality Σ C · P (slot order). */
export interface ClusterSums {
  readonly miners: Float64Array;
  readonly power: Float64Array;
  readonly quality: Float64Array;
}

/** `ClusterSums` of a state's miners, one pass over the columns (the agents' cluster offers). */
export function sumByCluster(
  state: { readonly miners: readonly Miner[]; readonly minerColumns: MinerColumns },
  clusterCount: number,
): ClusterSums {
  const sums = {
    miners: new Float64Array(clusterCount),
    power: new Float64Array(clusterCount),
    quality: new Float64Array(clusterCount),
  };
  const columns = state.minerColumns;
  for (let slot = 0; slot < state.miners.length; slot++)
    if (isOnlineAt(columns, slot)) addToCluster(sums, columns, slot);
  return sums;
}

/**
 * Adds the online miner in `slot` to its cluster's `ClusterSums`; a miner left to the general
 * cluster, or to a cluster the sums do not cover, adds to none.
 */
export function addToCluster(sums: ClusterSums, columns: MinerColumns, slot: number): void {
  const c = columns.cluster[slot] as number;
  if (c < 0 || c >= sums.miners.length) return;
  const P = columns.performance[slot] as number;
  sums.miners[c]! += 1;
  sums.power[c]! += P;
  sums.quality[c]! += (columns.confidence[slot] as number) * P;
}

/** Whether the miner in `slot` has stopped. */
export function isStoppedAt(columns: MinerColumns, slot: number): boolean {
  return columns.state[slot] === STATE_CODE.Stopped;
}
