import type { MinerColumns } from './miner-columns.js';

/**
 * Last era's online miners and the version of the miner columns they were read at: while no
 * record was written and no state set through a row since (MinerColumns.stateVersion), no miner
 * came or went, so the era takes the same slots again and moves no one on or off the lists, where
 * it made three passes over every miner (most eras at S). One per run, for a caller that hands each
 * era's state over to the next (EraContext.onlineMemo).
 */
export class OnlineMemo {
  private columns: MinerColumns | null = null;
  private version = -1;
  private count = -1;
  private slots: readonly number[] = [];

  /** Last era's online slots if `columns` (with `count` miners) are unchanged since, else null. */
  unchanged(columns: MinerColumns, count: number): readonly number[] | null {
    return columns === this.columns && columns.stateVersion === this.version && count === this.count
      ? this.slots
      : null;
  }

  /** Remembers this era's online slots, read from `columns` as they are now. */
  remember(columns: MinerColumns, count: number, slots: readonly number[]): void {
    this.columns = columns;
    this.version = columns.stateVersion;
    this.count = count;
    this.slots = slots;
  }
}
