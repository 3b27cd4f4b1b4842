import { describe, expect, it } from 'vitest';
import { AccountBook } from '../../src/mechanism/account-table.js';
import { castAgents, settleAccountPositions } from '../../src/runner/population.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import { tinyScenario } from '../scenario-text.js';

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

  it("enters delegators' and end-users' accounts in id order, the order their intents are applied in", () => {
    const text = `${tinyScenario({ endUsers: 15 })}pools:
  - { group: pool, count: 2, commission: 0.1 }
delegators:
  - { group: holder, count: 12, balance: 100 }
  - { group: chaser, count: 11, balance: 100, strategy: return-chasing }
`;
    const cast = castAgents(loadScenario(text, 'cast.yaml'), 1);
    const book = AccountBook.from(cast.balances);
    for (const players of [cast.population.delegators, cast.population.endUsers]) {
      const ids = players.map((p) => p.agent.id);
      expect(ids).toEqual([...ids].sort());
      // One after another: AccountIndex.position tries the position after the last one found first.
      const first = book.positionOf(ids[0] as string) as number;
      expect(ids.map((id) => book.positionOf(id))).toEqual(ids.map((_, i) => first + i));
      expect(players.map((p) => p.account)).toEqual(ids.map((_, i) => first + i));
    }
  });

  it("enters miners' operator accounts in the miners' id order, the order their slots and payouts take", () => {
    // 12 and 3 miners in two groups: numbered ids (m-1, m-2, …, m-10) are not in id order as cast.
    const cast = castAgents(loadScenario(tinyScenario({ miners: 12, lateMiners: 3 }), 'cast.yaml'), 1);
    const book = AccountBook.from(cast.balances);
    const ids = cast.population.miners.map((p) => p.agent.id);
    expect(ids).toEqual([...ids].sort());
    const owners = cast.population.miners.map((p) => p.agent.owner);
    const first = book.positionOf(owners[0] as string) as number;
    expect(owners.map((owner) => book.positionOf(owner))).toEqual(owners.map((_, i) => first + i));
    // Each operator holds its miner's stake and its group's balance, whatever the order.
    for (const p of cast.population.miners) expect(book.get(p.agent.owner)).toBe(p.agent.stake);
  });
});
