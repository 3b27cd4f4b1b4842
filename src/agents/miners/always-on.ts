import * as z from 'zod';
import type { MinerStrategy } from '../strategy.js';
import type { Intent } from '../../mechanism/intents.js';
import { payoutEvery, scheduledPayout } from './payout-schedule.js';

const params = z.strictObject({
  payout_every: payoutEvery,
  exit_probability: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('chance per era of leaving (then cool-down and final payout W)'),
});

/**
 * Joins at its group's join era, mines, asks for every intermediate payout the cap allows
 * (paper §4) every `payout_every` eras, and may leave at random.
 */
export const alwaysOn: MinerStrategy<z.infer<typeof params>> = {
  kind: 'miner',
  name: 'always-on',
  summary: 'joins at its join era, requests payouts every N eras, leaves with a given chance per era',
  params,
  decide(view, self, record, p, rng) {
    const era = view.era;
    if (!record) {
      if (era < self.joinEra) return [];
      return [joinIntent(self)];
    }
    if (record.state !== 'Idle' && record.state !== 'Active') return [];
    if (p.exit_probability > 0 && rng.next() < p.exit_probability) return [{ type: 'LeaveMining', actor: self.id }];
    return scheduledPayout(era, record, p.payout_every);
  },
};

export function joinIntent(self: {
  id: string;
  owner: string;
  performance: number;
  confidence: number;
  stake: number;
}): Intent {
  return {
    type: 'JoinMining',
    actor: self.id,
    owner: self.owner,
    performance: self.performance,
    confidence: self.confidence,
    stake: self.stake,
  };
}
