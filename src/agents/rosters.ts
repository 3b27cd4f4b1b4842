/**
 * The agents' per-era fields by player index, in arrays (a struct of arrays): the agents' loop
 * reads them for every agent every era, and most eras most agents need nothing more, so their
 * player and agent objects, one cache miss each at tens of thousands of agents, stay unread
 * (issue #6). The fast path alone reads them; the plain path asks every agent every era.
 */

import type { EraState, Miner } from '../mechanism/types.js';
import type { FaultChances, FaultModel } from './strategy.js';

/** What the roster takes from each miner player. */
interface RosterPlayer {
  readonly streamKey: number;
  readonly faultModel: FaultModel;
  readonly faultParams: unknown;
}

/** An era past any a run can have, as `quietUntil` (an Int32Array holds it) keeps "never". */
const NEVER = 0x7fffffff;

/** The miners': their records' slots, quiet eras (MinerStrategy.quietUntil), streams and fault chances. */
export class MinerRoster {
  /** The slot of the player's miner record once found, −1 before: a slot is the miner's for the whole run. */
  readonly slots: Int32Array;
  /** The era before which the player's strategy is not asked (MinerStrategy.quietUntil); 0: ask. */
  readonly quietUntil: Int32Array;
  /** The player's stream key (Player.streamKey). */
  readonly streamKeys: Int32Array;
  /** The fixed fault chances of the player's fault model (FaultModel.fixedChances), or null. */
  readonly chances: readonly (FaultChances | null)[];

  constructor(players: readonly RosterPlayer[]) {
    const n = players.length;
    this.slots = new Int32Array(n).fill(-1);
    this.quietUntil = new Int32Array(n);
    this.streamKeys = Int32Array.from(players, (p) => p.streamKey);
    this.chances = players.map((p) => p.faultModel.fixedChances?.(p.faultParams) ?? null);
  }

  /**
   * Player i's record once found (undefined before), with neither a look-up nor a read of the
   * player: the record at its slot is always its latest (a rejoining miner's new record takes the
   * old one's slot), in the run's state whether changed in place or copied.
   */
  recordOf(i: number, view: EraState): Miner | undefined {
    const slot = this.slots[i] as number;
    // Read unconditionally (at slot 0 before the miner has one): a read behind a branch gathered no
    // type feedback while no miner had joined, and V8 threw the agents' loop's optimized code away
    // at it era after era.
    const record = view.miners[Math.max(slot, 0)];
    return slot < 0 ? undefined : record;
  }

  /** Looks player i's record up by its miner's id (a probe of a map of every miner), and keeps its slot. */
  find(i: number, id: string, view: EraState): Miner | undefined {
    const slot = view.minerSlots.get(id) ?? -1;
    this.slots[i] = slot;
    return slot < 0 ? undefined : view.miners[slot];
  }

  /** Player i's strategy is next asked at `era` (an infinite era: never, while quiet). */
  askAt(i: number, era: number): void {
    this.quietUntil[i] = Math.min(era, NEVER);
  }
}

/**
 * The delegators': their quiet eras (DelegatorStrategy.quietUntil), the era each was last asked
 * and its account's position, so that a quiet delegator is passed over on two typed reads and its
 * balance.
 */
export class HolderRoster {
  /** The era before which the player's strategy is not asked while its balance is 0; 0: ask. */
  private readonly quietUntil: Int32Array;
  /** The era it was last asked: a forced stop since then ends its quiet. */
  private readonly askedAt: Int32Array;
  /** Its account's position once known (Player.account), −1 before. */
  private readonly accounts: Int32Array;

  constructor(count: number) {
    this.quietUntil = new Int32Array(count);
    this.askedAt = new Int32Array(count);
    this.accounts = new Int32Array(count).fill(-1);
  }

  /**
   * Whether player i may go unasked at `era`: before its quiet era, no pool forced to stop since it
   * was asked (`latestForcedStop`, the latest era any pool was), and its balance 0.
   */
  isQuiet(i: number, era: number, latestForcedStop: number, balances: { atPosition(p: number): number }): boolean {
    if (era >= (this.quietUntil[i] as number) || latestForcedStop >= (this.askedAt[i] as number)) return false;
    const account = this.accounts[i] as number;
    return account >= 0 && balances.atPosition(account) === 0;
  }

  /** Player i was asked at `era` and, with account `account`, is next asked at `next`. */
  asked(i: number, era: number, account: number, next: number): void {
    this.askedAt[i] = era;
    this.accounts[i] = account;
    this.quietUntil[i] = Math.min(next, NEVER);
  }
}
