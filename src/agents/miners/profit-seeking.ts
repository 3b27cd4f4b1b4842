import * as z from 'zod';
import { isOnline } from '../../mechanism/types.js';
import type { AgentEnv, MinerAgent, MinerStrategy } from '../strategy.js';
import { joinIntent } from './always-on.js';
import { payoutIntents, payoutPolicy } from './payout-policy.js';

const params = z.strictObject({
  payout: payoutPolicy,
  hardware_cost: z.number().min(0).default(0).describe("hardware cost per era, amortised, in the market's currency"),
  running_cost: z
    .number()
    .min(0)
    .default(0)
    .describe("running cost per era (power, hosting), in the market's currency"),
  threshold: z.number().default(0).describe('profit per era in PHA above which it mines'),
  patience: z.number().int().positive().default(7).describe('eras in a row below the threshold before it leaves'),
  assumed_bracket: z.number().int().positive().default(1).describe('the bracket it expects before it has one'),
});

type Params = z.infer<typeof params>;

/**
 * Mines while it pays (paper §1.3: miners are remunerated for the time they devote): the expected
 * reward per era, f(C, P) + g(b), minus its cost per era converted to PHA at the market price. It
 * joins when that exceeds the threshold and leaves after `patience` eras in a row below it; it may
 * join again later. Its bracket is its last one, or the one it assumes before it has one.
 */
export const profitSeeking: MinerStrategy<Params> = {
  kind: 'miner',
  name: 'profit-seeking',
  summary: 'joins when reward minus cost (at the PHA price) beats a threshold; leaves after N eras below it',
  params,
  decide(view, self, record, p, _rng, env) {
    const era = view.era;
    if (era < self.joinEra) return [];
    if (!record || record.state === 'Stopped') {
      return profit(env, self, p, p.assumed_bracket, era) > p.threshold ? [joinIntent(self)] : [];
    }
    if (!isOnline(record)) return [];
    const served = era - record.joinedEra + 1;
    const bracket = record.bracket || p.assumed_bracket;
    let below = served >= p.patience;
    for (let t = era - p.patience + 1; below && t <= era; t++) below = profit(env, self, p, bracket, t) < p.threshold;
    if (below) return [{ type: 'LeaveMining', actor: self.id }];
    return payoutIntents(p.payout, era, record);
  },
};

/** PHA per era: reward now, less the cost at era t's price. */
export function profit(env: AgentEnv, self: MinerAgent, p: Params, bracket: number, t: number): number {
  return (
    env.rewardEstimate(self.confidence, self.performance, bracket) - (p.hardware_cost + p.running_cost) / env.price(t)
  );
}
