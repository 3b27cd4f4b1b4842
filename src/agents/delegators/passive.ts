import * as z from 'zod';
import { randomInt } from '../../mechanism/rng.js';
import { NO_INTENTS, type DelegatorStrategy } from '../strategy.js';

const params = z.strictObject({
  fraction: z.number().gt(0).max(1).default(1).describe('share of its balance it delegates'),
  pool: z.string().optional().describe('the pool it delegates to; default: one drawn at random'),
});

/** Delegates once, at its join era, and stays (doc 002: "a PHA holder delegates to the pool"). */
export const passiveDelegator: DelegatorStrategy<z.infer<typeof params>> = {
  kind: 'delegator',
  name: 'passive',
  summary: 'delegates a share of its balance once, to a given or random pool, and never withdraws',
  params,
  decide(view, self, p, rng, env) {
    if (view.era < self.joinEra || view.pools.length === 0) return NO_INTENTS;
    // The balance first: it is cheap, and a delegator that has delegated all has none left.
    const amount = Math.floor(env.ownBalance() * p.fraction);
    if (amount <= 0 || env.poolsOf(self.id).length > 0) return NO_INTENTS;
    const pool = p.pool ?? (view.pools[randomInt(rng, view.pools.length)]?.id as string);
    return [{ type: 'Delegate', actor: self.id, pool, amount }];
  },
};
