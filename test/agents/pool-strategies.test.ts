import { describe, expect, it } from 'vitest';
import { passiveDelegator } from '../../src/agents/delegators/passive.js';
import { returnChasing } from '../../src/agents/delegators/return-chasing.js';
import { greedyOwner } from '../../src/agents/pools/greedy-owner.js';
import type { AgentEnv, MinerAgent, PoolOwnerAgent } from '../../src/agents/strategy.js';
import type { Intent } from '../../src/mechanism/intents.js';
import { balanceOf } from '../../src/mechanism/ledger.js';
import { poolValue, startedByPool } from '../../src/mechanism/pools.js';
import { rngFor } from '../../src/mechanism/rng.js';
import type { EraState } from '../../src/mechanism/types.js';
import { PHA, play, stubEnv } from '../helpers.js';

// Doc 002 Case 1: workers A, B need 2000 PHA, C, D 3000 (S_min = P here).
const workers: Record<string, number> = { A: 2000, B: 2000, C: 3000, D: 3000 };
const self: PoolOwnerAgent = {
  id: 'owner',
  group: 'p',
  pool: 'p',
  commission: 0.6,
  cap: null,
  workers: Object.keys(workers),
};

function env(view: EraState, overrides: Partial<AgentEnv> = {}): AgentEnv {
  return stubEnv({
    minStake: (_C, P) => P * PHA,
    minerAgent: (id) => (workers[id] ? ({ id, performance: workers[id], confidence: 1 } as MinerAgent) : undefined),
    poolValue: (pool) => poolValue(view, pool),
    workersStarted: (pool) => startedByPool(view)[pool.index] ?? 0,
    // Every delegator of these tests is 'd'.
    ownBalance: () => balanceOf(view.ledger, 'd'),
    poolsOf: (d) =>
      view.pools.filter((p) => (p.members.get(view.ledger.balances.positionOf(d) ?? -1)?.shares ?? 0n) > 0n),
    poolsByReturn: () => view.pools.slice().sort((a, b) => b.returnEma - a.returnEma),
    recentForcedStops: (era) => view.pools.some((p) => p.lastForcedStop !== null && p.lastForcedStop >= era),
    ...overrides,
  });
}

const create: Intent = { type: 'CreatePool', actor: 'owner', pool: 'p', commission: 0.6, cap: null };
const add = Object.keys(workers).map((miner): Intent => ({ type: 'AddWorker', actor: 'owner', pool: 'p', miner }));
const delegate = (actor: string, amount: number, pool = 'p'): Intent => ({
  type: 'Delegate',
  actor,
  pool,
  amount: amount * PHA,
});
const params = (p: object) => greedyOwner.params.parse(p);
const start = (miner: string): Intent => ({
  type: 'StartWorker',
  actor: 'owner',
  pool: 'p',
  miner,
  stake: workers[miner]! * PHA,
  performance: workers[miner]!,
  confidence: 1,
});

describe('greedy-owner (pool owner)', () => {
  it('creates its pool and adds its workers first', () => {
    const { states } = play({}, [[]]);
    const intents = greedyOwner.decide(states[0]!, self, params({}), rngFor('t'), env(states[0]!));
    expect(intents.map((i) => i.type)).toEqual(['CreatePool', 'AddWorker', 'AddWorker', 'AddWorker', 'AddWorker']);
  });

  it('starts workers in order while free stake covers the next minimum (doc 002 Case 1)', () => {
    const { states } = play({ d: 7000 }, [[create, ...add, delegate('d', 7000)]]);
    const intents = greedyOwner.decide(states[0]!, self, params({}), rngFor('t'), env(states[0]!));
    expect(intents.map((i) => (i.type === 'StartWorker' ? [i.miner, i.stake / PHA] : i.type))).toEqual([
      ['A', 2000],
      ['B', 2000],
      ['C', 3000],
    ]);
  });

  it('asks for nothing once every worker is started, free stake or not', () => {
    const { states } = play({ d: 20000 }, [[create, ...add, delegate('d', 20000)], Object.keys(workers).map(start)]);
    const view = states[1]!;
    expect(startedByPool(view)[0]).toBe(4);
    expect(view.pools[0]!.free).toBe(10000 * PHA);
    expect(greedyOwner.decide(view, self, params({}), rngFor('t'), env(view))).toEqual([]);
    // Told that fewer are started, it walks its workers and finds none to start.
    expect(greedyOwner.decide(view, self, params({}), rngFor('t'), env(view, { workersStarted: () => 0 }))).toEqual([]);
  });

  it('keeps a buffer of free stake', () => {
    // Buffer 50% of 7000: 3500 may be staked: A (2000) fits, B (2000 more) does not.
    const { states } = play({ d: 7000 }, [[create, ...add, delegate('d', 7000)]]);
    const intents = greedyOwner.decide(states[0]!, self, params({ buffer: 0.5 }), rngFor('t'), env(states[0]!));
    expect(intents.map((i) => (i.type === 'StartWorker' ? i.miner : i.type))).toEqual(['A']);
  });

  it('stops the last-added workers until their stake covers the queue', () => {
    const { states } = play({ d: 10000 }, [
      [create, ...add, delegate('d', 10000), start('A'), start('B'), start('C'), start('D')],
      [{ type: 'Withdraw', actor: 'd', pool: 'p', amount: 2500 * PHA }],
    ]);
    const intents = greedyOwner.decide(states[1]!, self, params({}), rngFor('t'), env(states[1]!));
    expect(intents).toEqual([{ type: 'StopWorker', actor: 'owner', pool: 'p', miner: 'D' }]);
    expect(greedyOwner.decide(states[1]!, self, params({ cover_queue: false }), rngFor('t'), env(states[1]!))).toEqual(
      [],
    );
  });
});

