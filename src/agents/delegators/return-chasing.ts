import * as z from 'zod';
import type { Intent } from '../../mechanism/intents.js';
import { queuedAt } from '../../mechanism/pools.js';
import type { Pool } from '../../mechanism/types.js';
import { NO_INTENTS, type DelegatorStrategy } from '../strategy.js';

const params = z.strictObject({
  fraction: z.number().gt(0).max(1).default(1).describe('share of its free balance it delegates'),
  review_every: z
    .number()
    .int()
    .positive()
    .default(7)
    .describe('eras between reviews (each delegator on a day of its own in the cycle)'),
  hysteresis: z.number().min(0).default(0.2).describe('moves only if the best pool returns this much more, relatively'),
  exit_below: z.number().min(0).default(0).describe("withdraws if its pool's return per era falls below this"),
  leave_after_forced_stop: z
    .boolean()
    .default(true)
    .describe('withdraws from a pool whose workers were forced to stop'),
});

/**
 * Follows the best recent return (a pool's moving average of reward / value) with hysteresis, and
 * withdraws when the return drops or after a forced stop (doc 002 "Exit Staking").
 */
export const returnChasing: DelegatorStrategy<z.infer<typeof params>> = {
  kind: 'delegator',
  name: 'return-chasing',
  summary: 'delegates to the best recent return, moves with hysteresis, leaves on a low return or a forced stop',
  params,
  decide(view, self, p, _rng, env) {
    if (view.era < self.joinEra) return NO_INTENTS;
    const reviewing = daysIntoCycle(view.era, self, p.review_every) === 0;
    // Between reviews only a forced stop makes it look at its pools (most eras, for most delegators).
    const stopped = p.leave_after_forced_stop && env.recentForcedStops(view.era - p.review_every);
    const amount = Math.floor(env.ownBalance() * p.fraction);
    if (!reviewing && !stopped && amount <= 0) return NO_INTENTS; // nothing to look at this era
    const best = env.poolsByReturn()[0];
    // Made only for a withdrawal: most reviews end in one delegation or none.
    let intents: Intent[] | null = null;
    const current = reviewing || stopped ? env.poolsOf(self.id) : NO_POOLS;
    for (let i = 0; i < current.length; i++) {
      const pool = current[i]!;
      const forced =
        p.leave_after_forced_stop && pool.lastForcedStop !== null && pool.lastForcedStop >= view.era - p.review_every;
      const low = pool.returnEma < p.exit_below;
      const better = best !== undefined && best.id !== pool.id && best.returnEma > pool.returnEma * (1 + p.hysteresis);
      if (!forced && !(reviewing && (low || better))) continue;
      // One already waiting in the pool's queue stays in its place (a new request would go to the
      // back). Looked up last: a queue can be long, and most pools a delegator looks at it keeps.
      if (queuedAt(pool.queue, self.id) < 0)
        (intents ??= []).push({ type: 'Withdraw', actor: self.id, pool: pool.id, amount: 'all' });
    }
    if (best && amount > 0 && best.returnEma >= p.exit_below) {
      const delegation: Intent = { type: 'Delegate', actor: self.id, pool: best.id, amount };
      if (intents === null) return [delegation];
      intents.push(delegation);
    }
    return intents ?? NO_INTENTS;
  },
  // With no balance and no forced stop it looks at its pools only on its review days.
  quietUntil: (era, self, p) => nextReview(era, self, p.review_every),
};

/**
 * How far `era` (not before the delegator joins) is into its review cycle; 0 on a review day. Each
 * delegator reviews on a day of its own in the cycle, not all on the same day.
 */
function daysIntoCycle(era: number, self: { joinEra: number; phase: number }, every: number): number {
  return (era - self.joinEra + Math.floor(self.phase * every)) % every;
}

/** Its first review day after `era` (and not before it joins). */
function nextReview(era: number, self: { joinEra: number; phase: number }, every: number): number {
  const from = Math.max(era + 1, self.joinEra);
  const into = daysIntoCycle(from, self, every);
  return into === 0 ? from : from + every - into;
}

const NO_POOLS: readonly Pool[] = [];
