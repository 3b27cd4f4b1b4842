import type { EraState, Miner } from '../mechanism/types.js';
import type { FaultChances, FaultModel } from './strategy.js';

/** What the roster takes from each miner player. */
interface RosterPlayer {
  readonly streamKey: number;
  readonly faultModel: FaultModel;
  readonly faultParams: unknown;
}

/** `quietUntil` past any era a run can have (an Int32Array holds it). */
const NEVER = 0x7fffffff;

/**
 * The miners' per-era fields by player index, in arrays (a struct of arrays): the agents' loop
 * reads them for every miner every era, and most eras most miners need nothing more, so their
 * player and agent objects, one cache miss each at 40,000 miners, stay unread (issue #6).
 */
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
