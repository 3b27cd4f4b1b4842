import { describe, expect, it } from 'vitest';
import { AccountBook } from '../../src/mechanism/account-table.js';
import { settleAccountPositions } from '../../src/runner/population.js';

const player = (id: string, account: number) => ({
  agent: { id },
  strategy: null,
  params: null,
  streamKey: 0,
  lastingKey: 0,
  account,
});

describe("players' account positions from casting", () => {
  it('keeps an entry place that is the position, and forgets one an earlier repeated account moved', () => {
    // 'a' listed twice: the book has a, x, d1, d2 at 0-3, where d1 and d2 were cast at entries 3 and 4.
    const entries: [string, number][] = [
      ['a', 1],
      ['x', 1],
      ['a', 2],
      ['d1', 5],
      ['d2', 5],
    ];
    const book = AccountBook.from(entries);
    const moved = [player('d1', 3), player('d2', 4)];
    settleAccountPositions(moved, book.index);
    expect(moved.map((p) => p.account)).toEqual([-1, -1]);
    const kept = [player('x', 1), player('a', 0)];
    settleAccountPositions(kept, book.index);
    expect(kept.map((p) => p.account)).toEqual([1, 0]);
    expect(book.positionOf('d1')).toBe(2);
  });
});
