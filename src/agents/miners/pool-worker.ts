import * as z from 'zod';
import { NO_INTENTS, type MinerStrategy } from '../strategy.js';
import { nextPayoutEra, payoutIntents, payoutPolicy } from './payout-policy.js';

const params = z.strictObject({ payout: payoutPolicy });

/** A worker of a stake pool (doc 002): its owner starts and stops it; its payouts go to the pool. */
export const poolWorker: MinerStrategy<z.infer<typeof params>> = {
  kind: 'miner',
  name: 'pool-worker',
  summary: 'started and stopped by its pool owner; asks for payouts (paid to the pool) by its policy',
  params,
  decide(view, _self, record, p) {
    if (!record || (record.state !== 'Idle' && record.state !== 'Active')) return NO_INTENTS;
    return payoutIntents(p.payout, view.era, record);
  },
  quietUntil: (era, _self, record, p) => nextPayoutEra(p.payout, era, record),
};
