import type { EraMatching } from './era.js';
import type { Units } from './units.js';

/** Flows of one era, summed as the step books them. */
export interface EraTally {
  joined: number;
  left: number;
  refused: number;
  excluded: number;
  /** Σ (f + g) credited this era. */
  accrued: Units;
  /** Σ s this era, as booked against the miners (paper §4). */
  slashed: Units;
  /** Paid from the subsidy pool to miners: intermediate payouts and the pool part of final payouts. */
  paid: Units;
  /** What the subsidy pool owed and could not pay this era. */
  unpaid: Units;
}

export function emptyTally(): EraTally {
  return { joined: 0, left: 0, refused: 0, excluded: 0, accrued: 0, slashed: 0, paid: 0, unpaid: 0 };
}

/** Reward flows of one pool in one era (doc 002 Figure 4 step 6). */
export interface PoolFlows {
  reward: Units;
  owner: Units;
  delegators: Units;
  forcedStop: boolean;
}

/** The figures of one era that are not in the state. */
export interface EraReport {
  readonly era: number;
  /** Slots of the miners on the lists this era (Idle/Active after the intents). */
  readonly online: readonly number[];
  readonly matching: EraMatching;
  readonly tally: EraTally;
  readonly poolFlows: ReadonlyMap<number, PoolFlows>;
  /** The stake locked in each pool's workers at the era's end, by pool index (`stakedByPool` of the state). */
  readonly poolStaked: Float64Array;
  /** Units credited to each miner of `online` this era, in the same order (f + g, paper §4). */
  readonly credits: Float64Array;
}
