import * as z from 'zod';
import type { MinerStrategy } from '../strategy.js';
import { payoutEvery, scheduledPayout } from './payout-schedule.js';

const params = z.strictObject({ payout_every: payoutEvery });

/**
 * A worker of a stake pool (doc 002): its pool owner starts and stops it; the worker only asks for
 * payouts, which go to the pool.
 */
export const poolWorker: MinerStrategy<z.infer<typeof params>> = {
  kind: 'miner',
  name: 'pool-worker',
  summary: 'started and stopped by its pool owner; requests payouts (to the pool) every N eras',
  params,
  decide(view, _self, record, p) {
    if (!record || (record.state !== 'Idle' && record.state !== 'Active')) return [];
    return scheduledPayout(view.era, record, p.payout_every);
  },
};
