import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomPreferences } from '../../src/agents/developers/random-preferences.js';
import { copyAroundPlaces, interleaveAtPlaces } from '../../src/mechanism/random-insertion.js';
import { staticCluster } from '../../src/agents/developers/static-cluster.js';
import { alwaysOn } from '../../src/agents/miners/always-on.js';
import { independentFaults } from '../../src/agents/miners/independent-faults.js';
import { poolWorker } from '../../src/agents/miners/pool-worker.js';
import type { AgentEnv, MinerAgent } from '../../src/agents/strategy.js';
import { rngFor, shuffleInPlace } from '../../src/mechanism/rng.js';
import { freshList } from '../../src/mechanism/preference-lists.js';
import { makeMiner, PHA, play } from '../helpers.js';

const self: MinerAgent = {
  id: 'm1',
  group: 'g',
  owner: 'op:m1',
  performance: 1000,
  confidence: 1,
  stake: 5 * PHA,
  joinEra: 3,
};
const env = {} as AgentEnv;
const view = (era: number) => ({ ...play({}, [[]]).states[0]!, era });

describe('always-on (miner)', () => {
  const p = alwaysOn.params.parse({ payout: { every: 2 } });
  it('joins at its join era with its stake, not before', () => {
    expect(alwaysOn.decide(view(2), self, undefined, p, rngFor('t'), env)).toEqual([]);
    expect(alwaysOn.decide(view(3), self, undefined, p, rngFor('t'), env)).toEqual([
      { type: 'JoinMining', actor: 'm1', owner: 'op:m1', performance: 1000, confidence: 1, stake: 5 * PHA },
    ]);
  });
  it('asks for payouts by its policy, and leaves with its exit chance', () => {
    const record = makeMiner({ joinedEra: 3 });
    expect(alwaysOn.decide(view(4), self, record, p, rngFor('t'), env)).toEqual([
      { type: 'RequestPayout', actor: 'm1', amount: 'all' },
    ]);
    expect(alwaysOn.decide(view(5), self, record, p, rngFor('t'), env)).toEqual([]);
    const leaving = alwaysOn.params.parse({ exit_probability: 1 });
    expect(alwaysOn.decide(view(5), self, record, leaving, rngFor('t'), env)).toEqual([
      { type: 'LeaveMining', actor: 'm1' },
    ]);
  });
});

describe('pool-worker (miner)', () => {
  it('never joins by itself; asks for payouts once its pool started it', () => {
    const p = poolWorker.params.parse({ payout: { every: 1 } });
    expect(poolWorker.decide(view(9), self, undefined, p, rngFor('t'), env)).toEqual([]);
    expect(poolWorker.decide(view(9), self, makeMiner({ pool: 'p' }), p, rngFor('t'), env)).toEqual([
      { type: 'RequestPayout', actor: 'm1', amount: 'all' },
    ]);
  });
});

describe('independent (fault model)', () => {
  it('strikes each level with its own chance per era', () => {
    const p = independentFaults.params.parse({ rates: { 1: 0.5, 3: 0 } });
    let level1 = 0;
    for (let era = 0; era < 400; era++) {
      const faults = independentFaults.faults(era, self, p, rngFor('f', era), () => rngFor('x'));
      expect(faults.every((f) => f.level === 1 && f.miner === 'm1')).toBe(true);
      level1 += faults.length;
    }
    expect(level1).toBeGreaterThan(160);
    expect(level1).toBeLessThan(240);
  });
});

describe('static (developer)', () => {
  const dev = { id: 'dev', group: 'c', cluster: 'c-1', stake: 7 * PHA, cap: null, createEra: 2, policy: 'random' };
  it('creates its cluster at its create era, once', () => {
    expect(staticCluster.decide(view(1), dev, {}, rngFor('t'))).toEqual([]);
    expect(staticCluster.decide(view(2), dev, {}, rngFor('t'))).toEqual([
      { type: 'CreateCluster', actor: 'dev', cluster: 'c-1', stake: 7 * PHA, cap: null, policy: 'random' },
    ]);
  });
});

