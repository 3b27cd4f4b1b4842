import { describe, expect, it } from 'vitest';
import { MinerColumns, STATE_CODE } from '../../src/mechanism/miner-columns.js';
import { OnlineMemo } from '../../src/mechanism/online-memo.js';

describe("OnlineMemo (last era's online miners, while none came or went)", () => {
  it('gives the slots again until a state is set, a record written or the count changes', () => {
    const columns = new MinerColumns();
    const memo = new OnlineMemo();
    expect(memo.unchanged(columns, 3)).toBeNull();
    const slots = [0, 2];
    memo.remember(columns, 3, slots);
    expect(memo.unchanged(columns, 3)).toBe(slots);
    // The matching's Idle or Active keeps a miner online: the same slots.
    columns.setMatched(0, true);
    expect(memo.unchanged(columns, 3)).toBe(slots);
    expect(memo.unchanged(columns, 4)).toBeNull();
    expect(memo.unchanged(new MinerColumns(), 3)).toBeNull();
    columns.setState(1, STATE_CODE.CoolingDown);
    expect(memo.unchanged(columns, 3)).toBeNull();
  });
});
