import { describe, expect, it } from 'vitest';
import { decideEra, type AgentStreams, type MinerPlayer, type Population } from '../../src/agents/decide-era.js';
import { HolderRoster, MinerRoster } from '../../src/agents/rosters.js';
import { createGenesis } from '../../src/mechanism/era.js';
import { orderIntents, type Intent } from '../../src/mechanism/intents.js';

/** Delegators and miners that say what they are told to, whoever they are. */
function population(says: Record<string, Intent[]>, inIdOrder: boolean | undefined): Population {
  const player = (id: string) => ({
    agent: { id, group: 'g', joinEra: 0, phase: 0, owner: `op:${id}`, performance: 1, confidence: 1, stake: 0 },
    strategy: { decide: () => says[id] ?? [] },
    params: {},
    streamKey: 0,
    lastingKey: 0,
    account: -1,
  });
  const miner = (id: string) => ({
    ...player(id),
    faultModel: { faults: () => [] },
    faultParams: {},
  });
  const miners = [miner('m1'), miner('m2')];
  return {
    miners,
    roster: new MinerRoster(miners as unknown as MinerPlayer[]),
    holderRoster: new HolderRoster(2),
    developers: [],
    endUsers: [],
    owners: [],
    delegators: [player('d1'), player('d2')],
    script: new Map(),
    ...(inIdOrder === undefined ? {} : { inIdOrder }),
  } as unknown as Population;
}

const streams: AgentStreams = {
  era: () => ({ next: () => 0.5 }),
  eraBase: () => 0,
  lasting: () => ({ next: () => 0.5 }),
};
const view = createGenesis({ balances: [], subsidyPool: 0, treasury: 0 });
const delegate = (actor: string): Intent => ({ type: 'Delegate', actor, pool: 'p', amount: 1 });
const payout = (actor: string): Intent => ({ type: 'RequestPayout', actor, amount: 'all' });

describe('decideEra vouches for its intents’ order (SPEC §3.1) only when it holds', () => {
  it('vouches when every agent gives intents of its own, of its kind, asked in id order', () => {
    const inputs = decideEra(
      population({ d1: [delegate('d1'), delegate('d1')], d2: [delegate('d2')], m2: [payout('m2')] }, true),
      view,
      streams,
    );
    expect(inputs.inKindOrder).toBe(true);
    expect(orderIntents(inputs.intents)).toEqual(inputs.intents);
  });

  it('does not when an agent speaks for another, even one later in the order', () => {
    const inputs = decideEra(population({ d1: [delegate('d2')], d2: [delegate('d1')] }, true), view, streams);
    expect(inputs.inKindOrder).toBe(false);
    expect(orderIntents(inputs.intents)).not.toEqual(inputs.intents); // the order the check guards
  });

  it('does not when an agent gives an intent of another kind', () => {
    const inputs = decideEra(population({ m1: [delegate('m1')] }, true), view, streams);
    expect(inputs.inKindOrder).toBe(false);
  });

  it('does not for players not known to be in id order', () => {
    expect(decideEra(population({ d1: [delegate('d1')] }, undefined), view, streams).inKindOrder).toBe(false);
  });
});
