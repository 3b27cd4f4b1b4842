import { describe, expect, it } from 'vitest';
import { createGenesis, stepEra, type EraInputs } from '../../src/mechanism/era.js';
import { supplyGap } from '../../src/mechanism/ledger.js';
import type { EraState } from '../../src/mechanism/types.js';
import { makeContext, PHA } from '../helpers.js';

const join: EraInputs['intents'][number] = {
  type: 'JoinMining',
  actor: 'm1',
  owner: 'op:m1',
  performance: 1000,
  confidence: 1,
  stake: 100 * PHA,
};

/** A developer's cluster with 10 PHA of stake and random preferences. */
const create = {
  type: 'CreateCluster',
  actor: 'dev',
  cluster: 'c1',
  stake: 10 * PHA,
  cap: null,
  policy: 'random',
} as const;

function run(eras: EraInputs[]): EraState[] {
  let state = createGenesis({ balances: [['op:m1', 100 * PHA]], subsidyPool: 1000 * PHA, treasury: 0 });
  const states: EraState[] = [];
  eras.forEach((inputs, era) => {
    const result = stepEra(state, inputs, makeContext(era));
    expect(supplyGap(result.state)).toBe(0);
    state = result.state;
    states.push(state);
  });
  return states;
}

/*
 * One miner, P = 1000, C = 1, k = 1: f = C·P/1000 = 1 PHA, g = b − 1 = 0, S = 100 PHA,
 * a level-1 fault costs 5 PHA, cool-down 2 eras. Worked out by hand:
 *   era 0: joins, V = 1.                 era 1: V = 2, payout of all: w = 2.
 *   era 2: V = 3, slash 5: 1 from the promise (3 − 2), 4 from the stake; stake left 96.
 *   era 3: leaves (no accrual).          era 5: cool-down over: W = 100 + 3 − 5 − 2 = 96.
 * Owner: 100 − 100 + 2 + 96 = 98; treasury 5; subsidy pool 1000 − 2 − 1 = 997; 98 + 5 + 997 = 1100.
 */
describe('stepEra on a hand-worked timeline (paper §4, SPEC §3)', () => {
  const states = run([
    { intents: [join], faults: [] },
    { intents: [{ type: 'RequestPayout', actor: 'm1', amount: 'all' }], faults: [] },
    { intents: [], faults: [{ miner: 'm1', level: 1 }] },
    { intents: [{ type: 'LeaveMining', actor: 'm1' }], faults: [] },
    { intents: [], faults: [] },
    { intents: [], faults: [] },
  ]);
  const miner = (era: number) => states[era]!.miners[0]!;

  it('accrues f + g each era the miner is online, and not while cooling down', () => {
    expect([0, 1, 2, 3, 4].map((e) => miner(e).accrued / PHA)).toEqual([1, 2, 3, 3, 3]);
  });
  it('caps the payout at the net promise', () => {
    expect(miner(1).paid).toBe(2 * PHA);
  });
  it('takes a slash from the promise first, then the stake', () => {
    expect(miner(2).stakeLocked).toBe(96 * PHA);
    expect(states[2]!.ledger.treasury).toBe(5 * PHA);
  });
  it('pays W after the cool-down, not before', () => {
    expect(miner(4).state).toBe('CoolingDown');
    expect(miner(5).state).toBe('Stopped');
    expect(states[4]!.ledger.balances.get('op:m1')).toBe(2 * PHA);
    expect(states[5]!.ledger.balances.get('op:m1')).toBe(98 * PHA);
    expect(states[5]!.ledger.subsidyPool).toBe(997 * PHA);
  });
});

