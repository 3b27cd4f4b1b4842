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
    // The balance first: it is cheap (its account's place is on the player), and a delegator that
    // has delegated all has none left, most eras: the agent itself, one more object to fetch, is
    // then left unread (M: 25,000 holders an era).
    const amount = Math.floor(env.ownBalance() * p.fraction);
    if (amount <= 0 || view.era < self.joinEra || view.pools.length === 0) return NO_INTENTS;
    if (env.poolsOf(self.id).length > 0) return NO_INTENTS;
    const pool = p.pool ?? (view.pools[randomInt(rng, view.pools.length)]?.id as string);
    return [{ type: 'Delegate', actor: self.id, pool, amount }];
  },
  // Without a balance it has nothing to delegate, whatever else happens.
  quietUntil: () => Infinity,
};
