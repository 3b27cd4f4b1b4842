import { describe, expect, it } from 'vitest';
import { capHeadroom } from '../../src/agents/developers/cap-headroom.js';
import { confidenceFirst } from '../../src/agents/developers/confidence-first.js';
import { performanceFirst } from '../../src/agents/developers/performance-first.js';
import { stickyPreferences } from '../../src/agents/developers/sticky-preferences.js';
import { sybilPopularity } from '../../src/agents/developers/sybil-popularity.js';
import { crowdFollower } from '../../src/agents/end-users/crowd-follower.js';
import { utilityStaker } from '../../src/agents/end-users/utility-staker.js';
import type { ClusterOffer } from '../../src/agents/strategy.js';
import type { Intent } from '../../src/mechanism/intents.js';
import { rngFor } from '../../src/mechanism/rng.js';
import { freshList } from '../../src/mechanism/preference-lists.js';
import type { EraState } from '../../src/mechanism/types.js';
import { makeMiner, PHA, play, stubEnv } from '../helpers.js';

// Five miners: P 300, 500, 100, 500, 200; C 1, 0.7, 1, 1, 0.8.
const miners = [300, 500, 100, 500, 200].map((performance, slot) =>
  makeMiner({ id: `m${slot}`, slot, performance, confidence: [1, 0.7, 1, 1, 0.8][slot]! }),
);
const view = { era: 0, miners, allocate: freshList };
const none = { minerIdsOf: () => [] };
const stay = { flags: new Uint8Array(5), count: 0 };
const left = (slot: number) => {
  const flags = new Uint8Array(5);
  flags[slot] = 1;
  return { flags, count: 1 };
};

describe('preference policies (paper §3)', () => {
  it('performance-first ranks by P, ties by arrival, and inserts newcomers at their place', () => {
    const policy = performanceFirst.create({}, none);
    expect([...policy.draw([0, 1, 2, 3], view, rngFor('t'))]).toEqual([1, 3, 0, 2]);
    expect([...policy.update(Int32Array.from([1, 3, 0, 2]), stay, [4], view, rngFor('t'))]).toEqual([1, 3, 0, 4, 2]);
    // Miner 3 left: dropped in the same pass.
    expect([...policy.update(Int32Array.from([1, 3, 0, 2]), left(3), [4], view, rngFor('t'))]).toEqual([1, 0, 4, 2]);
  });
  it('confidence-first puts miners of at least the minimum confidence first, each part by P', () => {
    const policy = confidenceFirst.create({ min_confidence: 1 }, none);
    expect([...policy.draw([0, 1, 2, 3, 4], view, rngFor('t'))]).toEqual([3, 0, 2, 1, 4]);
  });
  it('sticky keeps the order and appends newcomers', () => {
    const policy = stickyPreferences.create({ newcomers: 'end' }, none);
    expect([...policy.update(Int32Array.from([2, 0, 1]), stay, [4, 3], view, rngFor('t'))]).toEqual([2, 0, 1, 4, 3]);
  });
  it('sybil-popularity ranks its miner group first, newcomers of it too', () => {
    const policy = sybilPopularity.create({ miners: 'attacker' }, { minerIdsOf: () => ['m2', 'm4'] });
    const list = policy.draw([0, 1, 2, 3], view, rngFor('t'));
    expect(list[0]).toBe(2);
    expect([...list].sort()).toEqual([0, 1, 2, 3]);
    expect([...policy.update(list, stay, [4], view, rngFor('t')).subarray(0, 2)]).toEqual([2, 4]);
  });
});

const create = (actor: string, cluster: string, stake: number): Intent => ({
  type: 'CreateCluster',
  actor,
  cluster,
  stake: stake * PHA,
  cap: null,
  policy: 'random',
});

describe('cap-headroom (developer)', () => {
  it('keeps its cap a share above its stake, at each review', () => {
    const { states } = play({ dev: 1000 }, [[create('dev', 'c', 1000)]]);
    const self = { id: 'dev', group: 'c', cluster: 'c', stake: 1000 * PHA, cap: null, createEra: 0, policy: 'random' };
    const p = capHeadroom.params.parse({ headroom: 0.25, review_every: 7 });
    expect(capHeadroom.decide({ ...states[0]!, era: 7 }, self, p, rngFor('t'))).toEqual([
      { type: 'SetClusterCap', actor: 'dev', cluster: 'c', cap: 1250 * PHA },
    ]);
    expect(capHeadroom.decide({ ...states[0]!, era: 8 }, self, p, rngFor('t'))).toEqual([]);
  });
});

const endUserEnv = (offers: ClusterOffer[]) => stubEnv({ clusterOffers: () => offers });

describe('utility-staker (end-user)', () => {
  // Clusters a (stake 1000) and b (stake 100): a offers 1000 quality, b 200: per PHA 1 and 2.
  const offers = [
    { index: 0, power: 1000, quality: 1000 },
    { index: 1, power: 200, quality: 200 },
  ];
  const self = { id: 'u', group: 'u', joinEra: 0 };
  const p = utilityStaker.params.parse({ review_every: 7, hysteresis: 0.2 });

  it('stakes where a PHA buys the most confidence-weighted power', () => {
    const { states } = play({ da: 1000, db: 100, u: 50 }, [[create('da', 'a', 1000), create('db', 'b', 100)]]);
    expect(utilityStaker.decide(states[0]!, self, p, rngFor('t'), endUserEnv(offers))).toEqual([
      { type: 'StakeCluster', actor: 'u', cluster: 'b', amount: 50 * PHA },
    ]);
  });
  it('moves at a review when another cluster beats its own by the hysteresis', () => {
    const { states } = play({ da: 1000, db: 100, u: 50 }, [
      [
        create('da', 'a', 1000),
        create('db', 'b', 100),
        { type: 'StakeCluster', actor: 'u', cluster: 'a', amount: 50 * PHA },
      ],
    ]);
    const view: EraState = { ...states[0]!, era: 7 };
    expect(utilityStaker.decide(view, self, p, rngFor('t'), endUserEnv(offers))).toEqual([
      { type: 'UnstakeCluster', actor: 'u', cluster: 'a', amount: 'all' },
    ]);
    expect(utilityStaker.decide({ ...view, era: 8 }, self, p, rngFor('t'), endUserEnv(offers))).toEqual([]);
  });
  it('stakes no more than a cap leaves room for', () => {
    const { states } = play({ db: 100, u: 500 }, [[{ ...create('db', 'b', 100), cap: 130 * PHA } as Intent]]);
    expect(utilityStaker.decide(states[0]!, self, p, rngFor('t'), endUserEnv([offers[1]!]))).toEqual([
      { type: 'StakeCluster', actor: 'u', cluster: 'b', amount: 30 * PHA },
    ]);
  });
});

describe('crowd-follower (end-user)', () => {
  it('picks clusters in proportion to their stake', () => {
    const { states } = play({ da: 900, db: 100, u: 10 }, [[create('da', 'a', 900), create('db', 'b', 100)]]);
    let a = 0;
    for (let i = 0; i < 300; i++) {
      const [intent] = crowdFollower.decide(
        states[0]!,
        { id: 'u', group: 'u', joinEra: 0 },
        { fraction: 1 },
        rngFor('crowd', i),
        endUserEnv([]),
      );
      if (intent?.type === 'StakeCluster' && intent.cluster === 'a') a += 1;
    }
    expect(a / 300).toBeGreaterThan(0.8);
    expect(a / 300).toBeLessThan(0.97);
  });
});
