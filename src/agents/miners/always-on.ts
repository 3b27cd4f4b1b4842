import * as z from 'zod';
import type { Intent } from '../../mechanism/intents.js';
import { balanceOf } from '../../mechanism/ledger.js';
import { NO_INTENTS, type MinerStrategy } from '../strategy.js';
import { nextPayoutEra, payoutIntents, payoutPolicy } from './payout-policy.js';

const params = z.strictObject({
  payout: payoutPolicy,
  exit_probability: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('chance per era of leaving (then cool-down and final payout W)'),
  rejoin: z
    .boolean()
    .default(false)
    .describe('joins again, with a new value promise, once its cool-down after leaving is over'),
});

/** Joins at its group's join era, mines, asks for payouts by its policy, and may leave at random. */
export const alwaysOn: MinerStrategy<z.infer<typeof params>> = {
  kind: 'miner',
  name: 'always-on',
  summary:
    'joins at its join era and mines on; payouts by its policy; leaves with a given chance per era, and may rejoin',
  params,
  decide(view, self, record, p, rng) {
    if (!record) return view.era >= self.joinEra ? [joinIntent(self)] : NO_INTENTS;
    // An excluded miner lost its stake: it rejoins only if its operator can stake again.
    if (record.state === 'Stopped')
      return p.rejoin && balanceOf(view.ledger, self.owner) >= self.stake ? [joinIntent(self)] : NO_INTENTS;
    if (record.state !== 'Idle' && record.state !== 'Active') return NO_INTENTS;
    if (p.exit_probability > 0 && rng.next() < p.exit_probability) return [{ type: 'LeaveMining', actor: self.id }];
    return payoutIntents(p.payout, view.era, record);
  },
  // Online, it draws to leave each era (if it may), else speaks only on paydays.
  quietUntil: (era, _self, record, p) => (p.exit_probability > 0 ? era + 1 : nextPayoutEra(p.payout, era, record)),
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
