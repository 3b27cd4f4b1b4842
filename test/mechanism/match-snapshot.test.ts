import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchSnapshot, type MatchInstance } from '../../src/mechanism/match-snapshot.js';
import { matchClusters, orderClustersByStake } from '../../src/mechanism/matching.js';
import { rngFor, shuffled } from '../../src/mechanism/rng.js';

const fiveMiners = JSON.parse(
  readFileSync(new URL('../fixtures/five-miners.json', import.meta.url), 'utf8'),
) as MatchInstance;

/*
 * Hand-worked instance (test/fixtures/five-miners.json), worked out on paper:
 *   P = 100 + 200 + 300 + 150 + 250 = 1000; α·P = 100; stakes 5000 : 3000 : 1000 of 9000
 *   budgets: c1 = 900·5/9 = 500, c2 = 300, c3 = 100.
 *   algorithm1 (Appendix A): c1 takes m3 (300), m2 (500); m5 would make 750 > 500: stop.
 *     c2 skips m2 (taken), takes m5 (250); m4 would make 400 > 300: stop.
 *     c3: m4 (150) > 100: stop with nothing. m1, m4 go to the general cluster: 250.
 *   budget-set (§3 text): c2 also skips m4 and m1 (350 > 300); c3 skips m4 and takes m1 (100).
 *   U = min(1000, 500 + 300 + 100) = 900.
 *   Points (m = 5): m1 2+2+4 = 8, m2 4+5+3 = 12, m3 5+1+2 = 8, m4 1+3+5 = 9, m5 3+4+1 = 8.
 *   Brackets (k = 5): ascending m1, m3, m5 (8, tie), m4 (9), m2 (12) at q = 0..4:
 *     the tie takes ⌊0·5/5⌋+1 = 1 (SPEC §3.5), m4 ⌊3·5/5⌋+1 = 4, m2 5.
 */
describe('phala-sim match on a hand-worked instance', () => {
  it('follows Algorithm 1 (stop at the first misfit)', () => {
    const out = matchSnapshot(fiveMiners);
    expect(out.totalPower).toBe(1000);
    expect(out.reservedPower).toBe(100);
    expect(out.budgets).toEqual({ c1: 500, c2: 300, c3: 100 });
    expect(out.allocated).toEqual({ c1: 500, c2: 250, c3: 0 });
    expect(out.assignment).toEqual({ m1: 'general', m2: 'c1', m3: 'c1', m4: 'general', m5: 'c2' });
    expect(out.generalPower).toBe(250);
    expect(out.upperBound).toBe(900);
    expect(out.efficiency).toBeCloseTo(750 / 900, 12);
    expect(out.points).toEqual({ m1: 8, m2: 12, m3: 8, m4: 9, m5: 8 });
    expect(out.brackets).toEqual({ m1: 1, m2: 5, m3: 1, m4: 4, m5: 1 });
  });

  it('follows the budget-set rule (skip a misfit, go on down the list)', () => {
    const out = matchSnapshot({ ...fiveMiners, rule: 'budget-set' });
    expect(out.allocated).toEqual({ c1: 500, c2: 250, c3: 100 });
    expect(out.assignment).toEqual({ m1: 'c3', m2: 'c1', m3: 'c1', m4: 'general', m5: 'c2' });
    expect(out.generalPower).toBe(150);
    expect(out.efficiency).toBeCloseTo(850 / 900, 12);
  });

  it('draws missing preference lists from the seed, the same each time', () => {
    const noLists = { ...fiveMiners, clusters: fiveMiners.clusters.map(({ id, stake }) => ({ id, stake })) };
    expect(matchSnapshot(noLists)).toEqual(matchSnapshot(noLists));
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(matchSnapshot({ ...noLists, seed }).points)));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('with no clusters sends every miner to the general cluster, all in bracket 1', () => {
    const out = matchSnapshot({ ...fiveMiners, clusters: [] });
    expect(Object.values(out.assignment)).toEqual(['general', 'general', 'general', 'general', 'general']);
    expect(Object.values(out.brackets)).toEqual([1, 1, 1, 1, 1]);
    expect(out.efficiency).toBeNull();
  });
});

describe('orderClustersByStake (paper §3)', () => {
  it('walks clusters in decreasing stake', () => {
    expect(orderClustersByStake([10, 30, 20], rngFor('t'))).toEqual([1, 2, 0]);
  });
  it('orders equal stakes at random, by the stream', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => orderClustersByStake([5, 5, 5, 9], rngFor('tie', i)).join()),
    );
    expect(orders.size).toBeGreaterThan(1);
    for (const o of orders) expect(o.startsWith('3,')).toBe(true);
  });
  it('draws nothing when no two stakes are equal', () => {
    const untouchable = {
      next(): number {
        throw new Error('drawn from');
      },
    };
    expect(orderClustersByStake([10, 30, 20, 25], untouchable)).toEqual([1, 3, 2, 0]);
  });
  it('gives the order a shuffle then a stable sort gives, with ties or without', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 9 }), fc.nat(), (stakes, seed) => {
        const byStake = (a: number, b: number) => (stakes[b] as number) - (stakes[a] as number);
        const reference = shuffled(
          stakes.map((_, i) => i),
          rngFor('order', seed),
        ).sort(byStake);
        expect(orderClustersByStake(stakes, rngFor('order', seed))).toEqual(reference);
      }),
    );
  });
});

describe('matchClusters', () => {
  it('flags a walk that stopped at a misfit, not one that ran out of miners', () => {
    const m = matchClusters(
      {
        power: [5, 5],
        miners: [0, 1],
        budgets: [7, 100],
        lists: [
          [0, 1],
          [0, 1],
        ],
        order: [0, 1],
        rule: 'algorithm1',
      },
      2,
    );
    expect(m.stoppedAtMisfit).toEqual([true, false]);
    expect(m.allocated).toEqual([5, 5]);
  });
});
