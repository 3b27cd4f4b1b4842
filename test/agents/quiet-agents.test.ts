import { describe, expect, it } from 'vitest';
import { decideEra, type AgentStreams, type MinerPlayer, type Population } from '../../src/agents/decide-era.js';
import { HolderRoster, MinerRoster } from '../../src/agents/rosters.js';
import type { DelegatorStrategy, MinerStrategy } from '../../src/agents/strategy.js';
import { CounterStream, streamBase } from '../../src/mechanism/counter-rng.js';
import { createGenesis } from '../../src/mechanism/era.js';
import { copyMiners } from '../../src/mechanism/miner-columns.js';
import type { EraState, MinerState, Pool } from '../../src/mechanism/types.js';
import { makeMiner, play } from '../helpers.js';

const streams: AgentStreams = {
  era: (purpose, key) => new CounterStream(key, purpose),
  eraBase: (purpose, key) => streamBase(key, purpose),
  lasting: (key, n) => new CounterStream(key, n),
};

/** A strategy that says nothing, notes each era it is asked at, and promises quiet for `quietFor` eras. */
function noting(kind: 'miner' | 'delegator', quietFor: number, asked: number[]) {
  return {
    kind,
    name: 'quiet',
    summary: '',
    params: undefined as never,
    decide: (view: EraState) => {
      asked.push(view.era);
      return [];
    },
    quietUntil: (era: number) => era + quietFor,
  };
}

/** One miner whose strategy says nothing and, asked, promises quiet for `quietFor` eras. */
function quietMiner(quietFor: number, asked: number[]): Population {
  const strategy = noting('miner', quietFor, asked) as MinerStrategy;
  const player = {
    agent: { id: 'm1', group: 'g', owner: 'op:m1', performance: 1000, confidence: 1, stake: 100, joinEra: 0 },
    strategy,
    params: {},
    faultModel: { faults: () => [] },
    faultParams: {},
    streamKey: 0,
    lastingKey: 0,
    account: -1,
  } as unknown as MinerPlayer;
  const none = { developers: [], endUsers: [], owners: [], delegators: [], script: new Map() };
  const rosters = { roster: new MinerRoster([player]), holderRoster: new HolderRoster(0) };
  return { miners: [player], ...rosters, ...none } as unknown as Population;
}

/** The state after era `era` − 1 with miner m1 in `state`, on a record of its own. */
function viewAt(era: number, state: MinerState): EraState {
  const { states } = play({}, [[]]);
  const rows = copyMiners([makeMiner({ state })], new Map());
  return { ...states[0]!, era, miners: rows.miners, minerColumns: rows.columns, minerSlots: new Map([['m1', 0]]) };
}

describe('quiet miners (MinerStrategy.quietUntil, on the fast path)', () => {
  const eras: [number, MinerState][] = [
    [1, 'Idle'],
    [2, 'Active'],
    [3, 'Stopped'],
    [4, 'CoolingDown'],
    [5, 'Idle'],
    [6, 'Idle'],
  ];

  it('are not asked while online before the era they gave, and are asked every era offline and after', () => {
    const asked: number[] = [];
    const population = quietMiner(100, asked);
    for (const [era, state] of eras) decideEra(population, viewAt(era, state), streams, true);
    // Era 1 promised quiet until 101; offline in 3 and 4 it is asked, and back online in 5 (its
    // quiet promise forgotten while offline) it is asked again, then promises quiet anew.
    expect(asked).toEqual([1, 3, 4, 5]);
  });

  it('are asked again at the era they gave', () => {
    const asked: number[] = [];
    const population = quietMiner(2, asked);
    for (let era = 1; era <= 6; era++) decideEra(population, viewAt(era, 'Idle'), streams, true);
    expect(asked).toEqual([1, 3, 5]);
  });

  it('are asked every era on the plain path', () => {
    const asked: number[] = [];
    const population = quietMiner(100, asked);
    for (const [era, state] of eras) decideEra(population, viewAt(era, state), streams);
    expect(asked).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

/** One delegator whose strategy says nothing and, asked, promises quiet for 100 eras. */
function quietDelegator(asked: number[]): Population {
  const strategy = noting('delegator', 100, asked) as DelegatorStrategy;
  const player = {
    agent: { id: 'd1', group: 'g', joinEra: 0, phase: 0 },
    strategy,
    params: {},
    streamKey: 0,
    lastingKey: 0,
    account: 0,
  };
  const rosters = { roster: new MinerRoster([]), holderRoster: new HolderRoster(1) };
  const none = { miners: [], developers: [], endUsers: [], owners: [], script: new Map() };
  return { delegators: [player], ...rosters, ...none } as unknown as Population;
}

/** The state after era `era` − 1: d1's balance, and one pool last forced to stop in `forcedStop`. */
function holderView(era: number, balance: number, forcedStop: number | null): EraState {
  const genesis = createGenesis({ balances: [['d1', balance]], subsidyPool: 0, treasury: 0 });
  return { ...genesis, era, pools: [{ lastForcedStop: forcedStop } as Pool] };
}

describe('quiet delegators (DelegatorStrategy.quietUntil, on the fast path)', () => {
  const eras: [number, number, number | null][] = [
    [1, 0, null], // asked: quiet until 101
    [2, 0, null], // quiet
    [3, 50, null], // a balance: asked
    [4, 0, null], // quiet again
    [5, 0, 4], // a pool forced to stop since it was asked: asked
    [6, 0, 4], // quiet: no stop since era 5
    [7, 0, null],
  ];

  it('are not asked while their balance is 0 and no pool was forced to stop since they were', () => {
    const asked: number[] = [];
    const population = quietDelegator(asked);
    for (const [era, balance, stop] of eras) decideEra(population, holderView(era, balance, stop), streams, true);
    expect(asked).toEqual([1, 3, 5]);
  });

  it('are asked every era on the plain path', () => {
    const asked: number[] = [];
    const population = quietDelegator(asked);
    for (const [era, balance, stop] of eras) decideEra(population, holderView(era, balance, stop), streams);
    expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