describe('passive (delegator)', () => {
  it('delegates its share of its balance once, at its join era', () => {
    const { states } = play({ d: 1000 }, [[create]]);
    const view = { ...states[0]!, era: 3 };
    const p = passiveDelegator.params.parse({ fraction: 0.5, pool: 'p' });
    expect(
      passiveDelegator.decide(view, { id: 'd', group: 'd', joinEra: 4, phase: 0 }, p, rngFor('t'), env(view)),
    ).toEqual([]);
    expect(
      passiveDelegator.decide(view, { id: 'd', group: 'd', joinEra: 3, phase: 0 }, p, rngFor('t'), env(view)),
    ).toEqual([delegate('d', 500)]);
  });

  it('does nothing once it has delegated', () => {
    const { states } = play({ d: 1000 }, [[create, delegate('d', 400)]]);
    const p = passiveDelegator.params.parse({});
    expect(
      passiveDelegator.decide(
        states[0]!,
        { id: 'd', group: 'd', joinEra: 0, phase: 0 },
        p,
        rngFor('t'),
        env(states[0]!),
      ),
    ).toEqual([]);
  });
});

describe('return-chasing (delegator)', () => {
  function twoPools(emaP: number, emaQ: number, forced: number | null = null): EraState {
    const { states } = play({ d: 1000, owner: 0, o2: 0 }, [
      [create, { type: 'CreatePool', actor: 'o2', pool: 'q', commission: 0, cap: null }, delegate('d', 1000)],
    ]);
    const s = states[0]!;
    return {
      ...s,
      era: 7,
      pools: [
        { ...s.pools[0]!, returnEma: emaP, lastForcedStop: forced },
        { ...s.pools[1]!, returnEma: emaQ },
      ],
    };
  }
  const agent = { id: 'd', group: 'd', joinEra: 0, phase: 0 };
  const p = returnChasing.params.parse({ review_every: 7, hysteresis: 0.2 });

  it('moves to a pool whose return beats its own by more than the hysteresis', () => {
    const view = twoPools(0.001, 0.0013);
    expect(returnChasing.decide(view, agent, p, rngFor('t'), env(view))).toEqual([
      { type: 'Withdraw', actor: 'd', pool: 'p', amount: 'all' },
    ]);
  });

  it('stays when the better return is within the hysteresis', () => {
    const view = twoPools(0.001, 0.00115);
    expect(returnChasing.decide(view, agent, p, rngFor('t'), env(view))).toEqual([]);
  });

  it('reviews on a day of its own in the cycle', () => {
    const view = twoPools(0.001, 0.0013);
    const later = { ...agent, phase: 3 / 7 }; // reviews when (era + 3) % 7 === 0: era 4, not 7
    expect(returnChasing.decide(view, later, p, rngFor('t'), env(view))).toEqual([]);
    expect(returnChasing.decide({ ...view, era: 4 }, later, p, rngFor('t'), env({ ...view, era: 4 }))[0]?.type).toBe(
      'Withdraw',
    );
  });

  it('stays between reviews', () => {
    const view = { ...twoPools(0.001, 0.01), era: 8 };
    expect(returnChasing.decide(view, agent, p, rngFor('t'), env(view))).toEqual([]);
  });

  it('leaves a pool whose workers were forced to stop, even between reviews', () => {
    const view = { ...twoPools(0.001, 0.001, 6), era: 8 };
    expect(returnChasing.decide(view, agent, p, rngFor('t'), env(view))).toEqual([
      { type: 'Withdraw', actor: 'd', pool: 'p', amount: 'all' },
    ]);
  });

  it('says it is quiet until its next review day, the first later era it would move at', () => {
    const base = twoPools(0.001, 0.0013); // a better pool: it moves on every review day
    for (const [joinEra, phase, every] of [
      [0, 0, 7],
      [3, 3 / 7, 7],
      [5, 0.9, 4],
      [0, 0.5, 1],
    ] as const) {
      const self = { ...agent, joinEra, phase };
      const params = returnChasing.params.parse({ review_every: every, hysteresis: 0.2 });
      const moves = (era: number) =>
        returnChasing.decide({ ...base, era }, self, params, rngFor('t'), env({ ...base, era })).length > 0;
      for (let era = 0; era < 20; era++) {
        const next = returnChasing.quietUntil!(era, self, params);
        let first = era + 1;
        while (!moves(first)) first++;
        expect(next, `join ${joinEra}, phase ${phase}, every ${every}, era ${era}`).toBe(first);
      }
    }
  });

  it('keeps the place of a withdrawal already waiting in the queue instead of asking again', () => {
    const view = twoPools(0.001, 0.0013);
    const queued = (delegator: string): EraState => ({
      ...view,
      pools: [{ ...view.pools[0]!, queue: [{ delegator, shares: 1n, since: 5 }] }, view.pools[1]!],
    });
    expect(returnChasing.decide(queued('d'), agent, p, rngFor('t'), env(queued('d')))).toEqual([]);
    // Another delegator's request in the queue is no reason to stay.
    expect(returnChasing.decide(queued('e'), agent, p, rngFor('t'), env(queued('e')))).toEqual([
      { type: 'Withdraw', actor: 'd', pool: 'p', amount: 'all' },
    ]);
  });
});
