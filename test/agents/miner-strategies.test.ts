import { describe, expect, it } from 'vitest';
import { burstyFaults } from '../../src/agents/miners/bursty-faults.js';
import { capacityExpanding } from '../../src/agents/miners/capacity-expanding.js';
import { nextPayoutEra, payoutIntents, payoutPolicy } from '../../src/agents/miners/payout-policy.js';
import { profitSeeking } from '../../src/agents/miners/profit-seeking.js';
import { pricePath } from '../../src/agents/market.js';
import type { AgentEnv, MinerAgent } from '../../src/agents/strategy.js';
import { copyMiners } from '../../src/mechanism/miner-columns.js';
import { rngFor } from '../../src/mechanism/rng.js';
import type { EraState, Miner } from '../../src/mechanism/types.js';
import { makeMiner, PHA, play, stubEnv } from '../helpers.js';

const agent = (id: string, fields: Partial<MinerAgent> = {}): MinerAgent => ({
  id,
  group: 'g',
  owner: `op:${id}`,
  performance: 1000,
  confidence: 1,
  stake: 0,
  joinEra: 0,
  ...fields,
});

const env = (fields: Partial<AgentEnv> = {}) => stubEnv({ rewardEstimate: () => 10, ...fields });

/** A view at `era` with the given miner records. */
function viewWith(era: number, miners: Miner[]): EraState {
  const { states } = play({}, [[]]);
  const rows = copyMiners(miners, new Map());
  return {
    ...states[0]!,
    era,
    miners: rows.miners,
    minerColumns: rows.columns,
    minerSlots: new Map(miners.map((m) => [m.id, m.slot])),
  };
}

describe('payout policies (paper §4)', () => {
  const record = makeMiner({ joinedEra: 3, accrued: 5 * PHA });
  it.each([
    ['every 4 eras of service: era 6 is the 4th', { every: 4 }, 6, true],
    ['every 4 eras: not era 7', { every: 4 }, 7, false],
    ['when 5 PHA are available', { when_available: 5 }, 9, true],
    ['not before 6 PHA are', { when_available: 6 }, 9, false],
    ['only at exit', 'at-exit', 6, false],
  ] as const)('%s', (_name, policy, era, asks) => {
    expect(payoutIntents(payoutPolicy.parse(policy), era, record).length > 0).toBe(asks);
  });

  // quietUntil's promise: the policy does not ask before the era nextPayoutEra gives.
  it.each([{ every: 1 }, { every: 4 }, { every: 7 }, { when_available: 1 }, 'at-exit'] as const)(
    'nextPayoutEra is the first later era %j asks at (or sooner)',
    (raw) => {
      const policy = payoutPolicy.parse(raw);
      for (let era = 3; era < 30; era++) {
        const next = nextPayoutEra(policy, era, record);
        expect(next).toBeGreaterThan(era);
        for (let e = era + 1; e < Math.min(next, 60); e++) expect(payoutIntents(policy, e, record)).toHaveLength(0);
        if (typeof policy === 'object' && 'every' in policy)
          expect(payoutIntents(policy, next, record)).toHaveLength(1);
      }
    },
  );
});

describe('profit-seeking (miner)', () => {
  const p = (fields: object) =>
    profitSeeking.params.parse({ hardware_cost: 3, running_cost: 1, patience: 3, ...fields });
  // Reward 10 PHA per era; cost 4 per era at the price: profit = 10 − 4 / price.
  it('joins when reward minus cost beats the threshold', () => {
    const view = viewWith(5, []);
    expect(
      profitSeeking.decide(view, agent('m'), undefined, p({}), rngFor('t'), env({ price: () => 1 }))[0]?.type,
    ).toBe('JoinMining');
    expect(profitSeeking.decide(view, agent('m'), undefined, p({}), rngFor('t'), env({ price: () => 0.3 }))).toEqual(
      [],
    );
  });
  it('leaves after `patience` eras in a row below the threshold, not before', () => {
    const record = makeMiner({ id: 'm', joinedEra: 0, bracket: 3 });
    const falling = (t: number) => (t >= 8 ? 0.3 : 1); // profit < 0 from era 8 on
    const decide = (era: number) =>
      profitSeeking.decide(
        viewWith(era, [record]),
        agent('m'),
        record,
        p({ payout: 'at-exit' }),
        rngFor('t'),
        env({ price: falling }),
      );
    expect(decide(9)).toEqual([]);
    expect(decide(10)).toEqual([{ type: 'LeaveMining', actor: 'm' }]);
  });
  it('waits out its cool-down, and may join again once stopped', () => {
    const cooling = makeMiner({ id: 'm', state: 'CoolingDown' });
    expect(profitSeeking.decide(viewWith(5, [cooling]), agent('m'), cooling, p({}), rngFor('t'), env())).toEqual([]);
    const stopped = makeMiner({ id: 'm', state: 'Stopped' });
    expect(profitSeeking.decide(viewWith(5, [stopped]), agent('m'), stopped, p({}), rngFor('t'), env())[0]?.type).toBe(
      'JoinMining',
    );
  });
});

