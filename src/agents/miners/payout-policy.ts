import * as z from 'zod';
import type { Intent } from '../../mechanism/intents.js';
import { netPromise, type Miner } from '../../mechanism/types.js';
import { phaToUnits } from '../../mechanism/units.js';
import { NO_INTENTS } from '../strategy.js';

/**
 * When a miner asks for an intermediate payout (paper §4): every N eras of service, whenever the
 * available amount reaches X PHA, or never (only the final payout W at exit). A request is for all
 * that the cap allows.
 */
export const payoutPolicy = z
  .union([
    z.literal('at-exit'),
    z.strictObject({ every: z.number().int().positive().describe('eras between requests') }),
    z.strictObject({ when_available: z.number().positive().describe('PHA available before it asks') }),
  ])
  .default({ every: 7 })
  .describe('when it asks for payouts: { every: N } eras, { when_available: X } PHA, or at-exit');

export type PayoutPolicy = z.infer<typeof payoutPolicy>;

export function payoutIntents(policy: PayoutPolicy, era: number, record: Miner): readonly Intent[] {
  if (policy === 'at-exit') return NO_INTENTS;
  const due =
    'every' in policy
      ? (era - record.joinedEra + 1) % policy.every === 0
      : netPromise(record) >= phaToUnits(policy.when_available);
  return due ? [{ type: 'RequestPayout', actor: record.id, amount: 'all' }] : NO_INTENTS;
}

/**
 * The first era after `era` at which the policy might ask, for `quietUntil`: the next N-th era of
 * service, never for at-exit, and the next era for an amount (the promise grows each era).
 */
export function nextPayoutEra(policy: PayoutPolicy, era: number, record: Miner): number {
  if (policy === 'at-exit') return Infinity;
  if (!('every' in policy)) return era + 1;
  const { every } = policy;
  // Due when (e − joinedEra + 1) is a multiple of N (payoutIntents); `into` is how far era is into its cycle.
  const into = (((era - record.joinedEra + 1) % every) + every) % every;
  return era + every - into;
}
