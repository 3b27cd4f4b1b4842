import * as z from 'zod';
import type { EraState, Miner } from '../../mechanism/types.js';
import { isOnline } from '../../mechanism/types.js';
import type { MinerStrategy } from '../strategy.js';
import { joinIntent } from './always-on.js';
import { payoutIntents, payoutPolicy } from './payout-policy.js';

const params = z.strictObject({
  payout: payoutPolicy,
  initial: z.number().int().nonnegative().default(1).describe('machines it runs from its join era'),
  top_brackets: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('how many of the highest brackets count as "in demand"'),
  every: z.number().int().positive().default(30).describe('eras at least between two new machines'),
});

/**
 * An operator whose group's miners are its machines. It starts with `initial` of them and adds the
 * next while every machine it runs sits in the top brackets: the incentive to expand capacity that
 * paper §1.3 promises miners "in high demand". Machines join in id order.
 */
export const capacityExpanding: MinerStrategy<z.infer<typeof params>> = {
  kind: 'miner',
  name: 'capacity-expanding',
  summary: 'starts with a few machines of its group and adds the next while all it runs sit in the top brackets',
  params,
  decide(view, self, record, p, _rng, env) {
    if (record) return isOnline(record) ? payoutIntents(p.payout, view.era, record) : [];
    if (view.era < self.joinEra) return [];
    const machines = env.groupMiners(self.group);
    const position = machines.findIndex((m) => m.id === self.id);
    if (position < p.initial) return [joinIntent(self)];
    const running = machines.slice(0, position).map((m) => recordOf(view, m.id));
    // Only the next machine in line may join, once its predecessor has served `every` eras.
    const previous = running[position - 1];
    if (!previous || !isOnline(previous) || view.era - previous.joinedEra < p.every) return [];
    const lowest = env.bracketCount() - p.top_brackets + 1;
    const inDemand = running.every((m) => !m || !isOnline(m) || m.bracket >= lowest);
    return inDemand ? [joinIntent(self)] : [];
  },
};

function recordOf(view: EraState, id: string): Miner | undefined {
  const slot = view.minerSlots.get(id);
  return slot === undefined ? undefined : view.miners[slot];
}