describe('random (preference policy, paper §3)', () => {
  const policy = randomPreferences.create({}, { minerIdsOf: () => [] });
  const v = { era: 0, miners: [], allocate: freshList };
  it('draws every miner once, in an order that depends on the stream', () => {
    const slots = Array.from({ length: 20 }, (_, i) => i);
    const a = policy.draw(slots, v, rngFor('a'));
    expect([...a].sort((x, y) => x - y)).toEqual(slots);
    expect(policy.draw(slots, v, rngFor('b'))).not.toEqual(a);
  });
  it('keeps the order of those already listed when miners join, and drops those who left', () => {
    const flags = new Uint8Array(10);
    flags[2] = 1;
    const updated = [...policy.update(Int32Array.from([5, 2, 9, 1]), { flags, count: 1 }, [7], v, rngFor('c'))];
    expect(updated.filter((s) => s !== 7)).toEqual([5, 9, 1]);
    expect(updated).toContain(7);
  });
});

describe('insertAtRandom (random positions in one pass)', () => {
  it('places newcomers as uniformly as inserting them one by one', async () => {
    const { insertAtRandom } = await import('../../src/mechanism/random-insertion.js');
    // Two old entries [a, b] and one newcomer: each of the 3 places equally likely (1/3 each);
    // two newcomers: each of the 4!/2! = 12 arrangements equally likely.
    const counts = new Map<string, number>();
    for (let i = 0; i < 12000; i++) {
      const key = [...insertAtRandom([1, 2], [8, 9], rngFor('ins', i))].join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(12);
    for (const [key, n] of counts) {
      expect(key.indexOf('1')).toBeLessThan(key.indexOf('2'));
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    }
  });
});

describe('insertAtRandom with few newcomers in a long list', () => {
  it('puts a newcomer at each of the m + 1 places equally often, and two never at the same place', async () => {
    const { insertAtRandom } = await import('../../src/mechanism/random-insertion.js');
    const list = Array.from({ length: 39 }, (_, i) => i);
    const counts = new Array(41).fill(0);
    for (let i = 0; i < 20500; i++) {
      const out = [...insertAtRandom(list, [100, 101], rngFor('few', i))];
      expect(out).toHaveLength(41);
      counts[out.indexOf(100)] += 1;
    }
    // 20500 draws over 41 places: 500 expected each; ±25% is far beyond chance.
    for (const n of counts) {
      expect(n).toBeGreaterThan(375);
      expect(n).toBeLessThan(625);
    }
  });
});

describe('the merges of insertAtRandom', () => {
  it('put newcomer i at places[i] and the staying entries in order elsewhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer(),
        (m, j, gone, seed) => {
          const rng = rngFor('merge', seed);
          const total = m + j;
          const places = Array.from({ length: total }, (_, p) => p);
          shuffleInPlace(places, rng);
          const chosen = places.slice(0, j).sort((a, b) => a - b);
          const newcomers = Int32Array.from([...Array.from({ length: j }, (_, i) => 1000 + i), 0]);
          const expected: number[] = [];
          let r = 0;
          let i = 0;
          for (let p = 0; p < total; p++) expected.push(chosen[i] === p ? 1000 + i++ : r++);
          // The branch-free merge takes the kept entries compacted, and newcomers one entry past their last.
          const dense = new Int32Array(total);
          const kept = Int32Array.from({ length: m }, (_, k) => k);
          expect(interleaveAtPlaces(dense, kept, newcomers, Int32Array.from([...chosen, total]))).toBe(j);
          expect([...dense]).toEqual(expected);
          // The other skips departed entries (slots 500…) scattered through the old list.
          const list = Array.from({ length: m }, (_, k) => k);
          for (let g = 0; g < gone; g++) list.splice(Math.floor(rng.next() * (list.length + 1)), 0, 500 + g);
          const flags = new Uint8Array(600);
          for (let g = 0; g < gone; g++) flags[500 + g] = 1;
          // From a plain array, and from a typed one (which, with nobody departed, is copied in runs).
          for (const from of [list, Int32Array.from(list)]) {
            const sparse = new Int32Array(total);
            copyAroundPlaces(sparse, from, { flags, count: gone }, newcomers, Int32Array.from(chosen), j);
            expect([...sparse]).toEqual(expected);
          }
        },
      ),
    );
  });
});
