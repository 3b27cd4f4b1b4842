import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchMemo } from '../../src/mechanism/match-memo.js';
import { matchClusters, type MatchingInput } from '../../src/mechanism/matching.js';

/** What may change between two eras: each input, or none. */
const change = fc.constantFrom('none', 'none', 'list', 'budget', 'order', 'power', 'miners', 'rule', 'slots');

describe('MatchMemo (a matching taken again while its inputs stay the same)', () => {
  it('answers as matchClusters does, era after era, whatever input changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.tuple(change, fc.nat(1000)), { minLength: 1, maxLength: 12 }),
        (powers, eras) => {
          const memo = new MatchMemo();
          const miners = powers.map((_, slot) => slot);
          let input: MatchingInput = {
            power: Float64Array.from(powers),
            miners,
            budgets: [6, 4],
            lists: [Int32Array.from(miners), Int32Array.from(miners).reverse()],
            order: [0, 1],
            rule: 'algorithm1',
          };
          let slotCount = powers.length;
          for (const [what, n] of eras) {
            const power = Float64Array.from(input.power);
            if (what === 'power') power[n % powers.length] = (n % 7) + 1;
            input = {
              ...input,
              power,
              ...(what === 'list' ? { lists: [Int32Array.from(miners).sort(() => (n % 3) - 1), input.lists[1]!] } : {}),
              ...(what === 'budget' ? { budgets: [n % 12, 4] } : {}),
              ...(what === 'order' ? { order: input.order.slice().reverse() } : {}),
              ...(what === 'miners' ? { miners: miners.slice(0, n % miners.length) } : {}),
              ...(what === 'rule' ? { rule: input.rule === 'algorithm1' ? 'budget-set' : 'algorithm1' } : {}),
            };
            if (what === 'slots') slotCount += 1;
            expect(memo.match(input, slotCount)).toEqual(matchClusters(input, slotCount));
          }
        },
      ),
    );
  });

  it('takes the last matching again when nothing changed, and not once anything did', () => {
    const memo = new MatchMemo();
    const input: MatchingInput = {
      power: Float64Array.from([3, 3]),
      miners: [0, 1],
      budgets: [3],
      lists: [Int32Array.from([0, 1])],
      order: [0],
      rule: 'algorithm1',
    };
    const first = memo.match(input, 2);
    expect(memo.repeated).toBe(false);
    expect(memo.match({ ...input, budgets: [3], order: [0] }, 2)).toBe(first);
    expect(memo.repeated).toBe(true);
    const raised = memo.match({ ...input, power: Float64Array.from([3, 2]) }, 2);
    expect(raised).not.toBe(first);
    expect(memo.repeated).toBe(false);
    expect(memo.match({ ...input, lists: [Int32Array.from([0, 1])] }, 2)).not.toBe(raised); // another list
    expect(memo.repeated).toBe(false);
  });
});
