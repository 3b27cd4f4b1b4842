import * as z from 'zod';
import type { Intent } from '../../mechanism/intents.js';
import type { Miner } from '../../mechanism/types.js';

export const payoutEvery = z
  .number()
  .int()
  .nonnegative()
  .default(7)
  .describe('eras between payout requests for all that is available; 0 = only the final payout at exit');

/** Every `every` eras of service, ask for all the cap allows (paper §4, "Intermediate Payouts"). */
export function scheduledPayout(era: number, record: Miner, every: number): Intent[] {
  const served = era - record.joinedEra + 1;
  if (every > 0 && served % every === 0) return [{ type: 'RequestPayout', actor: record.id, amount: 'all' }];
  return [];
}
