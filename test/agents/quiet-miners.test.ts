import { describe, expect, it } from 'vitest';
import { decideEra, type AgentStreams, type MinerPlayer, type Population } from '../../src/agents/decide-era.js';
import { MinerRoster } from '../../src/agents/miner-roster.js';
import type { MinerStrategy } from '../../src/agents/strategy.js';
import { CounterStream } from '../../src/mechanism/counter-rng.js';
import { copyMiners } from '../../src/mechanism/miner-columns.js';
import type { EraState, MinerState } from '../../src/mechanism/types.js';
import { makeMiner, play } from '../helpers.js';

const streams: AgentStreams = {
  era: (purpose, key) => new CounterStream(key, purpose),
  lasting: (key, n) => new CounterStream(key, n),
};

/** One miner whose strategy says nothing and, asked, promises quiet for `quietFor` eras. */
function quietMiner(quietFor: number, asked: number[]): Population {
  const strategy: MinerStrategy = {
    kind: 'miner',
    name: 'quiet',
    summary: '',
    params: undefined as never,
    decide: (view) => {
      asked.push(view.era);
      return [];
    },
    quietUntil: (era) => era + quietFor,
  };
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
  return { miners: [player], roster: new MinerRoster([player]), ...none } as unknown as Population;
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
