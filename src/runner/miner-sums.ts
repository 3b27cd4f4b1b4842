import type { EraResult } from '../mechanism/era.js';
import { addToCluster, isOnlineAt, netPromiseAt, STATE_CODE, type ClusterSums } from '../mechanism/miner-columns.js';
import type { EraState } from '../mechanism/types.js';

/** Per miner group, what its miners hold as the era leaves them (groups.csv), by group index. */
export interface GroupMinerSums {
  readonly online: Float64Array;
  readonly matched: Float64Array;
  readonly power: Float64Array;
  readonly brackets: Float64Array;
  /** Online miners in the top bracket k. */
  readonly top: Float64Array;
  readonly stake: Float64Array;
  readonly outstanding: Float64Array;
}

/**
 * What the eras, clusters and groups tables read of an era's miners, summed in one pass over the
 * miner columns: a pass per table cost about as much again as the rest of the three tables (at S,
 * every era, for a thousand miners). Sums run in slot order, as each table's own pass did.
 */
export interface MinerSums {
  /** The whole network: miners Active, miners cooling down, Σ locked stake. */
  readonly matched: number;
  readonly cooling: number;
  readonly stakeLocked: number;
  /** Σ max(0, net promise) of the miners not stopped (paper §4: what is still owed). */
  readonly outstanding: number;
  /** Per contract cluster, its online miners (clusters.csv). */
  readonly clusters: ClusterSums;
  readonly groups: GroupMinerSums;
}

/** Who is in which group, for the group sums: group index by slot (−1: none), and k. */
export interface GroupsOfSlots {
  readonly bySlot: readonly number[];
  readonly count: number;
  readonly bracketCount: number;
}

const NO_GROUPS: GroupsOfSlots = { bySlot: [], count: 0, bracketCount: 0 };

/**
 * The sums of `state`'s miners. `reuse`, an earlier era's sums nobody reads any more, lends its
 * arrays where they have the right lengths: a typed array longer than 64 bytes costs about a
 * microsecond to make, and an era would make a dozen.
 */
export function sumMiners(state: EraState, groups: GroupsOfSlots = NO_GROUPS, reuse?: MinerSums): MinerSums {
  const clusterCount = groups === NO_GROUPS ? 0 : state.clusters.length;
  const clusters = {
    miners: zeroed(reuse?.clusters.miners, clusterCount),
    power: zeroed(reuse?.clusters.power, clusterCount),
    quality: zeroed(reuse?.clusters.quality, clusterCount),
  };
  const g = groupSums(groups.count, reuse?.groups);
  const columns = state.minerColumns;
  const { state: states, stakeLocked, performance, bracket } = columns;
  const { bySlot, bracketCount } = groups;
  let matched = 0;
  let cooling = 0;
  let stakeSum = 0;
  let outstanding = 0;
  const count = state.miners.length;
  for (let slot = 0; slot < count; slot++) {
    const code = states[slot] as number;
    const stake = stakeLocked[slot] as number;
    const net = code === STATE_CODE.Stopped ? 0 : Math.max(0, netPromiseAt(columns, slot));
    if (code === STATE_CODE.Active) matched += 1;
    else if (code === STATE_CODE.CoolingDown) cooling += 1;
    stakeSum += stake;
    outstanding += net;
    const group = slot < bySlot.length ? (bySlot[slot] as number) : -1;
    if (group >= 0) {
      g.stake[group]! += stake;
      g.outstanding[group]! += net;
    }
    if ((group < 0 && clusterCount === 0) || !isOnlineAt(columns, slot)) continue;
    addToCluster(clusters, columns, slot);
    if (group < 0) continue;
    g.online[group]! += 1;
    g.power[group]! += performance[slot] as number;
    g.brackets[group]! += bracket[slot] as number;
    if (bracket[slot] === bracketCount) g.top[group]! += 1;
    if (code === STATE_CODE.Active) g.matched[group]! += 1;
  }
  return { matched, cooling, stakeLocked: stakeSum, outstanding, clusters, groups: g };
}

function groupSums(count: number, reuse?: GroupMinerSums): GroupMinerSums {
  return {
    online: zeroed(reuse?.online, count),
    matched: zeroed(reuse?.matched, count),
    power: zeroed(reuse?.power, count),
    brackets: zeroed(reuse?.brackets, count),
    top: zeroed(reuse?.top, count),
    stake: zeroed(reuse?.stake, count),
    outstanding: zeroed(reuse?.outstanding, count),
  };
}

function zeroed(array: Float64Array | undefined, length: number): Float64Array {
  return array !== undefined && array.length === length ? array.fill(0) : new Float64Array(length);
}

/**
 * A memo of one: the tables of an era ask for its sums in turn. An era's sums are good until the
 * next era's are asked for, whose arrays they become.
 */
export class LastMinerSums {
  private result: EraResult | null = null;
  private sums: MinerSums | undefined = undefined;

  of(result: EraResult, groups: GroupsOfSlots): MinerSums {
    if (result !== this.result || this.sums === undefined) {
      this.sums = sumMiners(result.state, groups, this.sums);
      this.result = result;
    }
    return this.sums;
  }
}
