import type { EraInputs } from '../mechanism/era.js';
import type { Intent } from '../mechanism/intents.js';
import type { Rng } from '../mechanism/rng.js';
import type { Fault } from '../mechanism/slashing.js';
import { isOnline, type EraState } from '../mechanism/types.js';
import type { DeveloperAgent, DeveloperStrategy, FaultModel, MinerAgent, MinerStrategy } from './strategy.js';

export interface MinerPlayer {
  readonly agent: MinerAgent;
  readonly strategy: MinerStrategy;
  readonly params: unknown;
  readonly faultModel: FaultModel;
  readonly faultParams: unknown;
}

export interface DeveloperPlayer {
  readonly agent: DeveloperAgent;
  readonly strategy: DeveloperStrategy;
  readonly params: unknown;
}

/** Every agent of a run with its chosen strategy. */
export interface Population {
  readonly miners: readonly MinerPlayer[];
  readonly developers: readonly DeveloperPlayer[];
}

/**
 * Step 1 of an era (SPEC §3.1): every agent sees the state after the last era and says what it
 * wants; online miners' fault models say what went wrong. Each agent draws from its own named
 * stream, so adding an agent does not change another's draws.
 */
export function decideEra(population: Population, view: EraState, stream: (...labels: string[]) => Rng): EraInputs {
  const intents: Intent[] = [];
  const faults: Fault[] = [];
  for (const d of population.developers) {
    intents.push(...d.strategy.decide(view, d.agent, d.params, stream('developer', d.agent.id)));
  }
  for (const m of population.miners) {
    const slot = view.minerSlots.get(m.agent.id);
    const record = slot === undefined ? undefined : view.miners[slot];
    intents.push(...m.strategy.decide(view, m.agent, record, m.params, stream('miner', m.agent.id)));
    if (record && isOnline(record)) {
      faults.push(...m.faultModel.faults(view.era, m.agent, m.faultParams, stream('faults', m.agent.id)));
    }
  }
  return { intents, faults };
}
