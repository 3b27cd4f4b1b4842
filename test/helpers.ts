import { randomPreferences } from '../src/agents/developers/random-preferences.js';
import { expect } from 'vitest';
import { createGenesis, stepEra, type EraContext, type EraInputs, type MechanismParams } from '../src/mechanism/era.js';
import type { Intent } from '../src/mechanism/intents.js';
import { supplyGap } from '../src/mechanism/ledger.js';
import type { EraState } from '../src/mechanism/types.js';
import type { AgentEnv } from '../src/agents/strategy.js';
import { compileExpression } from '../src/mechanism/expressions.js';
import { createPaperRewardModel } from '../src/mechanism/rewards.js';
import { rngFor } from '../src/mechanism/rng.js';
import type { Miner } from '../src/mechanism/types.js';
import { GENERAL } from '../src/mechanism/matching.js';

export const PHA = 1_000_000;

/** An era context for mechanism tests: f = C·P/1000 PHA, g = b − 1 PHA unless given. */
export function makeContext(
  era: number,
  params: Partial<MechanismParams> = {},
  formulas: { f?: string; g?: string } = {},
): EraContext {
  const f = compileExpression(formulas.f ?? 'C * P / 1000', ['C', 'P', 'k', 'm', 't']);
  const g = compileExpression(formulas.g ?? 'b - 1', ['b', 'k', 'm', 't']);
  return {
    params: {
      alpha: 0,
      brackets: 1,
      rule: 'algorithm1',
      cooldownEras: 2,
      graceEras: 7,
      unbondingEras: 3,
      returnSmoothing: 0.25,
      minStake: () => 0,
      slashAmounts: new Map([[1, 5 * PHA]]),
      slashSink: 'treasury',
      ...params,
    },
    rewards: createPaperRewardModel(f, g, {}),
    policies: new Map([['random', randomPreferences.create({}, { minerIdsOf: () => [] })]]),
    rng: (...labels) => rngFor('test', era, ...labels),
  };
}

/** A miner record with a ledger, for the payout and slashing formulas. */
export function makeMiner(fields: Partial<Miner> = {}): Miner {
  return {
    id: 'm1',
    slot: 0,
    owner: 'op:m1',
    performance: 1000,
    confidence: 1,
    stake: 100,
    stakeLocked: 100,
    accrued: 0,
    slashed: 0,
    paid: 0,
    state: 'Idle',
    cluster: GENERAL,
    points: 0,
    bracket: 1,
    joinedEra: 0,
    leftEra: null,
    onLists: true,
    pool: null,
    ...fields,
  };
}

/**
 * Runs eras of scripted intents from balances in PHA (no value promise: f = g = 0), checking
 * conservation after each; returns every state and every refusal's reason.
 */
export function play(
  balances: Record<string, number>,
  eras: Intent[][],
  params: Partial<MechanismParams> = {},
): { states: EraState[]; refusals: string[] } {
  let state = createGenesis({
    balances: Object.entries(balances).map(([a, b]) => [a, b * PHA]),
    subsidyPool: 1000 * PHA,
    treasury: 0,
  });
  const states: EraState[] = [];
  const refusals: string[] = [];
  eras.forEach((script, era) => {
    const inputs: EraInputs = { script, intents: [], faults: [] };
    const result = stepEra(state, inputs, makeContext(era, params, { f: '0', g: '0' }));
    expect(supplyGap(result.state)).toBe(0);
    for (const e of result.events) if (e.type === 'IntentRefused') refusals.push(e.reason);
    state = result.state;
    states.push(state);
  });
  return { states, refusals };
}

/** An agent environment for strategy tests: neutral answers, overridden where a test needs. */
export function stubEnv(overrides: Partial<AgentEnv> = {}): AgentEnv {
  return {
    minStake: () => 0,
    minerAgent: () => undefined,
    poolValue: () => 0,
    workersStarted: () => 0,
    ownBalance: () => 0,
    poolsOf: () => [],
    poolsByReturn: () => [],
    recentForcedStops: () => false,
    price: () => 1,
    rewardEstimate: () => 0,
    bracketCount: () => 5,
    groupMiners: () => [],
    clusterOffers: () => [],
    ...overrides,
  };
}
