import { randomPreferences } from '../src/agents/developers/random-preferences.js';
import type { EraContext, MechanismParams } from '../src/mechanism/era.js';
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
      slashAmounts: new Map([[1, 5 * PHA]]),
      slashSink: 'treasury',
      ...params,
    },
    rewards: createPaperRewardModel(f, g, {}),
    policies: new Map([['random', randomPreferences.create({})]]),
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
    ...fields,
  };
}