describe('stepEra rules', () => {
  it('refuses an intent the rules forbid, counts it, and goes on', () => {
    const genesis = createGenesis({ balances: [['op:m1', 10 * PHA]], subsidyPool: 0, treasury: 0 });
    const result = stepEra(
      genesis,
      { intents: [join, { type: 'LeaveMining', actor: 'zz' }], faults: [] },
      makeContext(0),
    );
    expect(result.report.tally.refused).toBe(2);
    expect(result.events.map((e) => e.type)).toEqual(['IntentRefused', 'IntentRefused']);
    expect(result.state.miners).toHaveLength(0);
  });

  it('does not change the state it was given', () => {
    const genesis = createGenesis({ balances: [['op:m1', 100 * PHA]], subsidyPool: 10 * PHA, treasury: 0 });
    const once = stepEra(genesis, { intents: [join], faults: [] }, makeContext(0));
    const snapshot = JSON.stringify(once.state.miners);
    stepEra(
      once.state,
      { intents: [{ type: 'LeaveMining', actor: 'm1' }], faults: [{ miner: 'm1', level: 1 }] },
      makeContext(1),
    );
    expect(JSON.stringify(once.state.miners)).toBe(snapshot);
    expect(genesis.miners).toHaveLength(0);
  });

  it('slashes the miner a fault names, whatever slot it gives', () => {
    const two = [join, { ...join, actor: 'm2', owner: 'op:m2' }];
    const genesis = createGenesis({
      balances: two.map((m) => [m.owner, 100 * PHA] as const),
      subsidyPool: 10 * PHA,
      treasury: 0,
    });
    const joined = stepEra(genesis, { intents: two, faults: [] }, makeContext(0)).state;
    const stakes = (faults: EraInputs['faults']) =>
      stepEra(joined, { intents: [], faults }, makeContext(1)).state.miners.map((m) => m.stakeLocked / PHA);
    // f = 1 PHA a miner and era: by era 1 each has 2 of promise before the 5 PHA slash, 3 from stake.
    expect(stakes([{ miner: 'm2', level: 1 }])).toEqual([100, 97]);
    expect(stakes([{ miner: 'm2', level: 1, slot: 1 }])).toEqual([100, 97]);
    expect(stakes([{ miner: 'm2', level: 1, slot: 0 }])).toEqual([100, 97]); // m1's slot: m2 is found by id
    expect(stakes([{ miner: 'm2', level: 1, slot: 7 }])).toEqual([100, 97]); // no such slot
  });

  it('keeps a preference list from era to era when nothing changes (paper §3 Discussion)', () => {
    const miners = Array.from({ length: 6 }, (_, i) => ({ ...join, actor: `m${i}`, owner: `op:m${i}` }));
    let state = createGenesis({
      balances: [...miners.map((m) => [m.owner, 100 * PHA] as const), ['dev', 10 * PHA]],
      subsidyPool: 0,
      treasury: 0,
    });
    state = stepEra(state, { intents: [...miners, create], faults: [] }, makeContext(0)).state;
    const first = state.clusters[0]!.list;
    const next = stepEra(state, { intents: [], faults: [] }, makeContext(1));
    expect(next.state.clusters[0]!.list).toBe(first);
    const left = stepEra(next.state, { intents: [{ type: 'LeaveMining', actor: 'm3' }], faults: [] }, makeContext(2));
    const slot3 = state.minerSlots.get('m3');
    expect(left.state.clusters[0]!.list).toEqual(first.filter((s) => s !== slot3));
  });

  it('matches miners to a staked cluster within its budget and the rest to the general cluster', () => {
    const miners = [300, 300, 400].map((p, i) => ({ ...join, actor: `m${i}`, owner: `op:m${i}`, performance: p }));
    const genesis = createGenesis({
      balances: [...miners.map((m) => [m.owner, 100 * PHA] as const), ['dev', 10 * PHA]],
      subsidyPool: 0,
      treasury: 0,
    });
    // α = 0.5 of P = 1000: the cluster's budget is 500, so it can hold one miner at most.
    const result = stepEra(genesis, { intents: [...miners, create], faults: [] }, makeContext(0, { alpha: 0.5 }));
    expect(result.report.matching.budgets).toEqual([500]);
    expect(result.state.miners.filter((m) => m.state === 'Active')).toHaveLength(1);
    expect(result.report.matching.allocated[0]).toBeLessThanOrEqual(500);
  });
});