describe('capacity-expanding (miner, paper §1.3)', () => {
  const machines = ['g-1', 'g-2', 'g-3'].map((id) => agent(id));
  const p = capacityExpanding.params.parse({ initial: 1, top_brackets: 1, every: 10 });
  const e = env({ groupMiners: () => machines });
  const first = (bracket: number, joinedEra = 0) => makeMiner({ id: 'g-1', slot: 0, bracket, joinedEra });

  it('runs its initial machines from the start', () => {
    expect(capacityExpanding.decide(viewWith(0, []), machines[0]!, undefined, p, rngFor('t'), e)[0]?.type).toBe(
      'JoinMining',
    );
    expect(capacityExpanding.decide(viewWith(0, []), machines[1]!, undefined, p, rngFor('t'), e)).toEqual([]);
  });
  it('adds the next machine once the last served `every` eras and all sit in the top bracket', () => {
    expect(
      capacityExpanding.decide(viewWith(10, [first(5)]), machines[1]!, undefined, p, rngFor('t'), e)[0]?.type,
    ).toBe('JoinMining');
    expect(capacityExpanding.decide(viewWith(9, [first(5)]), machines[1]!, undefined, p, rngFor('t'), e)).toEqual([]);
    expect(capacityExpanding.decide(viewWith(10, [first(4)]), machines[1]!, undefined, p, rngFor('t'), e)).toEqual([]);
  });
  it('adds machines one at a time, in id order', () => {
    expect(capacityExpanding.decide(viewWith(50, [first(5)]), machines[2]!, undefined, p, rngFor('t'), e)).toEqual([]);
  });
});

describe('bursty faults', () => {
  const p = burstyFaults.params.parse({ rates: { 1: 1 }, spell_eras: 5, bad_share: 0.3 });
  const faulted = (id: string, era: number) =>
    burstyFaults.faults(era, agent(id), p, rngFor(id, era), (n) => rngFor('lasting', id, n)).length > 0;

  it('strikes in whole spells: every era of a spell agrees', () => {
    // With rate 1 in bad spells and none outside, a miner faults exactly in its bad spells, so its
    // fault record changes only at spell boundaries: 5 eras apart.
    for (const id of ['a', 'b', 'c', 'd']) {
      const changes = Array.from({ length: 60 }, (_, t) => t).filter(
        (t) => t > 0 && faulted(id, t) !== faulted(id, t - 1),
      );
      for (const t of changes) expect((t - changes[0]!) % 5).toBe(0);
    }
  });
  it('makes about `bad_share` of the spells bad', () => {
    let bad = 0;
    for (let i = 0; i < 400; i++) bad += faulted(`m${i}`, 0) ? 1 : 0;
    expect(bad / 400).toBeGreaterThan(0.2);
    expect(bad / 400).toBeLessThan(0.4);
  });
});

describe('pricePath (market)', () => {
  it('joins the given points with straight lines and holds the ends', () => {
    expect([
      ...pricePath(
        {
          path: [
            [2, 1],
            [6, 3],
          ],
        },
        8,
        1,
      ),
    ]).toEqual([1, 1, 1, 1.5, 2, 2.5, 3, 3]);
  });
  it('draws a geometric Brownian motion from the run seed', () => {
    const spec = { gbm: { start: 0.2, drift: 0, volatility: 0.05 } };
    expect([...pricePath(spec, 50, 7)]).toEqual([...pricePath(spec, 50, 7)]);
    expect([...pricePath(spec, 50, 7)]).not.toEqual([...pricePath(spec, 50, 8)]);
    expect(pricePath(spec, 50, 7).every((x) => x > 0)).toBe(true);
  });
});
